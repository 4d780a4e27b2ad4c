import { applyAdvanced, readCapabilities } from './camera-controls.js';
import { CameraError } from './camera-error.js';
import type { ZoomRange } from './types.js';

/** Glare share that counts, frames of it before a step, time to expose anew, for a card to be gone, most EV below. */
export const EXPOSURE = { glare: 0.1, frames: 2, settleMs: 400, restoreMs: 2000, depth: 2 } as const;

/**
 * The compensation found (`original`) and set (`value`), glaring frames in a row, when it changed, a code seen; the
 * glare the last step down answered and the value before it (`last`; glare −∞: a step taken back, no other follows).
 */
export type ExposureState = {
  original: number;
  value: number;
  hot: number;
  changed: number;
  seen: number;
  last?: { glare: number; from: number } | undefined;
};

/** A frame's evidence: glare over located codes (`undefined`: none located; NaN: not measured), a reading, a card. */
export type ExposureEvidence = { at: number; glare?: number | undefined; read: boolean; accepted?: boolean };

/**
 * The next state, and the compensation to `set`: down about ½ EV in the track's steps after glaring frames, never
 * below `min` nor `EXPOSURE.depth` below the original; a step after which the glare is no less (a lamp on a glossy
 * ticket) is taken back, and no other follows. Back to the original once a card is accepted or no code was seen for a
 * while; never while a code is in view: the glare went *because* the exposure is lower (restoring would oscillate).
 * @example decideExposure(state, { at: now, glare: 0.3, read: false }, { min: -2, max: 2, step: 1 / 6 });
 */
export function decideExposure(state: ExposureState, evidence: ExposureEvidence, range: ZoomRange) {
  const { at, glare } = evidence;
  const seen = glare !== undefined || evidence.read ? at : state.seen;
  const restore = evidence.accepted === true || at - seen >= EXPOSURE.restoreMs;
  const measured = (glare ?? NaN) >= 0;
  const hot = !measured ? state.hot : (glare as number) >= EXPOSURE.glare ? state.hot + 1 : 0;
  const stride = range.step > 0 ? range.step * Math.max(1, Math.round(0.5 / range.step)) : 0.5;
  const settling = at - state.changed < EXPOSURE.settleMs;
  const step = measured && !restore && !settling && hot >= EXPOSURE.frames;
  const back = step && state.last !== undefined && (glare as number) >= state.last.glare;
  const lower = Math.max(range.min, state.original - EXPOSURE.depth, state.value - stride);
  const value = restore ? state.original : back ? (state.last?.from ?? 0) : step ? lower : state.value;
  const taken = { glare: back ? -Infinity : (glare as number), from: back ? value : state.value };
  const last = restore ? undefined : step ? taken : state.last;
  if (value === state.value) return { state: { ...state, last, hot: restore || settling ? 0 : hot, seen } };
  return { state: { ...state, value, last, hot: 0, changed: at, seen }, set: value };
}

/** Devices whose original compensation a restore did not bring back: where their next start sets it back to. */
const unrestored = new Map<string | undefined, number>();

/**
 * Steps the current stream's compensation (`decideExposure`). A refusal leaves the track alone: `onRefused` once
 * (`camera-feature-unsupported`), or `camera-exposure-not-restored` where it is left off its original (then the
 * device's next start restores that).
 */
export function createExposureControl(
  currentStream: () => MediaStream | undefined,
  onRefused: (error: CameraError) => void,
) {
  let track: MediaStreamTrack | undefined;
  let range: ZoomRange | null = null;
  let state: ExposureState | null = null;
  const valueOf = (on?: MediaStreamTrack) =>
    (on?.getSettings() as { exposureCompensation?: number } | undefined)?.exposureCompensation;
  const current = (): ExposureState | null => {
    if (currentStream()?.getVideoTracks()[0] === track) return state;
    track = currentStream()?.getVideoTracks()[0];
    range = track ? readCapabilities(track).exposure : null;
    const now = valueOf(track);
    const original = unrestored.get(track?.getSettings().deviceId) ?? now;
    // Without the current value there is nothing to restore to: such a track is left alone.
    const known = range !== null && typeof now === 'number' && Number.isFinite(now);
    state = known ? { original: original as number, value: now, hot: 0, changed: 0, seen: 0 } : null;
    if (state !== null && now !== original) void apply(state.original);
    return state;
  };
  const apply = async (value: number): Promise<void> => {
    const on = track as MediaStreamTrack;
    const original = state?.original;
    const step = range?.step ?? 0;
    const device = on.getSettings().deviceId;
    const taken = applyAdvanced(on, 'exposureCompensation', value, step / 2 + 1e-6);
    const refused = await taken.then(() => null).catch((error: CameraError) => error);
    if (refused === null && value === original) unrestored.delete(device);
    if (refused === null || original === undefined) return;
    const left = valueOf(on) !== original && unrestored.set(device, original);
    if (left) onRefused(new CameraError('camera-exposure-not-restored', { cause: refused }));
    else if (on === track && state !== null) onRefused(refused);
    if (on === track) state = null;
  };
  return {
    wanted: (): boolean => current() !== null,
    note(evidence: ExposureEvidence): void {
      const before = current();
      if (before === null || range === null) return;
      const decided = decideExposure(before, evidence, range);
      state = decided.state;
      if (decided.set !== undefined) void apply(decided.set);
    },
    /** Sets the original back; its answer (at most 1 s), or `undefined`: nothing to restore. */
    restore(): Promise<unknown> | undefined {
      const restoring = state !== null && state.value !== state.original ? apply(state.original) : undefined;
      state = null;
      return restoring && Promise.race([restoring, new Promise((resolve) => setTimeout(resolve, 1000))]);
    },
  };
}
