// The door-mission clips (issue 37.1): what a clerk at a box office door holds up to the camera — a paper card's
// QR front or Code 39 back, or a mobile card (X; Z in the app's dark theme) on a phone screen — at three distances, flat or tilted, in
// office light, dim light or glare (phones: office or dim), moving into view and then held. Plain data, the same
// list in Node and in the page, deterministic from the seed.
import { caseSeed, createRandom } from '../card-photos/prng.js';

export const CLIP = {
  width: 1280,
  height: 720,
  fps: 15,
  frames: 30,
  emptyFrames: 6,
  entryFrames: 8,
} as const;
/** When the card starts to come into view, from the clip's first frame (ms). */
export const ENTRY_MS = (1000 * CLIP.emptyFrames) / CLIP.fps;

export type ClipKind = 'qr' | 'code39' | 'phone' | 'empty';
export type DoorClip = {
  readonly id: string;
  readonly kind: ClipKind;
  /** The card ID shown ('' for an empty clip: any read is a misread). */
  readonly text: string;
  readonly distance: 'near' | 'mid' | 'far';
  readonly angle: 'flat' | 'tilted';
  readonly light: 'office' | 'dim' | 'glare';
  readonly seed: number;
};

export const DOOR_SEED = 0x37_d00e;

const digits = (seed: number, n: number): string => {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => random.int(0, 9)).join('');
};

/** 36 paper clips, 24 phone clips, 2 empty: 62 presentations. */
export function listDoorClips(seed = DOOR_SEED): DoorClip[] {
  const clips: DoorClip[] = [];
  const add = (kind: ClipKind, c: Omit<DoorClip, 'id' | 'kind' | 'text' | 'seed'>, prefix: string): void => {
    const s = caseSeed(seed, clips.length);
    const text = kind === 'empty' ? '' : `${prefix}${digits(s, 10 - prefix.length)}`;
    clips.push({
      id: `${kind}-${c.distance}-${c.angle}-${c.light}-${clips.length}`,
      kind,
      text,
      seed: s,
      ...c,
    });
  };
  for (const distance of ['near', 'mid', 'far'] as const)
    for (const angle of ['flat', 'tilted'] as const) {
      for (const light of ['office', 'dim', 'glare'] as const) {
        add('qr', { distance, angle, light }, clips.length % 3 === 0 ? 'AM' : 'A');
        add('code39', { distance, angle, light }, clips.length % 3 === 0 ? 'YM' : 'Y');
      }
      for (const light of ['office', 'dim'] as const)
        for (const prefix of ['X', 'Z']) add('phone', { distance, angle, light }, prefix);
    }
  add('empty', { distance: 'mid', angle: 'flat', light: 'office' }, '');
  add('empty', { distance: 'mid', angle: 'flat', light: 'dim' }, '');
  return clips;
}

/**
 * The clips for the behaviour check in `npm test`: a Code 39 card and a phone screen. A QR card and an empty desk
 * through the same fake camera are camera.e2e's (its card videos); the bench plays every clip.
 */
export function doorSlice(): DoorClip[] {
  const all = listDoorClips();
  const pick = (kind: ClipKind, light: DoorClip['light'] = 'office'): DoorClip =>
    all.find((c) => c.kind === kind && c.distance === 'mid' && c.angle === 'flat' && c.light === light)!;
  return [pick('code39'), pick('phone')];
}
