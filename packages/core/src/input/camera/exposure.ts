import { applyAdvanced, readCapabilities } from './camera-controls.js';
import type { CameraError } from './camera-error.js';
import type { ZoomRange } from './types.js';

/**
 * Glare share over a code that counts (`FrameReading.glare`), frames of it in a row before a step, the time a camera
 * takes to expose anew (frames then are ignored), and the time without a code after which the card has gone.
 */
export const EXPOSURE = { glare: 0.1, frames: 2, settleMs: 400, restoreMs: 2000 } as const;

/** The compensation the scan found (`original`) and set (`value`), glaring frames in a row, times of change and sight. */
export type ExposureState = {
  original: number;
  value: number;
  hot: number;
  changedAt: number;
  seenAt: number;
};

/** A frame's evidence: glare over located codes (`undefined`: none located), a reading, a card accepted. */
export type ExposureEvidence = { at: number; glare?: number | undefined; read: boolean; accepted?: boolean };

/**
 * The next state, and the compensation to set when it changes: down a step (about ½ EV in the track's steps, never
 * below `min`) after glaring frames; back to the original once a card is accepted or no code was seen for a while.
 * Never back up while a code is in view: the glare went *because* the exposure is lower (restoring would oscillate).
 *
 * @example
 * const { state, set } = decideExposure(state, { at: now, glare: 0.3, read: false }, { min: -2, max: 2, step: 1 / 6 });
 */
export function decideExposure(state: ExposureState, evidence: ExposureEvidence, range: ZoomRange) {
  const { at, glare } = evidence;
  const seenAt = glare !== undefined || evidence.read ? at : state.seenAt;
  const restore = evidence.accepted === true || at - seenAt >= EXPOSURE.restoreMs;
  const hot = glare === undefined ? state.hot : glare >= EXPOSURE.glare ? state.hot + 1 : 0;
  const stride = range.step > 0 ? range.step * Math.max(1, Math.round(0.5 / range.step)) : 0.5;
  const lower = Math.max(range.min, state.value - stride);
  const settling = at - state.changedAt < EXPOSURE.settleMs;
  const set = restore ? state.original : !settling && hot >= EXPOSURE.frames ? lower : state.value;
  if (set === state.value) return { state: { ...state, hot: restore || settling ? 0 : hot, seenAt } };
  return { state: { ...state, value: set, hot: 0, changedAt: at, seenAt }, set };
}

/**
 * Steps the current track's exposure compensation against glare (`decideExposure`), from scratch on each new track; a
 * refusal goes to `onRefused` once, and that track is left alone (scanning goes on).
 */
export function createExposureControl(
  currentTrack: () => MediaStreamTrack | undefined,
  onRefused: (error: CameraError) => void,
) {
  let [track, range, state] = [
    undefined as MediaStreamTrack | undefined,
    null as ZoomRange | null,
    null as Held,
  ];
  const current = (): Held => {
    if (currentTrack() === track) return state;
    track = currentTrack();
    range = track ? readCapabilities(track).exposure : null;
    const now = (track?.getSettings() as { exposureCompensation?: number } | undefined)?.exposureCompensation;
    return (state = range && { original: now ?? 0, value: now ?? 0, hot: 0, changedAt: 0, seenAt: 0 });
  };
  const apply = (on: MediaStreamTrack, value: number): Promise<void> =>
    applyAdvanced(on, 'exposureCompensation', value).catch((error: CameraError) => {
      if (on === track && state !== null) onRefused(error);
      if (on === track) state = null;
    });
  return {
    /** Whether frames should tell their glare: the current track can act on it. */
    get wanted(): boolean {
      return current() !== null;
    },
    note(evidence: ExposureEvidence): void {
      const before = current();
      if (before === null || range === null || track === undefined) return;
      const decided = decideExposure(before, evidence, range);
      state = decided.state;
      if (decided.set !== undefined) void apply(track, decided.set);
    },
    /** Back to the original setting (the scan stops), and no further steps. */
    restore(): void {
      if (state !== null && track && state.value !== state.original) void apply(track, state.original);
      state = null;
    },
  };
}

type Held = ExposureState | null;
