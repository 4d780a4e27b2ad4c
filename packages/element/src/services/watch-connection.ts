import type { Transport } from '@kaiku-scanner/core';
import type { Connection } from './types.js';

/** The sign-in codes: one per HTTP status, at every stage (look-up, sync, the status row). */
export const SIGN_IN_CODES: ReadonlySet<string> = new Set(['http-401', 'http-403']);

/**
 * Wraps the API transport so that every request the services send — look-ups, tallies, syncs, the start-up check —
 * tells what Kaikukanta answered: 401/403 is `signed-out` (with its code), 5xx/429 or no response `unreachable`,
 * any other answer to a signed-in request `ok`. The health check needs no token: its answer only says Kaikukanta is
 * there (`unknown` sign-in). A request cancelled or timed out says nothing here (a timeout shows in its caller).
 *
 * @example
 * const transport = watchConnection(createHttpTransport({ baseUrl }), (c, code) => update(c, code));
 */
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
