import type * as z from 'zod/mini';
import { readProblem } from './problem-details.js';
import type { BatchItemResult } from '../schemas/api.js';
import type { Problem } from '../schemas/api-responses.js';
import { ApiHttpError, ApiProblemError, ApiResponseError, type KaikuApiError } from './api-errors.js';
import { parseRetryAfter } from './retry-policy.js';

/** Statuses whose meaning (auth, rate limit, server failure) outweighs any body. */
const STATUS_FIRST = (status: number): boolean =>
  status === 401 || status === 403 || status === 429 || status >= 500;

/** The media type of a `Content-Type` header, lower-cased, without parameters. */
export function mediaType(header: string | null): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

function isJsonType(type: string): boolean {
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/** Paths and issue codes only: zod issues carry `input` values, which may be card IDs. */
export function summarizeIssues(error: z.core.$ZodError): { path: string; code: string }[] {
  return error.issues
    .slice(0, 20)
    .map((issue) => ({ path: issue.path.map(String).join('.'), code: issue.code }));
}

/** The most bytes a response body may have by default (`maxResponseBytes`). */
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
/** Error bodies are small problem documents; a longer one is not read (the status decides). */
const MAX_PROBLEM_BYTES = 64 * 1024;

function tooLarge(response: Response, maxBytes: number): ApiResponseError {
  return new ApiResponseError('response-too-large', `The response is larger than ${maxBytes} bytes.`, {
    status: response.status,
    retryable: false,
    params: { maxBytes },
  });
}

/**
 * The body as text, and how many bytes it had, counted as they stream in: more than `maxBytes` (declared or
 * received) cancels the body and throws `response-too-large`, so a hostile or broken server cannot fill the
 * terminal's memory. Fewer bytes than an uncompressed body's `Content-Length` is `truncated`.
 */
async function readText(response: Response, maxBytes: number): Promise<{ text: string; bytes: number }> {
  const header = response.headers.get('content-length');
  const declared = header !== null && /^\d+$/.test(header) ? Number(header) : undefined;
  if (declared !== undefined && declared > maxBytes) {
    void response.body?.cancel().catch(() => undefined);
    throw tooLarge(response, maxBytes);
  }
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (reader) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (cause) {
      // The body stream broke off mid-way (connection reset, proxy cut). Abort errors pass through.
      if (cause instanceof Error && cause.name === 'AbortError') throw cause;
      throw new ApiResponseError('truncated', 'The response body was cut off.', {
        cause,
        status: response.status,
      });
    }
    if (chunk.done) break;
    total += chunk.value.byteLength;
    if (total > maxBytes) {
      void reader.cancel().catch(() => undefined);
      throw tooLarge(response, maxBytes);
    }
    chunks.push(chunk.value);
  }
  if (declared !== undefined && !response.headers.has('content-encoding') && total < declared) {
    throw new ApiResponseError('truncated', 'The response body is shorter than its Content-Length.', {
      status: response.status,
      params: { expected: declared, received: total },
    });
  }
  return { text: await new Blob(chunks as BlobPart[]).text(), bytes: total };
}

function looksTruncated(text: string, error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  if (/end of (JSON input|data)|Unterminated|unexpected end/i.test(message)) return true;
  const position = /position (\d+)/.exec(message);
  return position !== null && Number(position[1]) >= text.trimEnd().length;
}

/**
 * The body as JSON. A parse error's message quotes the body (`Unexpected token 'A', "A045198723" …`), so it is
 * never kept as a `cause`: only the body's length goes along.
 */
function parseJson(text: string, status: number): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const cut = text.trim().length > 0 && looksTruncated(text, error);
    throw new ApiResponseError(
      cut ? 'truncated' : 'malformed-json',
      cut ? 'The JSON response was cut off.' : 'The response is not valid JSON.',
      { status, params: { length: text.length } },
    );
  }
}

/** Media types a captive portal or a proxy answers with; any other is reported as `other` (never the server's text). */
const KNOWN_TYPES = new Set([
  'text/html',
  'text/plain',
  'text/xml',
  'application/xml',
  'application/octet-stream',
]);

async function errorFor(response: Response, nowMs: number, maxBytes: number): Promise<KaikuApiError> {
  const status = response.status;
  const retryAfterMs = parseRetryAfter(
    response.headers.get('retry-after'),
    nowMs,
    response.headers.get('date'),
  );
  let problem: Problem | undefined;
  const json = isJsonType(mediaType(response.headers.get('content-type')));
  if (json) {
    try {
      const { text } = await readText(response, Math.min(maxBytes, MAX_PROBLEM_BYTES));
      problem = readProblem(JSON.parse(text));
    } catch {
      // An unreadable error body: the status alone decides.
    }
  }
  if (problem && !STATUS_FIRST(status))
    return new ApiProblemError({ ...problem, status }, retryAfterMs !== undefined ? { retryAfterMs } : {});
  return new ApiHttpError(status, {
    ...(problem ? { problem } : {}),
    intermediary: !json,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

/**
 * Turns a response into validated data or a typed error: an error status → `ApiProblemError`
 * (problem+json) or `ApiHttpError`; a 2xx that is not JSON (e.g. a proxy's HTML page) →
 * `content-type`; unparsable → `malformed-json`; cut short → `truncated`; wrong shape → `schema`;
 * longer than `maxBytes` → `response-too-large`. Resolves to the data and the body's size in bytes.
 */
export async function readResponse<S extends z.ZodMiniType>(
  response: Response,
  schema: S,
  nowMs: number,
  maxBytes: number = DEFAULT_MAX_RESPONSE_BYTES,
): Promise<{ data: z.infer<S>; bytes: number }> {
  if (response.status < 200 || response.status > 299) throw await errorFor(response, nowMs, maxBytes);
  const type = mediaType(response.headers.get('content-type'));
  if (!isJsonType(type)) {
    // Not awaited: some bodies (a stalled proxy page) never settle their cancel.
    void response.body?.cancel().catch(() => undefined);
    const contentType = type === '' ? 'none' : KNOWN_TYPES.has(type) ? type : 'other';
    throw new ApiResponseError('content-type', `Expected JSON, got ${contentType}.`, {
      status: response.status,
      params: { contentType },
    });
  }
  const { text, bytes } = await readText(response, maxBytes);
  const data = parseJson(text, response.status);
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issues = summarizeIssues(parsed.error);
    // A usage ID that is no handle (a card ID, free text): the server's to fix, so its own code and no retry.
    if (issues.every((i) => i.path.endsWith('usageId') && i.code === 'invalid_format'))
      throw new ApiResponseError('usage-id-invalid', 'The usage ID in the answer is not a usage handle.', {
        status: response.status,
        retryable: false,
        issues,
      });
    throw new ApiResponseError('schema', 'The response does not match the Kaikukanta contract.', {
      status: response.status,
      issues,
      params: { fields: issues.map((i) => i.path).join(', ') },
    });
  }
  return { data: parsed.data as z.infer<S>, bytes };
}

/**
 * Puts a batch answer into the order of the request, matched by idempotency key (a reordering is harmless), and
 * refuses one that does not cover exactly the keys sent (fewer or more results, keys not sent, a key answered more
 * often than sent): taken by position, it would mark one usage synced on another's result. Refusing loses nothing:
 * every item carries its key, so the whole batch can be resent and the server replays.
 */
export function matchBatchResults(
  sentKeys: readonly string[],
  results: readonly BatchItemResult[],
  status: number,
): BatchItemResult[] {
  // A request may repeat a key (the later item replays the first): queue the results per key.
  const byKey = new Map<string, BatchItemResult[]>();
  for (const r of results) byKey.set(r.idempotencyKey, [...(byKey.get(r.idempotencyKey) ?? []), r]);
  let problem: string | undefined = results.length !== sentKeys.length ? 'count' : undefined;
  const ordered: BatchItemResult[] = [];
  for (const key of sentKeys) {
    const result = byKey.get(key)?.shift();
    if (result) ordered.push(result);
    else problem ??= 'missing-key';
  }
  if ([...byKey.values()].some((left) => left.length > 0)) problem ??= 'unknown-key';
  if (problem !== undefined) {
    throw new ApiResponseError('schema', 'The batch answer does not match the items sent.', {
      status,
      issues: [{ path: 'results', code: `batch-${problem}` }],
      params: { fields: 'results', sent: sentKeys.length, received: results.length },
    });
  }
  return ordered;
}
