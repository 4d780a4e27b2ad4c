// The kit's polite HTTP client: the base URL only, no redirects, a budget, timeouts, and the waits asked for.
import { CheckStopped } from './check.js';
import type { ConformanceOptions } from './run-conformance.js';

/** An answer as the checks read it. */
export type Answer = {
  readonly status: number;
  readonly headers: Headers;
  readonly contentType: string;
  /** The parsed JSON body, or `undefined` when it is not JSON. */
  readonly json: unknown;
  /** The body as text (the privacy check reads error texts). */
  readonly text: string;
  /** The server's clock when the answer came (ms; as its health told it), when known. */
  readonly serverNow?: number;
};

/** One request and its answer, as a report shows them. */
export type Exchange = { readonly sent: string; readonly got: string };

export type SendInit = {
  body?: unknown;
  headers?: Record<string, string>;
  auth?: boolean;
  token?: string;
  /** Send the 409-in-progress answer back instead of waiting it out (the in-flight check wants to see it). */
  keep409?: boolean;
};

/** How long the server asks to wait, in ms: `Retry-After` in seconds or as an HTTP-date; 1 s without one. */
function retryAfterMs(headers: Headers): number {
  const value = headers.get('retry-after')?.trim() ?? '';
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? 1000 : Math.max(0, date - Date.now());
}

const JSON_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'Application/JSON;charset="UTF-8"',
];

/** The most of an answer the kit reads (a day's usage list in pages of 1 000 is well under it). */
const MAX_ANSWER_BYTES = 8 << 20;

/** The body as text, streamed: a longer one is cancelled and fails the check (a server must not flood its client). */
async function readBounded(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let r = await reader?.read(); r && !r.done; r = await reader!.read()) {
    if ((size += r.value.length) > MAX_ANSWER_BYTES) {
      await reader!.cancel();
      throw new Error(`an answer over 8 MiB (${response.status}), not read further`);
    }
    chunks.push(r.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** At most this many repeats of one request the server asked to wait for. */
const MAX_WAITS = 8;

/** At most `budget` requests (repeats included; one more: could-not-run), each within `timeoutMs`; none started
 * and no wait past `deadline` (ms since the epoch). */
export function createConformanceHttp(options: ConformanceOptions, deadline: number) {
  const { budget = 600, timeoutMs = 10_000 } = options;
  const base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  const doFetch = options.fetch ?? fetch;
  let used = 0;
  let waits = 0;
  let offset: number | undefined;
  const answers: Answer[] = [];
  const once = async (method: string, url: URL, init: SendInit): Promise<Answer> => {
    if (used >= budget) throw new CheckStopped('could-not-run', `the request budget (${budget}) is used up`);
    if (Date.now() >= deadline) throw new CheckStopped('could-not-run', 'the wall-clock limit is reached');
    used++;
    const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
    if (init.auth !== false) headers.authorization = `Bearer ${init.token ?? options.token}`;
    // Every legal spelling of JSON in turn, so every route meets each (docs/api.md: a media type's parameters).
    if (init.body !== undefined) headers['content-type'] ??= JSON_TYPES[used % JSON_TYPES.length]!;
    const signal = AbortSignal.timeout(Math.min(timeoutMs, Math.max(1, deadline - Date.now())));
    const body =
      typeof init.body === 'string' || init.body === undefined ? init.body : JSON.stringify(init.body);
    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, { method, headers, redirect: 'manual', signal, body: body ?? null });
      text = await readBounded(response);
    } catch (error) {
      // The contract bounds no answer's time: a slow server is not checked (said so), a reset one fails.
      if (!signal.aborted) throw error;
      const why = `no answer to ${method} ${url.pathname} within ${timeoutMs} ms (--timeout-ms)`;
      throw new CheckStopped('could-not-run', why);
    }
    let json: unknown;
    try {
      json = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      json = undefined;
    }
    const answer = {
      status: response.status,
      headers: response.headers,
      contentType: response.headers.get('content-type') ?? '',
      json,
      text,
      ...(offset === undefined ? {} : { serverNow: http.serverNow() }),
    };
    answers.push(answer);
    return answer;
  };
  const http = {
    used: () => used,
    /** How often the server asked the kit to slow down (429/503 with a wait). */
    waits: () => waits,
    /** Every answer so far (the privacy check scans them). */
    answers: answers as readonly Answer[],
    /** The server's clock read at `at` (ms): later answers carry `serverNow`. */
    serverClock: (time: number, at: number) => void (offset = time - at),
    /** The server's clock now (ms), as its health told it; the kit's before. */
    serverNow: () => Date.now() + (offset ?? 0),
    /** Called with each exchange (the check under way keeps the last ones for its report). */
    onExchange: undefined as ((exchange: Exchange) => void) | undefined,
    async send(method: string, path: string, init: SendInit = {}): Promise<Answer> {
      const url = new URL(path, base);
      // Only the given server: a path can never leave its origin.
      if (url.origin !== base.origin) throw new Error(`refusing to leave ${base.origin}`);
      for (let attempt = 0; ; attempt++) {
        const answer = await once(method, url, init);
        const code = (answer.json as { code?: unknown } | undefined)?.code;
        const asksToWait =
          answer.status === 429 ||
          (answer.status === 503 && answer.headers.has('retry-after')) ||
          (answer.status === 409 && !init.keep409 && code === 'idempotency-key-in-progress');
        if (!asksToWait || attempt >= MAX_WAITS) {
          http.onExchange?.({
            sent: `${method} ${url.pathname}${url.search}`,
            got: `${answer.status}${typeof code === 'string' ? ` ${code}` : ''}`,
          });
          return answer;
        }
        const wait = retryAfterMs(answer.headers);
        if (Date.now() + wait >= deadline) {
          const why = `the server asked to wait ${wait} ms, past the wall-clock limit`;
          throw new CheckStopped('could-not-run', why);
        }
        waits++;
        await new Promise((r) => setTimeout(r, wait));
      }
    },
  };
  return http;
}
export type Http = ReturnType<typeof createConformanceHttp>;
