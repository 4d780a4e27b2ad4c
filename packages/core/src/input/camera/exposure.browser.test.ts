import { expect } from '@esm-bundle/chai';
import bwipjs from 'bwip-js/browser';
import { startCameraScan } from './start-camera-scan.js';
import type { CameraError } from './camera-error.js';
import { until } from '../../../../../test/support/until.js';

/** What the frame shows: a Code 39 card, bars that read as nothing, or neither; and a clipped lamp or glare spot. */
type Scene = { readonly symbol: 'card' | 'bars' | 'none'; readonly lamp: 'on-code' | 'corner' };

/** Paints the scene: a grey desk, the symbol (paper not clipped), a saturated blob. */
function paint(context: CanvasRenderingContext2D, scene: Scene): void {
  context.fillStyle = '#8a8a8a';
  context.fillRect(0, 0, 640, 480);
  const [x0, y0] = [100, 180];
  if (scene.symbol === 'card') {
    const symbol = document.createElement('canvas');
    const options = { bcid: 'code39', text: 'A045198723', scale: 2, height: 14, paddingwidth: 12 };
    bwipjs.toCanvas(symbol, { ...options, paddingheight: 6, backgroundcolor: 'd0d0d0' });
    context.drawImage(symbol, x0, y0);
  } else if (scene.symbol === 'bars') {
    // Bars no symbology reads: widths from a fixed pseudo-random sequence, on paper.
    context.fillStyle = '#d0d0d0';
    context.fillRect(x0 - 20, y0 - 10, 470, 110);
    context.fillStyle = '#202020';
    for (let [x, k] = [x0, 7]; x < x0 + 420; k = (k * 37 + 11) % 101) {
      const bar = 2 + (k % 5);
      context.fillRect(x, y0, bar, 90);
      x += bar + 2 + ((k >> 2) % 5);
    }
  }
  // Clipped: pure white, the highlight's shoulder above 250 too.
  const [cx, cy, r] = scene.lamp === 'on-code' ? [190, 225, 95] : [600, 40, 45];
  const glow = context.createRadialGradient(cx, cy, 0, cx, cy, r);
  glow.addColorStop(0, '#ffffff');
  glow.addColorStop(0.8, '#ffffff');
  glow.addColorStop(1, 'rgba(255,255,255,0)');
  context.fillStyle = glow;
  context.fillRect(cx - r, cy - r, 2 * r, 2 * r);
}

/** How the engine answers a compensation: sets it, rejects it, or resolves and silently keeps its own. */
type Answer = (value: number) => 'take' | 'reject' | 'ignore';

/** A canvas camera whose track reports `capabilities` and records (and `answer`s) each `applyConstraints`. */
function stubbedCamera(
  scene: Scene,
  capabilities: Record<string, unknown>,
  answer: Answer = () => 'take',
  initial: Record<string, unknown> = { exposureCompensation: 0 },
) {
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = [640, 480];
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  paint(context, scene);
  // A new frame every 50 ms (a canvas stream has one only when drawn): the same scene, one pixel toggled.
  let tick = 0;
  const timer = setInterval(() => {
    context.fillStyle = tick++ % 2 ? '#8a8a8a' : '#8b8b8b';
    context.fillRect(0, 479, 1, 1);
  }, 50);
  const applied: MediaTrackConstraints[] = [];
  let settings: Record<string, unknown> = initial;
  const devices = {
    getUserMedia: () => {
      const stream = canvas.captureStream(20);
      const track = stream.getVideoTracks()[0] as MediaStreamTrack;
      const real = track.getSettings.bind(track);
      Object.assign(track, {
        getCapabilities: () => capabilities,
        getSettings: () => ({ ...real(), ...settings, deviceId: 'cam-1' }),
        applyConstraints: async (constraints: MediaTrackConstraints) => {
          applied.push(constraints);
          const how = answer(Number(compensations([constraints])[0]));
          if (how === 'reject') throw new DOMException('not this one', 'OverconstrainedError');
          if (how === 'take') settings = { ...settings, ...constraints.advanced?.[0] };
        },
      });
      return Promise.resolve(stream);
    },
    enumerateDevices: () =>
      Promise.resolve([{ kind: 'videoinput', deviceId: 'cam-1', label: 'Canvas', groupId: 'g' }]),
  } as unknown as MediaDevices;
  return { devices, applied, settings: () => settings, dispose: () => clearInterval(timer) };
}

const EV = { exposureCompensation: { min: -2, max: 2, step: 1 / 6 } };
const GUARD = { guardMs: 100_000 };

/** Runs a scan of `scene` until `enough` frames were decoded (or `done` holds): what was applied and reported. */
async function scanScene(
  scene: Scene,
  capabilities: Record<string, unknown> = EV,
  done: (seen: { applied: MediaTrackConstraints[]; errors: CameraError[] }) => boolean = () => false,
  answer?: Answer,
  initial?: Record<string, unknown>,
) {
  const camera = stubbedCamera(scene, capabilities, answer, initial);
  const errors: CameraError[] = [];
  const ids: string[] = [];
  const scan = await startCameraScan({
    mediaDevices: camera.devices,
    workerUrl: new URL('./decode-worker.ts', import.meta.url),
    onScan: (s) => ids.push(s.id),
    onError: (e) => errors.push(e),
  });
  const seen = { applied: camera.applied, errors };
  await until(() => done(seen) || scan.stats.framesDecoded >= 25, GUARD);
  const running = { stopped: scan.stopped, frames: scan.stats.framesDecoded, exposure: scan.capabilities };
  scan.stop();
  camera.dispose();
  // What the stop's restore answered (the engine's answer is asynchronous).
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { applied: camera.applied, errors, ids, running, settings: camera.settings() };
}

const compensations = (applied: readonly MediaTrackConstraints[]): unknown[] =>
  applied.map((c) => (c.advanced?.[0] as { exposureCompensation?: number }).exposureCompensation);

describe('exposure against glare (stubbed track capabilities)', function () {
  this.timeout(120_000);

  it('steps exposure compensation down when a clipped spot covers a located code, and restores it on stop', async () => {
    const lowered = ({ applied: a }: { applied: MediaTrackConstraints[] }): boolean =>
      compensations(a).some((v) => Number(v) < 0);
    const { applied, ids, running } = await scanScene({ symbol: 'card', lamp: 'on-code' }, EV, lowered);
    expect(ids, 'the glare hides the card from every stage').to.deep.equal([]);
    expect(running.exposure.exposure).to.deep.equal({ min: -2, max: 2, step: 1 / 6 });
    const values = compensations(applied);
    expect(values.slice(0, -1).every((v) => Number(v) < 0 && Number(v) >= -2)).to.equal(true);
    expect(values.at(-1), 'the original setting back on stop').to.equal(0);
  });

  it('leaves exposure alone for a lamp away from the code, and without any code in view', async () => {
    const card = await scanScene({ symbol: 'card', lamp: 'corner' });
    expect(card.ids).to.deep.equal(['A045198723']);
    const bars = await scanScene({ symbol: 'bars', lamp: 'corner' });
    const none = await scanScene({ symbol: 'none', lamp: 'on-code' });
    expect([card.applied, bars.applied, none.applied]).to.deep.equal([[], [], []]);
    expect(bars.running.frames).to.be.at.least(25);
  });

  it('reports a refused constraint once as camera-feature-unsupported and goes on scanning', async () => {
    const glare: Scene = { symbol: 'card', lamp: 'on-code' };
    const { applied, errors, running } = await scanScene(glare, EV, undefined, () => 'reject');
    expect(applied.length, 'not tried again after a refusal').to.equal(1);
    expect(errors.map((e) => [e.code, e.params])).to.deep.equal([
      ['camera-feature-unsupported', { feature: 'exposureCompensation' }],
    ]);
    expect(running.stopped).to.equal(false);
  });

  for (const answer of ['reject', 'ignore'] as const)
    it(`says when the engine does not restore the original (${answer}s it), and the next start restores that`, async () => {
      const glare: Scene = { symbol: 'card', lamp: 'on-code' };
      const lowered = ({ applied: a }: { applied: MediaTrackConstraints[] }): boolean =>
        compensations(a).some((v) => Number(v) < 0);
      const first = await scanScene(glare, EV, lowered, (v) => (v < 0 ? 'take' : answer));
      expect(first.settings.exposureCompensation, 'the track left lowered').to.be.below(0);
      expect(first.errors.map((e) => [e.code, e.params])).to.deep.equal([
        ['camera-exposure-not-restored', {}],
      ]);
      expect(Object.values(first.errors[0]!.text).every((t) => t.length > 20)).to.equal(true);
      // The same camera again, still lowered: its original is the one it had, set back at once.
      const again = await scanScene(
        { symbol: 'none', lamp: 'corner' },
        EV,
        undefined,
        undefined,
        first.settings,
      );
      expect(compensations(again.applied)[0]).to.equal(0);
      expect(again.settings.exposureCompensation).to.equal(0);
      expect(again.errors).to.deep.equal([]);
    });

  it('restores the compensation of the camera it switches away from before releasing it', async () => {
    const camera = stubbedCamera({ symbol: 'card', lamp: 'on-code' }, EV);
    const open = camera.devices.getUserMedia.bind(camera.devices);
    // How many constraints had been applied when each track was stopped.
    const released: number[] = [];
    camera.devices.getUserMedia = async (constraints) => {
      const track = (await open(constraints)).getVideoTracks()[0] as MediaStreamTrack;
      const stop = track.stop.bind(track);
      track.stop = () => (released.push(camera.applied.length), stop());
      return new MediaStream([track]);
    };
    const scan = await startCameraScan({
      mediaDevices: camera.devices,
      workerUrl: new URL('./decode-worker.ts', import.meta.url),
      onScan: () => undefined,
    });
    await until(() => compensations(camera.applied).some((v) => Number(v) < 0), GUARD);
    const second = { kind: 'videoinput', deviceId: 'cam-2', label: 'Canvas 2', groupId: 'h' };
    const listed = await camera.devices.enumerateDevices();
    camera.devices.enumerateDevices = () => Promise.resolve([...listed, second as MediaDeviceInfo]);
    await scan.switchCamera('cam-2');
    scan.stop();
    camera.dispose();
    const first = compensations(camera.applied.slice(0, released[0]));
    expect(first.at(-1), 'the original set back before the first camera was released').to.equal(0);
  });

  it('leaves a track alone that does not report its current compensation (nothing to restore to)', async () => {
    const glare: Scene = { symbol: 'card', lamp: 'on-code' };
    const { applied, running } = await scanScene(glare, EV, undefined, undefined, {});
    expect(running.frames).to.be.at.least(25);
    expect(applied).to.deep.equal([]);
  });

  it('says a track without exposure compensation cannot counter glare (capabilities), and applies nothing', async () => {
    const modesOnly = { exposureMode: ['manual', 'continuous'], whiteBalanceMode: ['manual', 'continuous'] };
    const { applied, running } = await scanScene({ symbol: 'card', lamp: 'on-code' }, modesOnly);
    expect(running.exposure.exposure).to.equal(null);
    expect(applied).to.deep.equal([]);
  });
});
