import { expect } from '@esm-bundle/chai';
import bwipjs from 'bwip-js/browser';
import { isKaikuError } from '../../errors/kaiku-error.js';
import { createWorkerDecoder } from './frame-decoder.js';
import { startCameraScan } from './start-camera-scan.js';
import type { DecoderStatus } from '../decode/decoder-status.js';
import type { CameraScan } from './types.js';
import { DEVICE_FIXTURES } from './camera-devices.test-support.js';
import { until } from '../../../../../test/support/until.js';

/** A "camera" made of a canvas stream, so the test controls what is in view and when permission resolves. */
function fakeDevices(options: { draw?: string; delayMs?: number } = {}) {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 480;
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  context.fillStyle = '#ddd';
  context.fillRect(0, 0, 640, 480);
  if (options.draw) {
    const symbol = document.createElement('canvas');
    bwipjs.toCanvas(symbol, {
      bcid: 'qrcode',
      text: options.draw,
      scale: 6,
      paddingwidth: 4,
      paddingheight: 4,
      backgroundcolor: 'ffffff',
    });
    context.drawImage(symbol, 320 - symbol.width / 2, 240 - symbol.height / 2);
  }
  const timer = setInterval(() => context.fillRect(0, 0, 1, 1), 50); // keep frames coming
  const calls: MediaStreamConstraints[] = [];
  const streams: MediaStream[] = [];
  /** Streams handed to the caller (each resolved after `delayMs`). */
  const delivered: MediaStream[] = [];
  const devices = {
    getUserMedia: (constraints: MediaStreamConstraints) => {
      calls.push(constraints);
      const stream = canvas.captureStream(20);
      streams.push(stream);
      return new Promise<MediaStream>((resolve) =>
        setTimeout(() => {
          delivered.push(stream);
          resolve(stream);
        }, options.delayMs ?? 0),
      );
    },
    enumerateDevices: () =>
      Promise.resolve([
        { kind: 'videoinput', deviceId: 'cam-1', label: 'Canvas', groupId: 'g' } as MediaDeviceInfo,
      ]),
  } as unknown as MediaDevices;
  return { devices, calls, streams, delivered, dispose: () => clearInterval(timer) };
}

// Waits for what the test waits for, however long a loaded machine takes; the test's timeout is the hang guard.
// (A deadline of its own returned early at load 20 and the assertions then ran on nothing.)
/** The test's own timeout is 120 s; the hang guard fails just before it, naming what never came. */
const CAMERA_GUARD = { guardMs: 100_000 };

describe('startCameraScan (canvas camera)', function () {
  // Loads the decoders into a worker and decodes frames on the CPU.
  this.timeout(120_000);
  it('asks for the rear camera at an ideal 1280×720, without audio', async () => {
    const fake = fakeDevices();
    const scan = await startCameraScan({
      mediaDevices: fake.devices,
      worker: false,
      onScan: () => undefined,
    });
    scan.stop();
    fake.dispose();
    expect(fake.calls).to.deep.equal([
      {
        video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
        audio: false,
      },
    ]);
  });

  it('reads a QR card from the stream once and stops every track, idempotently', async () => {
    const fake = fakeDevices({ draw: 'A999005458' });
    const scans: CameraScan[] = [];
    const stops: string[] = [];
    const scan = await startCameraScan({
      mediaDevices: fake.devices,
      // The dev server serves the TypeScript source; a build serves decode-worker.js next to this module.
      workerUrl: new URL('./decode-worker.ts', import.meta.url),
      onScan: (s) => scans.push(s),
      onStop: (reason) => stops.push(reason),
    });
    expect(scan.video.hasAttribute('playsinline')).to.equal(true);
    expect(scan.video.muted).to.equal(true);
    await until(() => scans.length > 0, CAMERA_GUARD);
    await new Promise((r) => setTimeout(r, 600));
    scan.stop();
    scan.stop();
    fake.dispose();
    expect(scans.map((s) => [s.id, s.format])).to.deep.equal([['A999005458', 'qr_code']]);
    expect(scans[0]?.card).to.include({ id: 'A999005458', prefix: 'A' });
    expect(scans[0]).to.include({
      id: 'A999005458',
      prefix: 'A',
      kind: 'client',
      medium: 'paper',
      format: 'qr_code',
    });
    expect(scan.stats.decoder).to.equal('worker');
    expect(fake.streams[0]?.getTracks().map((t) => t.readyState)).to.deep.equal(['ended']);
    expect(stops).to.deep.equal(['stopped']);
    expect(scan.stopped).to.equal(true);
  });

  it('tells when zxing_reader.wasm is missing (onDecoder, stats) and goes on reading with the JS decoder', async () => {
    const fake = fakeDevices({ draw: 'A999005458' });
    const scans: CameraScan[] = [];
    const decoders: DecoderStatus[] = [];
    const wasmUrl = new URL('/no-such-dir/zxing_reader.wasm', location.href).href;
    const scan = await startCameraScan({
      mediaDevices: fake.devices,
      workerUrl: new URL('./decode-worker.ts', import.meta.url),
      wasmUrl,
      onScan: (s) => scans.push(s),
      onDecoder: (d) => decoders.push(d),
    });
    // The JS decoder is loaded into the worker on first use: slow on a busy test machine.
    await until(() => scans.length > 0, CAMERA_GUARD);
    const stats = scan.stats;
    scan.stop();
    fake.dispose();
    expect(decoders).to.deep.equal([{ engine: 'js', reason: 'wasm-not-found', httpStatus: 404, wasmUrl }]);
    expect(stats).to.include({ engine: 'js', engineReason: 'wasm-not-found' });
    expect(scans.map((s) => s.id)).to.deep.equal(['A999005458']);
  });

  it('reports the WebAssembly engine once when it loads (no degradation)', async () => {
    const fake = fakeDevices({ draw: 'A999005458' });
    const decoders: DecoderStatus[] = [];
    let read = false;
    const scan = await startCameraScan({
      mediaDevices: fake.devices,
      workerUrl: new URL('./decode-worker.ts', import.meta.url),
      wasmUrl: new URL('../decode/zxing_reader.wasm', import.meta.url).href,
      onScan: () => (read = true),
      onDecoder: (d) => decoders.push(d),
    });
    await until(() => read, CAMERA_GUARD);
    await new Promise((r) => setTimeout(r, 300));
    scan.stop();
    fake.dispose();
    expect(decoders).to.deep.equal([{ engine: 'wasm' }]);
  });

  it("starts loading the jobs' .wasm before the first frame is sent", async () => {
    // Served once (test/support/wtr-flaky-middleware.mjs), and asked for before any frame is sent: only a load begun
    // at the worker's start-up can have it, a load on the first frame gets 410.
    const name = `early-${Date.now()}`;
    const wasmUrl = new URL(`/__kaiku-once/${name}.wasm`, location.href).href;
    const job = { formats: ['qr_code'], effort: 'fast', wasmUrl } as const;
    const decoder = createWorkerDecoder(new URL('./decode-worker.ts', import.meta.url), job)!;
    const count = () => fetch(`/__kaiku-once/${name}.count`, { cache: 'no-store' });
    const asked = async () => (await (await count()).text()) !== '0';
    await until(asked, CAMERA_GUARD);
    const blank = await createImageBitmap(new ImageData(8, 8));
    const reading = await decoder.decode(blank, job);
    decoder.close();
    expect(reading.decoder).to.deep.equal({ engine: 'wasm' });
  });

  it('reads through a canvas on the main thread where createImageBitmap is missing', async () => {
    const fake = fakeDevices({ draw: 'Y110029399' });
    const original = globalThis.createImageBitmap;
    (globalThis as { createImageBitmap?: unknown }).createImageBitmap = undefined;
    const scans: CameraScan[] = [];
    try {
      const scan = await startCameraScan({ mediaDevices: fake.devices, onScan: (s) => scans.push(s) });
      await until(() => scans.length > 0, CAMERA_GUARD);
      expect(scan.stats.decoder).to.equal('main-thread');
      scan.stop();
    } finally {
      globalThis.createImageBitmap = original;
      fake.dispose();
    }
    expect(scans.map((s) => s.id)).to.deep.equal(['Y110029399']);
  });

  it('gives opt-in feedback: onFeedback, a vibration and a beep on accept (none by default)', async () => {
    const fake = fakeDevices({ draw: 'A045198723' });
    const vibrations: unknown[] = [];
    Object.defineProperty(navigator, 'vibrate', {
      configurable: true,
      value: (p: unknown) => vibrations.push(p),
    });
    const feedback: string[] = [];
    try {
      const quiet = await startCameraScan({
        mediaDevices: fake.devices,
        worker: false,
        onScan: () => undefined,
      });
      await until(() => quiet.stats.framesDecoded > 3, CAMERA_GUARD);
      quiet.stop();
      expect(vibrations).to.deep.equal([]);
      const scans: CameraScan[] = [];
      const scan = await startCameraScan({
        mediaDevices: fake.devices,
        worker: false,
        beep: true,
        vibrate: true,
        onScan: (s) => scans.push(s),
        onFeedback: (f) => feedback.push(f.kind),
      });
      await until(() => scans.length > 0, CAMERA_GUARD);
      scan.stop();
    } finally {
      delete (navigator as { vibrate?: unknown }).vibrate;
      fake.dispose();
    }
    expect(feedback).to.deep.equal(['accepted']);
    expect(vibrations).to.deep.equal([80]);
  });

  it('pauses decoding with the camera still on, and resumes', async () => {
    const fake = fakeDevices({ draw: 'X000011986' });
    const scans: CameraScan[] = [];
    const scan = await startCameraScan({
      mediaDevices: fake.devices,
      worker: false,
      onScan: (s) => scans.push(s),
    });
    try {
      scan.pause();
      expect(scan.paused).to.equal(true);
      await new Promise((r) => setTimeout(r, 500));
      expect(scans).to.deep.equal([]);
      expect(fake.streams[0]?.getTracks().map((t) => t.readyState)).to.deep.equal(['live']);
      scan.resume();
      expect(scan.paused).to.equal(false);
      await until(() => scans.length > 0, CAMERA_GUARD);
      expect(scans.map((s) => s.id)).to.deep.equal(['X000011986']);
    } finally {
      scan.stop();
      fake.dispose();
    }
    scan.resume();
    expect(scan.stats.framesDecoded).to.be.greaterThan(0);
  });

  it('stops a stream that arrives after an abort during the permission prompt', async () => {
    const fake = fakeDevices({ delayMs: 200 });
    const controller = new AbortController();
    const started = startCameraScan({
      mediaDevices: fake.devices,
      signal: controller.signal,
      onScan: () => undefined,
    });
    setTimeout(() => controller.abort(), 20);
    const error = await started.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isKaikuError(error) && error.code).to.equal('camera-aborted');
    // The stream arrives 200 ms after the request (later on a slow page): wait for it, then a moment for its fate.
    await until(() => fake.delivered.length > 0, CAMERA_GUARD);
    await new Promise((r) => setTimeout(r, 100));
    fake.dispose();
    expect(fake.streams[0]?.getTracks().map((t) => t.readyState)).to.deep.equal(['ended']);
  });

  it('a double mount (start, stop before it resolved, start again: React StrictMode) leaves one live track', async () => {
    const fake = fakeDevices({ delayMs: 50 });
    const video = document.createElement('video');
    document.body.append(video);
    const first = new AbortController();
    const mounts = [first.signal, new AbortController().signal].map((signal) =>
      startCameraScan({ mediaDevices: fake.devices, video, signal, worker: false, onScan: () => undefined }),
    );
    first.abort(); // the first effect's cleanup, before getUserMedia answered
    const [aborted, scan] = await Promise.allSettled(mounts);
    await until(() => fake.delivered.length === 2, CAMERA_GUARD);
    await new Promise((r) => setTimeout(r, 100));
    try {
      expect(aborted?.status).to.equal('rejected');
      const live = fake.streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live');
      expect(live.length).to.equal(1);
      expect(scan?.status === 'fulfilled' && scan.value.stream.getTracks()[0]).to.equal(live[0]);
      expect(video.srcObject).to.equal(fake.streams[1]);
    } finally {
      if (scan?.status === 'fulfilled') scan.value.stop();
      video.remove();
      fake.dispose();
    }
  });

  it('refuses torch and zoom on a camera without them, and every method after stop', async () => {
    const fake = fakeDevices();
    const scan = await startCameraScan({
      mediaDevices: fake.devices,
      worker: false,
      onScan: () => undefined,
    });
    expect(scan.capabilities.torch).to.equal(false);
    const torch = await scan.setTorch(true).catch((e: unknown) => e);
    expect(isKaikuError(torch) && torch.code).to.equal('camera-feature-unsupported');
    const zoom = await scan.setZoom(2).catch((e: unknown) => e);
    expect(isKaikuError(zoom) && zoom.code).to.equal('camera-feature-unsupported');
    expect(await scan.listCameras()).to.deep.equal([{ deviceId: 'cam-1', label: 'Canvas', groupId: 'g' }]);
    scan.stop();
    fake.dispose();
    const switched = await scan.switchCamera().catch((e: unknown) => e);
    expect(isKaikuError(switched) && switched.code).to.equal('camera-stopped');
  });

  it('moves from the ultra-wide the browser opened to the main rear camera before the preview plays', async () => {
    // A Galaxy S22 as Chrome lists it: `facingMode: environment` opens camera2 2, the fixed-focus ultra-wide.
    const galaxy = DEVICE_FIXTURES.find((d) => d.name.startsWith('Galaxy S22'))!;
    const fake = fakeDevices();
    const calls: MediaStreamConstraints[] = [];
    const streams: MediaStream[] = [];
    const devices = {
      getUserMedia: async (constraints: MediaStreamConstraints) => {
        calls.push(constraints);
        const stream = await fake.devices.getUserMedia(constraints);
        const exact = (constraints.video as { deviceId?: { exact: string } }).deviceId?.exact;
        const camera = galaxy.cameras.find((c) => c.deviceId === (exact ?? galaxy.opened))!;
        const track = stream.getVideoTracks()[0]!;
        const settings = track.getSettings();
        track.getSettings = () => ({ ...settings, deviceId: camera.deviceId });
        track.getCapabilities = () =>
          ({ ...(camera.track ?? camera.capabilities) }) as MediaTrackCapabilities;
        streams.push(stream);
        return stream;
      },
      enumerateDevices: async () =>
        galaxy.cameras.map((c) => ({
          kind: 'videoinput',
          deviceId: c.deviceId,
          label: c.label,
          groupId: '',
        })),
    } as unknown as MediaDevices;
    const video = document.createElement('video');
    const scan = await startCameraScan({
      mediaDevices: devices,
      video,
      worker: false,
      onScan: () => undefined,
    });
    try {
      expect(calls.map((c) => (c.video as { deviceId?: { exact: string } }).deviceId?.exact)).to.deep.equal([
        undefined,
        galaxy.expected,
      ]);
      expect(scan.capabilities.deviceId).to.equal(galaxy.expected);
      expect(streams[0]!.getTracks().map((t) => t.readyState)).to.deep.equal(['ended']);
      expect(video.srcObject).to.equal(streams[1]);
    } finally {
      scan.stop();
      fake.dispose();
    }
  });

  it('reports camera-unsupported when the browser has no getUserMedia', async () => {
    const error = await startCameraScan({ mediaDevices: {} as MediaDevices, onScan: () => undefined }).catch(
      (e: unknown) => e,
    );
    expect(isKaikuError(error) && error.code).to.equal('camera-unsupported');
  });
});
