/**
 * The conformance kit's HTTP side: every request goes to the given base URL only (redirects are not followed),
 * counts against a fixed budget, and has a timeout. Answers are read in full, with status, headers and JSON.
 */
export type ConformanceHttpOptions = {
  /** The server under test, e.g. `https://kaikukanta.example/api/` (paths are resolved against it). */
  readonly baseUrl: string;
  /** The bearer token to use. */
  readonly token: string;
  /** At most this many requests in all; one more throws. */
  readonly budget: number;
  /** Per-request timeout. */
  readonly timeoutMs: number;
  readonly fetch?: typeof fetch;
};

export type Answer = {
  readonly status: number;
  readonly headers: Headers;
  readonly contentType: string;
  /** The parsed JSON body, or `undefined` when it is not JSON. */
  readonly json: unknown;
};

export class BudgetExceededError extends Error {
  constructor(budget: number) {
    super(`the request budget (${budget}) is used up`);
    this.name = 'BudgetExceededError';
  }
}

export type Http = {
  send(
    method: string,
    path: string,
    init?: { body?: unknown; headers?: Record<string, string>; auth?: boolean; token?: string },
  ): Promise<Answer>;
  readonly used: () => number;
};

/**
 * @example
 * const http = createConformanceHttp({ baseUrl, token, budget: 150, timeoutMs: 10_000 });
 * const health = await http.send('GET', 'v1/health', { auth: false });
 */
export function createConformanceHttp(options: ConformanceHttpOptions): Http {
  const base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  const doFetch = options.fetch ?? fetch;
  let used = 0;
  return {
    used: () => used,
    async send(method, path, init = {}) {
      if (used >= options.budget) throw new BudgetExceededError(options.budget);
      used++;
      const url = new URL(path, base);
      // Only the given server: a path can never leave its origin.
      if (url.origin !== base.origin) throw new Error(`refusing to leave ${base.origin}`);
      const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
      if (init.auth !== false) headers.authorization = `Bearer ${init.token ?? options.token}`;
      if (init.body !== undefined) headers['content-type'] ??= 'application/json';
      const response = await doFetch(url, {
        method,
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
        ...(init.body !== undefined
          ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }
          : {}),
      });
      const text = await response.text();
      let json: unknown;
      try {
        json = text === '' ? undefined : (JSON.parse(text) as unknown);
      } catch {
        json = undefined;
      }
      return {
        status: response.status,
        headers: response.headers,
        contentType: response.headers.get('content-type') ?? '',
        json,
      };
    },
  };
}
