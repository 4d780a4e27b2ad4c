import type { CameraFeedback } from './types.js';

export type FeedbackOptions = { readonly beep: boolean; readonly vibrate: boolean };

/** The optional built-in feedback: a short WebAudio beep and/or a vibration. Returns `play` and `close`. */
export function createFeedback(options: FeedbackOptions): { play(f: CameraFeedback): void; close(): void } {
  let audio: AudioContext | undefined;
  if (options.beep && typeof AudioContext !== 'undefined') {
    try {
      // Created at start, usually inside the click that started scanning, so autoplay rules allow it.
      audio = new AudioContext();
    } catch {
      audio = undefined;
    }
  }
  return {
    play(feedback) {
      if (audio)
        beep(audio, feedback.kind === 'accepted' ? 1760 : 440, feedback.kind === 'accepted' ? 0.09 : 0.25);
      if (options.vibrate && typeof navigator !== 'undefined' && typeof navigator.vibrate === 'function') {
        navigator.vibrate(feedback.kind === 'accepted' ? 80 : [60, 60, 60]);
      }
    },
    close() {
      void audio?.close().catch(() => undefined);
      audio = undefined;
    },
  };
}

function beep(audio: AudioContext, frequency: number, seconds: number): void {
  try {
    if (audio.state === 'suspended') void audio.resume().catch(() => undefined);
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.2, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + seconds);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + seconds);
  } catch {
    // Feedback is best effort: a muted or closed audio device must never break scanning.
  }
}
