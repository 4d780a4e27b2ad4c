import type { CameraFeedback } from './types.js';

/** Each feedback's beep (a high short one for a card, a low long one for a refusal) and vibration pattern. */
const CUES = {
  accepted: { hz: 1760, seconds: 0.09, vibrate: 80 },
  rejected: { hz: 440, seconds: 0.25, vibrate: [60, 60, 60] },
};

/** The optional built-in feedback: a short WebAudio beep and/or a vibration. Returns `play` and `close`. */
export function createFeedback(options: { readonly beep: boolean; readonly vibrate: boolean }) {
  let audio: AudioContext | undefined;
  // Created at start, usually inside the click that started scanning, so autoplay rules allow it.
  if (options.beep && typeof AudioContext !== 'undefined') audio = attempt(() => new AudioContext());
  return {
    play({ kind }: CameraFeedback) {
      const cue = CUES[kind];
      if (audio) attempt(() => beep(audio!, cue.hz, cue.seconds));
      if (options.vibrate && typeof navigator !== 'undefined' && typeof navigator.vibrate === 'function')
        navigator.vibrate(cue.vibrate);
    },
    close() {
      void audio?.close().catch(() => undefined);
      audio = undefined;
    },
  };
}

/** Feedback is best effort: a muted, closed or missing audio device must never break scanning. */
function attempt<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined;
  }
}

function beep(audio: AudioContext, frequency: number, seconds: number): void {
  if (audio.state === 'suspended') void audio.resume().catch(() => undefined);
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0.2, audio.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + seconds);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start();
  oscillator.stop(audio.currentTime + seconds);
}
