import { describe, expect, it } from 'vitest';
import { isKaikuError } from '../../errors/kaiku-error.js';
import { applyTorch, applyZoom, listVideoInputs, readCapabilities } from './camera-controls.js';

/** A track object with the parts the controls use (what Chrome on Android reports for a rear camera); `takes`: the
 * settings then report what was applied (Firefox resolves and drops what it does not know). */
function fakeTrack(
  capabilities: Record<string, unknown>,
  settings: Record<string, unknown> = {},
  takes = true,
) {
  const applied: unknown[] = [];
  const track = {
    getCapabilities: () => capabilities,
    getSettings: () => ({
      deviceId: 'rear',
      facingMode: 'environment',
      width: 1280,
      height: 720,
      ...settings,
    }),
    applyConstraints: async (c: { advanced: object[] }) => {
      applied.push(c);
      if (takes) Object.assign(settings, c.advanced[0]);
    },
  } as unknown as MediaStreamTrack;
  return { track, applied };
}

describe('camera controls', () => {
  it('reads torch, zoom and exposure compensation only when the track reports them', () => {
    const exposureCompensation = { min: -2, max: 2, step: 1 / 6 };
    const caps = { torch: true, zoom: { min: 1, max: 8, step: 0.1 }, exposureCompensation };
    expect(readCapabilities(fakeTrack(caps).track)).toEqual({
      torch: true,
      zoom: { min: 1, max: 8, step: 0.1 },
      exposure: exposureCompensation,
      facingMode: 'environment',
      width: 1280,
      height: 720,
      deviceId: 'rear',
    });
    const plain = readCapabilities(fakeTrack({ zoom: { min: 1, max: 1 } }).track);
    expect(plain.torch).toBe(false);
    expect(plain.zoom).toBeNull();
    expect(plain.exposure).toBeNull();
    const noApi = { getSettings: () => ({}) } as unknown as MediaStreamTrack;
    expect(readCapabilities(noApi)).toMatchObject({
      torch: false,
      zoom: null,
      exposure: null,
      facingMode: null,
      deviceId: '',
    });
  });

  it('switches the torch through an advanced constraint', async () => {
    const { track, applied } = fakeTrack({ torch: true });
    await applyTorch(track, true);
    await applyTorch(track, false);
    expect(applied).toEqual([{ advanced: [{ torch: true }] }, { advanced: [{ torch: false }] }]);
  });

  it('clamps zoom to the range and rounds it to the step', async () => {
    const { track, applied } = fakeTrack({ zoom: { min: 1, max: 5, step: 0.5 } });
    await applyZoom(track, 9);
    await applyZoom(track, 0.2);
    await applyZoom(track, 2.7);
    expect(applied).toEqual([
      { advanced: [{ zoom: 5 }] },
      { advanced: [{ zoom: 1 }] },
      { advanced: [{ zoom: 2.5 }] },
    ]);
  });

  it('refuses torch and zoom that the track does not take without a word (read back from its settings)', async () => {
    const caps = { torch: true, zoom: { min: 1, max: 5, step: 0.5 } };
    for (const attempt of [applyTorch, (t: MediaStreamTrack) => applyZoom(t, 2)]) {
      const error = await attempt(fakeTrack(caps, {}, false).track, true).catch((e: unknown) => e);
      expect(isKaikuError(error) && error.code).toBe('camera-feature-unsupported');
    }
  });

  it('refuses torch and zoom with camera-feature-unsupported where the camera lacks them or refuses', async () => {
    const { track } = fakeTrack({});
    for (const attempt of [applyTorch(track, true), applyZoom(track, 2)]) {
      const error = await attempt.catch((e: unknown) => e);
      expect(isKaikuError(error) && error.code).toBe('camera-feature-unsupported');
    }
    const refusing = {
      ...fakeTrack({ torch: true }).track,
      getCapabilities: () => ({ torch: true }),
      getSettings: () => ({}),
      applyConstraints: () => Promise.reject(new DOMException('no', 'OverconstrainedError')),
    } as unknown as MediaStreamTrack;
    const error = await applyTorch(refusing, true).catch((e: unknown) => e);
    expect(isKaikuError(error) && error.code).toBe('camera-feature-unsupported');
    expect(isKaikuError(error) && error.params).toEqual({ feature: 'torch' });
    const zoomNaN = await applyZoom(fakeTrack({ zoom: { min: 1, max: 5 } }).track, Number.NaN).catch(
      (e: unknown) => e,
    );
    expect(isKaikuError(zoomNaN) && zoomNaN.code).toBe('camera-feature-unsupported');
  });

  it('lists video inputs only', async () => {
    const devices = {
      enumerateDevices: async () => [
        { kind: 'audioinput', deviceId: 'mic', label: 'Mic', groupId: 'a' },
        { kind: 'videoinput', deviceId: 'front', label: 'Front', groupId: 'b' },
        { kind: 'videoinput', deviceId: 'rear', label: '', groupId: 'c' },
      ],
    } as unknown as MediaDevices;
    expect(await listVideoInputs(devices)).toEqual([
      { deviceId: 'front', label: 'Front', groupId: 'b' },
      { deviceId: 'rear', label: '', groupId: 'c' },
    ]);
  });
});
