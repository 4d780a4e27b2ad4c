import type { IncomingMessage, ServerResponse } from 'node:http';
import { fieldIssueToReason, toFieldIssues } from '@kaiku-scanner/core/contract';
import type * as z from 'zod/mini';
import { problems, sendProblem } from './respond.js';

const MAX_BODY_BYTES = 1_000_000;

/** How much of a refused body is read and dropped after the 413, at most (and for at most 2 s). */
const MAX_DRAIN_BYTES = 32 * 1024 * 1024;

/**
 * A body over the limit: answered at once with `Connection: close`, and the rest of it read and dropped (at most
 * 32 MiB, for at most 2 s) before the connection closes. Closing on unread data makes TCP reset the connection, and
 * a client still sending would lose the 413 before reading it — so only our side ends when the answer is out.
 */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse): undefined {
  const socket = req.socket;
  const cut = setTimeout(() => socket.destroy(), 2_000);
  req.once('end', () => {
    clearTimeout(cut);
    socket.end();
  });
  // Node destroys a `Connection: close` socket once the answer is written: end our half only, keep reading.
  Object.assign(socket, { destroySoon: () => socket.end() });
  let drained = 0;
  req.removeAllListeners('readable'); // the reader's iterator, which would hold the stream paused
  req
    .on('data', (chunk: Buffer) => {
      if ((drained += chunk.length) > MAX_DRAIN_BYTES) socket.destroy();
    })
    .resume();
  sendProblem(res, problems.payloadTooLarge('The body is larger than 1 MB.'), { connection: 'close' });
  return undefined;
}

/**
 * Reads a JSON request body (≤ 1 MB, `application/json`); `undefined` once a problem is answered instead: a wrong
 * type is 415 `unsupported-media-type`, too large 413 `payload-too-large`, a body that breaks off or is not JSON 400
 * `invalid-request`. `allowEmpty` reads an empty body as `{}`. Never throws.
 */
export async function readJsonBody(
  req: IncomingMessage,
  res: ServerResponse,
  allowEmpty = false,
): Promise<{ readonly value: unknown } | undefined> {
  // The media type `application/json`, parameters such as charset allowed.
  if ((req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() !== 'application/json')
    return void sendProblem(res, problems.unsupportedMediaType('The body must be application/json.'));
  if (Number(req.headers['content-length'] ?? NaN) > MAX_BODY_BYTES) return refuseTooLarge(req, res);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    // Not destroyed on an early return: the 413 goes out first (refuseTooLarge).
    for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return refuseTooLarge(req, res);
      chunks.push(chunk);
    }
  } catch {
    // The client closed or broke the framing mid-body; if it still listens, it learns why. The rest of the body
    // was not read: the answer closes the connection instead of draining it.
    const problem = problems.badRequest('The body ended before it was complete.');
    return void sendProblem(res, problem, { connection: 'close' });
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (allowEmpty && text === '') return { value: {} };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return void sendProblem(res, problems.badRequest('The body is not valid JSON.'));
  }
}

/**
 * `value` as `schema` reads it, or `undefined` once the problem naming each bad field is answered: a stable problem
 * code per field, and for an unknown field the one it probably meant (`"Cap": 1` → `cap`), so nothing sent is
 * silently dropped or misread. `prefix` puts the paths of a part (`show.`) in the whole body's terms; `path` names a
 * lone value (`showId`); `what` opens the detail.
 */
export function parseOrRefuse<T>(
  res: ServerResponse,
  schema: z.ZodMiniType<T>,
  value: unknown,
  options: { readonly what?: string; readonly prefix?: string; readonly path?: string } = {},
): T | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const { what, prefix = '', path } = options;
  const issues = toFieldIssues(parsed.error.issues, schema, [], value).map((issue) => ({
    ...issue,
    path: path ?? prefix + (issue.path === '(input)' && prefix ? '' : issue.path),
  }));
  const detail = issues.map((issue) => fieldIssueToReason(issue).message.en).join(' ');
  const codes = issues.map(({ path: p, problem, suggestion }) => ({
    path: p,
    code: problem,
    ...(suggestion ? { suggestion } : {}),
  }));
  sendProblem(res, problems.invalid(codes, what ? `${what} ${detail}` : detail));
  return undefined;
}

/** A JSON body (`readJsonBody`) as `schema` reads it (`parseOrRefuse`); `undefined` once a problem is answered. */
export async function readBody<T>(
  req: IncomingMessage,
  res: ServerResponse,
  schema: z.ZodMiniType<T>,
  allowEmpty = false,
): Promise<T | undefined> {
  const body = await readJsonBody(req, res, allowEmpty);
  return body && parseOrRefuse(res, schema, body.value);
}
