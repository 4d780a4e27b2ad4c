import type { Outcome } from '../views/verdict.js';
import { currentPrefs } from './prefs.js';

/** Each result's sound (`hz:ms`, 0 Hz a pause; Web Audio) and vibration: apart by rhythm and pitch, under 600 ms. */
export const CUES: Readonly<Record<Outcome, { readonly tones: string; readonly vibrate: number[] }>> = {
  registered: { tones: '880:90 0:40 1320:150', vibrate: [70] }, // rising two-note chime
  refused: { tones: '220:450', vibrate: [400] }, // one long low buzz
  'already-used': { tones: '660:80 0:60 660:80 0:60 660:80', vibrate: [80, 60, 80, 60, 80] }, // "seen it already"
  attention: { tones: '523:200 0:100 392:280', vibrate: [200, 100, 200] }, // falling, slow: look at the screen
};

/** A cue's tones as `[hz, ms]` pairs. */
export const tonesOf = (tones: string): [number, number][] =>
  tones.split(' ').map((t) => t.split(':').map(Number) as [number, number]);

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

function playTones(ctx: AudioContext, tones: string): void {
  if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
  let at = ctx.currentTime;
  for (const [hz, ms] of tonesOf(tones)) {
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
