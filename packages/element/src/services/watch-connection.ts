import type { Transport } from '@kaiku-scanner/core';
import type { Connection } from './types.js';

/** The sign-in codes: one per HTTP status, at every stage (look-up, sync, the status row). */
export const SIGN_IN_CODES: ReadonlySet<string> = new Set(['http-401', 'http-403']);

/** Every answer tells the connection: 401/403 `signed-out`, 5xx/429/none `unreachable`, else `ok` (health:
 * `unknown`); a cancelled request says nothing. */
export function watchConnection(
  inner: Transport,
  report: (connection: Connection, code?: string) => void,
): Transport {
  return async (req) => {
    let res: Response;
    try {
      res = await inner(req);
    } catch (error) {
      if (!req.signal.aborted) report('unreachable');
      throw error;
    }
    const s = res.status;
    if (s === 401 || s === 403) report('signed-out', `http-${s}`);
    else if (s >= 500 || s === 429) report('unreachable');
    else if (req.operation !== 'health') report('ok');
    else if (s < 300) report('unknown');
    return res;
  };
}
