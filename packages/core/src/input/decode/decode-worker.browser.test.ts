import { expect } from '@esm-bundle/chai';
import { listCases, renderCase } from '../../../../../test/support/card-photos/corpus.js';

type Reply = {
  ok: boolean;
  read?: { text: string; format: string } | null;
  code?: string;
  hasDocument?: boolean;
};

function startWorker(): Promise<Worker> {
  const worker = new Worker(new URL('./decode-worker.fixture.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve, reject) => {
    worker.addEventListener('message', () => resolve(worker), { once: true });
    worker.addEventListener('error', (e) => reject(new Error(e.message)), { once: true });
  });
}

function ask(worker: Worker, job: object, transfer: Transferable[] = []): Promise<Reply> {
  return new Promise((resolve) => {
    worker.addEventListener('message', (e: MessageEvent<Reply>) => resolve(e.data), { once: true });
    worker.postMessage(job, transfer);
  });
}

describe('decodeImage inside a dedicated Worker', () => {
  let worker: Worker;
  before(async () => {
    worker = await startWorker();
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
    const bitmap = await createImageBitmap(renderCase(c39Case!));
    const reply = await ask(worker, { image: bitmap }, [bitmap]);
    expect(reply.read).to.deep.equal({ text: c39Case!.text, format: 'code_39' });
    const again = await ask(worker, {
      image: renderCase(c39Case!),
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
