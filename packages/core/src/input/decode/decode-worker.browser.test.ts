import { expect } from '@esm-bundle/chai';
import { listCases, renderCase } from '../../../../../test/support/card-photos/corpus.js';

type Reply = {
  ok: boolean;
  read?: { text: string; format: string } | null;
  code?: string;
  hasDocument?: boolean;
};

function startWorker(): Promise<Worker> {
  const worker = new Worker(new URL('./decode-worker.test-support.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve, reject) => {
    worker.addEventListener('message', () => resolve(worker), { once: true });
    worker.addEventListener('error', (e) => reject(new Error(e.message)), { once: true });
  });
}

let jobs = 0;

/**
 * Posts a job and resolves with the reply to that job (matched by id): a reply that comes after its test gave up (a
 * hang guard, on a loaded machine) is never taken for the next test's.
 */
function ask(worker: Worker, job: object, transfer: Transferable[] = []): Promise<Reply> {
  const id = ++jobs;
  return new Promise((resolve) => {
    const onReply = (e: MessageEvent<Reply & { id?: number }>) => {
      if (e.data.id !== id) return;
      worker.removeEventListener('message', onReply);
      const { id: _, ...reply } = e.data;
      resolve(reply);
    };
    worker.addEventListener('message', onReply);
    worker.postMessage({ ...job, id }, transfer);
  });
}

describe('decodeImage inside a dedicated Worker', function () {
  // Hang guards, not speed limits: the Worker's first decode loads the decoders and compiles zxing-cpp's 1 MB of
  // WebAssembly, which took WebKitGTK over 30 s on a fresh clone with every core busy. Loaded once, before the tests.
  this.timeout(120_000);
  let worker: Worker;
  before(async () => {
    worker = await startWorker();
    const blank = new ImageData(new Uint8ClampedArray(64 * 64 * 4).fill(255), 64, 64);
    await ask(worker, { image: blank });
  });
  after(() => worker.terminate());

  const [qrCase] = listCases({ seed: 21, perCell: 1, sides: ['qr_code'], conditions: ['perspective'] });
  const [c39Case] = listCases({ seed: 21, perCell: 1, sides: ['code_39'], conditions: ['rotation'] });

  it('reads a QR card from transferred ImageData, without a DOM', async () => {
    const image = renderCase(qrCase!);
    const reply = await ask(worker, { image }, [image.data.buffer]);
    expect(reply).to.deep.equal({
      ok: true,
      read: { text: qrCase!.text, format: 'qr_code' },
      hasDocument: false,
    });
  });

  it('reads a rotated Code 39 card from a transferred ImageBitmap and from an OffscreenCanvas', async () => {
    // One drawing for both: the bitmap is a copy, and the ImageData is cloned to the worker, not transferred.
    const image = renderCase(c39Case!);
    const bitmap = await createImageBitmap(image);
    const reply = await ask(worker, { image: bitmap }, [bitmap]);
    expect(reply.read).to.deep.equal({ text: c39Case!.text, format: 'code_39' });
    const again = await ask(worker, {
      image,
      asCanvas: true,
      options: { engine: 'js' },
    });
    expect(again.read).to.deep.equal({ text: c39Case!.text, format: 'code_39' });
  });

  it('answers null for an empty frame and a stable code for a bad region', async () => {
    const blank = new ImageData(new Uint8ClampedArray(320 * 240 * 4).fill(255), 320, 240);
    expect((await ask(worker, { image: blank })).read).to.equal(null);
    const bad = await ask(worker, { image: blank, options: { region: { x: 2, y: 0, width: 1, height: 1 } } });
    expect(bad).to.deep.equal({ ok: false, code: 'decode-invalid-region' });
  });
});
