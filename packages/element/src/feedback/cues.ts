import type { Outcome } from '../views/verdict.js';
import { currentPrefs } from './prefs.js';

/** A tone (`hz`, 0 for a pause) lasting `ms`. */
export type Tone = readonly [hz: number, ms: number];

/**
 * Each result's sound and vibration: told apart by rhythm and pitch, not by loudness, so a clerk who cannot look
 * knows it; all under 600 ms, so the next card is never held up. Generated with Web Audio: no sound files.
 */
export const CUES: Readonly<
  Record<Outcome, { readonly tones: readonly Tone[]; readonly vibrate: number[] }>
> = {
  // Rising two-note chime.
  registered: {
    tones: [
      [880, 90],
      [0, 40],
      [1320, 150],
    ],
    vibrate: [70],
  },
  // One long low buzz.
  refused: { tones: [[220, 450]], vibrate: [400] },
  // Three quick equal beeps: "seen it already".
  'already-used': {
    tones: [
      [660, 80],
      [0, 60],
      [660, 80],
      [0, 60],
      [660, 80],
    ],
    vibrate: [80, 60, 80, 60, 80],
  },
  // Falling two notes, slow: look at the screen.
  attention: {
    tones: [
      [523, 200],
      [0, 100],
      [392, 280],
    ],
    vibrate: [200, 100, 200],
  },
};

/** What the host allows (`no-sound`, `no-vibration`); the clerk's settings (`currentPrefs`) must allow it too. */
export type CueChannels = { readonly sound: boolean; readonly vibration: boolean };

let audio: AudioContext | undefined;

/** Plays a result's sound and vibration, as far as the device has them; never throws (feedback is best effort). */
export function playCue(outcome: Outcome, channels: CueChannels): void {
  const cue = CUES[outcome];
  const clerk = currentPrefs();
  try {
    if (channels.vibration && clerk.vibration && typeof navigator.vibrate === 'function')
      navigator.vibrate(cue.vibrate);
    if (channels.sound && clerk.sound && typeof AudioContext !== 'undefined')
      playTones((audio ??= new AudioContext()), cue.tones);
  } catch {
    // A muted, closed or blocked audio device must never break scanning.
  }
}

function playTones(ctx: AudioContext, tones: readonly Tone[]): void {
  if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
  let at = ctx.currentTime;
  for (const [hz, ms] of tones) {
    const end = at + ms / 1000;
    if (hz > 0) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'square';
      osc.frequency.value = hz;
      gain.gain.setValueAtTime(0.15, at);
      gain.gain.exponentialRampToValueAtTime(0.001, end);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(end);
    }
    at = end;
  }
}
