import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { makeProblem, type Problem } from '@kaiku-scanner/core/contract';

/** Sends JSON with an explicit length (clients check it to detect truncation). */
export const sendJson = (res: ServerResponse, status: number, body: unknown, headers = {}): void =>
  sendText(res, status, JSON.stringify(body), 'application/json; charset=utf-8', headers);

/**
 * An RFC 9457 problem as raw HTTP/1.1 bytes, for answers written straight to a socket before (or instead of) a
 * request object: Node's parse errors, timeouts, refused upgrades and the connection limit. The connection closes.
 */
export function rawProblemResponse(problem: Problem, headers: Record<string, string> = {}): string {
  const body = JSON.stringify(problem);
  const lines = [
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? ''}`,
    'Content-Type: application/problem+json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'Connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** Sends an RFC 9457 problem. */
export const sendProblem = (res: ServerResponse, problem: Problem, headers = {}): void =>
  sendText(res, problem.status, JSON.stringify(problem), 'application/problem+json; charset=utf-8', headers);

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  type: string,
  headers = {},
): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Any localhost page (any port, http or https) may call the sandbox from a browser. */
function isLocalOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
    );
  } catch {
    return false;
  }
}

/** CORS for local pages: the origin is echoed (never `*`), and Retry-After is exposed to scripts. */
export function applyCors(
  req: IncomingMessage,
  res: ServerResponse,
  extraOrigins: readonly string[],
): boolean {
  const origin = req.headers.origin;
  res.setHeader('vary', 'Origin');
  if (!origin || !(isLocalOrigin(origin) || extraOrigins.includes(origin))) return false;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('access-control-expose-headers', 'Retry-After, Idempotent-Replayed, Content-Length');
  return true;
}

/** Answers a CORS preflight. */
export function sendPreflight(req: IncomingMessage, res: ServerResponse, allowed: boolean): void {
  if (allowed) {
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-allow-headers', 'Authorization, Content-Type, Idempotency-Key, Accept');
    res.setHeader('access-control-max-age', '600');
    if (req.headers['access-control-request-private-network'] === 'true')
      res.setHeader('access-control-allow-private-network', 'true');
  }
  res.writeHead(204, { 'content-length': '0' });
  res.end();
}

export const problems = {
  notFound: () => makeProblem(404, 'not-found', 'Not found'),
  badRequest: (detail: string) => makeProblem(400, 'invalid-request', 'Invalid request', { detail }),
  methodNotAllowed: (allow: string) =>
    makeProblem(405, 'method-not-allowed', 'Method not allowed', {
      detail: `This resource answers ${allow} only (see Allow).`,
    }),
  requestTimeout: () =>
    makeProblem(408, 'request-timeout', 'Request timeout', {
      detail: 'The request did not arrive in time; send it again.',
    }),
  payloadTooLarge: (detail: string) => makeProblem(413, 'payload-too-large', 'Payload too large', { detail }),
  unsupportedMediaType: (detail: string) =>
    makeProblem(415, 'unsupported-media-type', 'Unsupported media type', { detail }),
  expectationFailed: () =>
    makeProblem(417, 'expectation-failed', 'Expectation failed', {
      detail: 'Only Expect: 100-continue is supported.',
    }),
  hostNotAllowed: () =>
    makeProblem(421, 'host-not-allowed', 'Host not allowed', {
      detail:
        'This server answers localhost, IP addresses and its configured host names only (DNS rebinding defence).',
    }),
  headersTooLarge: () =>
    makeProblem(431, 'headers-too-large', 'Request header fields too large', {
      detail: 'The request headers exceed the server limit.',
    }),
  forbidden: (detail: string) => makeProblem(403, 'forbidden', 'Forbidden', { detail }),
  agentNotAuthorized: () =>
    makeProblem(403, 'agent-not-authorized', 'Not a ticket agent of this venue', {
      detail: "The event's venue (forVenueId) has not named this venue (venueId) its ticket agent.",
    }),
  unauthorized: () =>
    makeProblem(401, 'unauthorized', 'Unauthorized', {
      detail: 'A bearer token is required (Authorization: Bearer …).',
    }),
  invalid: (
    issues: { path: string; code: string; suggestion?: string }[],
    detail = 'The request does not match the contract.',
  ) => makeProblem(400, 'invalid-request', 'Invalid request', { detail, issues }),
  internal: () => makeProblem(500, 'internal-error', 'Internal error'),
  cardNotRegistered: () =>
    makeProblem(404, 'card-not-registered', 'Card not registered', {
      detail: 'The card is not registered in Kaikukanta.',
    }),
  keyReused: () =>
    makeProblem(422, 'idempotency-key-reused', 'Idempotency key reused with another body', {
      detail: 'This Idempotency-Key was used for a different request; nothing was recorded.',
    }),
  keyMissing: () =>
    makeProblem(400, 'idempotency-key-missing', 'Idempotency-Key missing', {
      detail: 'POST /v1/usages requires an Idempotency-Key header.',
    }),
  batchTooLarge: (max: number) =>
    makeProblem(413, 'batch-too-large', 'Batch too large', { detail: `At most ${max} items.` }),
  usageNotFound: () => makeProblem(404, 'usage-not-found', 'Usage not found'),
  keyInProgress: () =>
    makeProblem(409, 'idempotency-key-in-progress', 'A request with this key is in progress'),
  rateLimited: (seconds: number) =>
    makeProblem(429, 'rate-limited', 'Too many requests', {
      detail: `Too many requests from this client; try again in ${seconds} s (Retry-After).`,
    }),
  unavailable: (detail = 'The database is busy; try again shortly.') =>
    makeProblem(503, 'unavailable', 'Temporarily unavailable', { detail }),
};
