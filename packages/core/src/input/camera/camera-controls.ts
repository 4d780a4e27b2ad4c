import { CameraError } from './camera-error.js';
import { chooseCamera, type CameraCandidate, type ExtendedCapabilities } from './choose-camera.js';
import type { CameraCapabilities, CameraInfo, ZoomRange } from './types.js';

/** What the current camera can do; torch, zoom and exposure only where the track reports them (Chrome on Android). */
export function readCapabilities(track: MediaStreamTrack): CameraCapabilities {
  const caps: ExtendedCapabilities =
    typeof track.getCapabilities === 'function' ? (track.getCapabilities() as ExtendedCapabilities) : {};
  const settings = track.getSettings();
  return {
    torch: caps.torch === true,
    zoom: rangeOf(caps.zoom, 0.1),
    exposure: rangeOf(caps.exposureCompensation, 0),
    facingMode: settings.facingMode ?? null,
    width: settings.width ?? 0,
    height: settings.height ?? 0,
    deviceId: settings.deviceId ?? '',
  };
}

const rangeOf = (r: ExtendedCapabilities['zoom'], step: number): ZoomRange | null =>
  r && typeof r.min === 'number' && typeof r.max === 'number' && r.max > r.min
    ? { min: r.min, max: r.max, step: r.step ?? step }
    : null;

/** Turns the torch (flash used as a lamp) on or off. */
export const applyTorch = (track: MediaStreamTrack, on: boolean): Promise<void> =>
  applyAdvanced(track, 'torch', readCapabilities(track).torch ? on : undefined);

/** Sets the zoom, clamped to the camera's range and rounded to its step. */
export function applyZoom(track: MediaStreamTrack, zoom: number): Promise<void> {
  const range = readCapabilities(track).zoom;
  if (!range || !Number.isFinite(zoom)) return applyAdvanced(track, 'zoom', undefined);
  const clamped = Math.min(range.max, Math.max(range.min, zoom));
  const stepped =
    range.step > 0 ? range.min + Math.round((clamped - range.min) / range.step) * range.step : clamped;
  return applyAdvanced(track, 'zoom', Math.min(range.max, stepped), range.step / 2);
}

/**
 * One image-capture constraint, then read back (an engine may drop one without a word: Firefox; a number within
 * `tolerance`); `camera-feature-unsupported` where the camera lacks it (`undefined`), refuses or drops it.
 */
export async function applyAdvanced(track: MediaStreamTrack, feature: string, value: unknown, tolerance = 0) {
  const unsupported = (cause?: unknown): never => {
    throw new CameraError('camera-feature-unsupported', { cause, params: { feature } });
  };
  if (value === undefined) unsupported();
  await track.applyConstraints({ advanced: [{ [feature]: value }] }).catch(unsupported);
  const now = (track.getSettings() as Record<string, unknown>)[feature];
  if (now !== value && !(Math.abs(Number(now) - Number(value)) <= tolerance)) unsupported();
}

/** The video inputs. Labels are empty until camera access has been granted once. */
export const listVideoInputs = async (devices: MediaDevices): Promise<CameraInfo[]> =>
  (await videoInputs(devices)).map(({ deviceId, label, groupId }) => ({ deviceId, label, groupId }));

const videoInputs = async (devices: MediaDevices): Promise<MediaDeviceInfo[]> =>
  (await devices.enumerateDevices()).filter((d) => d.kind === 'videoinput');

/** `chooseCamera` over every video input (only the open track tells its focus); `undefined`: not listed. */
export async function bestCamera(media: MediaDevices, track: MediaStreamTrack): Promise<string | undefined> {
  const current = track.getSettings().deviceId;
  const caps = (d: MediaDeviceInfo): CameraCandidate['capabilities'] =>
    d.deviceId === current ? track.getCapabilities?.() : (d as InputDeviceInfo).getCapabilities?.();
  const inputs = await videoInputs(media);
  if (!inputs.some((d) => d.deviceId === current)) return undefined;
  return chooseCamera(inputs.map((d) => ({ deviceId: d.deviceId, label: d.label, capabilities: caps(d) })));
}
