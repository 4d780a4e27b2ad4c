/** Every report source as one stream of byte chunks, counted against the size limit: never held whole. */
import { ReportError } from './report-error.js';

/** Anything the import reads: a File/Blob, text, bytes, a web ReadableStream, or a Node stream / async iterable. */
export type ReportSource =
  Blob | string | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

const SLICE = 1 << 20;
const encoder = new TextEncoder();

async function* fromBytes(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += SLICE) yield bytes.subarray(i, i + SLICE);
}

async function* fromText(text: string): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < text.length;) {
    let end = Math.min(i + SLICE, text.length);
    // Never split a surrogate pair between two chunks.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    yield encoder.encode(text.slice(i, end));
    i = end;
  }
}

async function* fromReadableStream(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
    await stream.cancel().catch(() => undefined);
  }
}

async function* fromIterable(iterable: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array> {
  for await (const chunk of iterable) yield typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
}

async function* limited(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
  counter: { bytes: number },
): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    counter.bytes += chunk.byteLength;
    if (counter.bytes > maxBytes) throw new ReportError('report-too-large', { limit: maxBytes });
    yield chunk;
  }
}

/**
 * Opens a source as byte chunks, refused over `maxBytes` up front (`size` known) or when the stream gets there;
 * `isText` for a string (no encoding to detect), `counter` the bytes read so far.
 *
 * @example
 * const { chunks } = openSource(file, 256 * 1024 * 1024);
 */
export function openSource(source: ReportSource, maxBytes: number) {
  let chunks: AsyncIterable<Uint8Array>;
  let size: number | undefined;
  let isText = false;
  if (typeof source === 'string') {
    chunks = fromText(source);
    isText = true;
  } else if (source instanceof Uint8Array || source instanceof ArrayBuffer) {
    const bytes = source instanceof Uint8Array ? source : new Uint8Array(source);
    chunks = fromBytes(bytes);
    size = bytes.byteLength;
  } else if (typeof Blob !== 'undefined' && source instanceof Blob) {
    size = source.size;
    chunks = fromReadableStream(source.stream() as ReadableStream<Uint8Array>);
  } else if (typeof (source as ReadableStream | null)?.getReader === 'function') {
    chunks = fromReadableStream(source as ReadableStream<Uint8Array>);
  } else if (source && typeof (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') {
    chunks = fromIterable(source as AsyncIterable<Uint8Array | string>);
  } else {
    throw new ReportError('report-options-invalid', { option: 'source' });
  }
  if (size !== undefined && size > maxBytes) throw new ReportError('report-too-large', { limit: maxBytes });
  const counter = { bytes: 0 };
  return { chunks: limited(chunks, maxBytes, counter), size, isText, counter };
}

/** The first `count` bytes, and the whole stream again from its start (sniffing without buffering the file). */
export async function peek(
  chunks: AsyncIterable<Uint8Array>,
  count: number,
): Promise<{ head: Uint8Array; chunks: AsyncIterable<Uint8Array> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const buffered: Uint8Array[] = [];
  let length = 0;
  let done = false;
  while (length < count) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    buffered.push(next.value);
    length += next.value.byteLength;
  }
  const head = concat(buffered, length).subarray(0, count);
  async function* replay(): AsyncGenerator<Uint8Array> {
    let finished = done;
    try {
      yield* buffered;
      while (!finished) {
        const next = await iterator.next();
        if (next.done) finished = true;
        else yield next.value;
      }
    } finally {
      if (!finished) await iterator.return?.();
    }
  }
  return { head, chunks: replay() };
}

export function concat(
  parts: readonly Uint8Array[],
  length = parts.reduce((n, p) => n + p.byteLength, 0),
): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
