import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 1_000_000;

export type BodyResult =
  { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415; detail: string };

/** Reads a JSON request body (≤ 1 MB, `application/json`). */
export async function readJsonBody(req: IncomingMessage): Promise<BodyResult> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    req.resume();
    return { ok: false, status: 415, detail: 'The body must be application/json.' };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return { ok: false, status: 413, detail: 'The body is larger than 1 MB.' };
    chunks.push(chunk);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  } catch {
    return { ok: false, status: 400, detail: 'The body is not valid JSON.' };
  }
}
