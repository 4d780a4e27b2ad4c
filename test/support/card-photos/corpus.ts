// The generated corpus of card photos: conditions × sides × frame sizes, deterministic from a seed.
import { composePhoto } from './compose-photo.js';
import type { Effects, Pose } from './compose-photo.js';
import { caseSeed, createRandom } from './prng.js';
import type { Random } from './prng.js';
import type { CardSide } from './render-card.js';

export const CONDITIONS = [
  'clean',
  'blur',
  'rotation',
  'perspective',
  'small',
  'noise',
  'low_light',
  'glare',
  'negative',
] as const;
export type Condition = (typeof CONDITIONS)[number];

export const FRAME_SIZES = [
  { width: 1280, height: 720 },
  { width: 640, height: 480 },
] as const;
export type FrameSize = { readonly width: number; readonly height: number };

export type PhotoCase = {
  readonly id: string;
  readonly seed: number;
  readonly side: CardSide;
  readonly condition: Condition;
  readonly size: FrameSize;
  /** What the symbol encodes (the card ID). */
  readonly text: string;
};

const PREFIXES = ['A', 'A', 'AM', 'Y', 'YM', 'X', 'Z'] as const;

/** A 10-character card ID of a real prefix (A045198723, YM01234567, …). */
export function randomCardId(random: Random): string {
  const prefix = random.pick(PREFIXES);
  let digits = '';
  while (prefix.length + digits.length < 10) digits += String(random.int(0, 9));
  return prefix + digits;
}

/** Lists the cases: `perCell` photos for each condition × side × size. */
export function listCases(options: {
  seed: number;
  perCell: number;
  conditions?: readonly Condition[];
  sides?: readonly CardSide[];
  sizes?: readonly FrameSize[];
}): PhotoCase[] {
  const cases: PhotoCase[] = [];
  for (const size of options.sizes ?? FRAME_SIZES) {
    for (const side of options.sides ?? (['qr_code', 'code_39'] as const)) {
      for (const condition of options.conditions ?? CONDITIONS) {
        for (let k = 0; k < options.perCell; k++) {
          const seed = caseSeed(options.seed, cases.length);
          const text = randomCardId(createRandom(seed ^ 0xabcdef));
          const id = `${side}-${condition}-${size.width}x${size.height}-${k}`;
          cases.push({ id, seed, side, condition, size, text });
        }
      }
    }
  }
  return cases;
}

/** Renders one case to pixels (browser or Worker: needs OffscreenCanvas). */
export function renderCase(c: PhotoCase): ImageData {
  const random = createRandom(c.seed);
  const { pose, effects } = conditionParameters(c.condition, random);
  return composePhoto(c.side, c.text, c.size, pose, effects, random);
}

function conditionParameters(condition: Condition, random: Random): { pose: Pose; effects: Effects } {
  const pose: Pose = {
    scale: random.range(0.42, 0.72),
    roll: random.range(-6, 6),
    yaw: random.range(-6, 6),
    pitch: random.range(-6, 6),
  };
  const effects: Effects = {
    blur: random.range(0.3, 0.8),
    noise: random.range(1, 4),
    light: random.range(0.9, 1.05),
    glare: 0,
    negative: false,
  };
  const sign = (): number => (random.next() < 0.5 ? -1 : 1);
  switch (condition) {
    case 'clean':
      return { pose, effects };
    case 'blur':
      return { pose, effects: { ...effects, blur: random.range(1, 2) } };
    case 'rotation':
      return { pose: { ...pose, roll: random.range(12, 180) * sign() }, effects };
    case 'perspective':
      return {
        pose: { ...pose, yaw: random.range(18, 35) * sign(), pitch: random.range(10, 30) * sign() },
        effects,
      };
    case 'small':
      return { pose: { ...pose, scale: random.range(0.26, 0.36) }, effects };
    case 'noise':
      return { pose, effects: { ...effects, noise: random.range(14, 28) } };
    case 'low_light':
      return { pose, effects: { ...effects, light: random.range(0.12, 0.25), noise: random.range(3, 7) } };
    case 'glare':
      return { pose, effects: { ...effects, glare: random.range(0.55, 0.9) } };
    case 'negative':
      return { pose, effects: { ...effects, negative: true } };
  }
}
