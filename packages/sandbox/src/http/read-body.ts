import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Problem } from '@kaiku-scanner/core/contract';
import { problems, sendProblem } from './respond.js';

export const MAX_BODY_BYTES = 1_000_000;

type BodyResult =
  | { readonly ok: true; readonly value: unknown }
  | {
      readonly ok: false;
      readonly problem: Problem;
      /** The rest of the body was not read: the answer closes the connection instead of draining it. */
      readonly close: boolean;
    };

/**
 * A body over the limit: answered at once, and the rest of it read and dropped (for at most 2 s) before the
 * connection closes. Closing on unread data makes TCP reset the connection, and a client still sending would
 * lose the 413 before reading it.
 */
function tooLarge(req: IncomingMessage): BodyResult {
  const socket = req.socket;
  const cut = setTimeout(() => socket.destroy(), 2_000);
  req.once('end', () => {
    clearTimeout(cut);
    socket.end();
  });
  req.removeAllListeners('readable'); // the reader's iterator, which would hold the stream paused
  req.on('data', () => undefined).resume();
  return { ok: false, problem: problems.payloadTooLarge('The body is larger than 1 MB.'), close: false };
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
  const body = await readBody(req, allowEmpty);
  if (body.ok) return body;
  sendProblem(res, body.problem, body.close ? { connection: 'close' } : {});
  return undefined;
}

async function readBody(req: IncomingMessage, allowEmpty: boolean): Promise<BodyResult> {
  // The media type `application/json`, parameters such as charset allowed.
  if ((req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() !== 'application/json') {
    return {
      ok: false,
      problem: problems.unsupportedMediaType('The body must be application/json.'),
      close: false,
    };
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > MAX_BODY_BYTES) return tooLarge(req);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    // Not destroyed on an early return: the 413 goes out first (tooLarge).
    for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return tooLarge(req);
      chunks.push(chunk);
    }
  } catch {
    // The client closed or broke the framing mid-body; if it still listens, it learns why.
    return { ok: false, problem: problems.badRequest('The body ended before it was complete.'), close: true };
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (allowEmpty && text === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, problem: problems.badRequest('The body is not valid JSON.'), close: false };
  }
}
