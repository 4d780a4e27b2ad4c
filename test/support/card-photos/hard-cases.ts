// Harder card photos than the corpus: how phones, webcams and worn cards really fail (exact rotations, steep tilt,
// motion blur, defocus, dark and noisy, grey on grey, JPEG, bent cards, the frame edge, tiny codes in 1080p,
// two cards, foreign barcodes, odd payloads). Each case says what a demanding user expects from the decoder.
import { composePhoto } from './compose-photo.js';
import type { Effects, Pose } from './compose-photo.js';
import { randomCardId } from './corpus.js';
import { bend, crop, emptyFrame, jpegRoundTrip, motionBlur, paste, squeezeContrast } from './image-ops.js';
import { labelScene } from './label-scene.js';
import type { LabelPlacement, LabelSymbol } from './label-scene.js';
import { caseSeed, createRandom } from './prng.js';
import type { Random } from './prng.js';
import type { CardSide } from './render-card.js';

/**
 * `read`: one of `ids` must be read. `none`: nothing may be accepted. `either`: reading nothing is acceptable
 * (the camera keeps trying), but a read must be one of `ids`. A read outside `ids` is always a wrong read.
 */
export type Expectation = 'read' | 'none' | 'either';

export type HardCase = {
  readonly id: string;
  readonly group: string;
  readonly expect: Expectation;
  /** The card IDs the image shows (canonical form). */
  readonly ids: readonly string[];
  /** Which acceptance the caller uses: card IDs only, card IDs with a verified mod-43 character. */
  readonly filter: 'card' | 'verify';
  readonly render: () => Promise<ImageData>;
};

const HD = { width: 1280, height: 720 };
const FULL_HD = { width: 1920, height: 1080 };

function basePose(random: Random): Pose {
  return {
    scale: random.range(0.45, 0.6),
    roll: random.range(-3, 3),
    yaw: random.range(-4, 4),
    pitch: random.range(-4, 4),
  };
}
function baseEffects(random: Random): Effects {
  return {
    blur: random.range(0.3, 0.7),
    noise: random.range(1, 3),
    light: random.range(0.9, 1),
    glare: 0,
    negative: false,
  };
}

type Variant = {
  readonly group: string;
  readonly expect: Expectation | ((side: CardSide) => Expectation);
  readonly size?: { width: number; height: number };
  readonly pose?: (pose: Pose, random: Random) => Pose;
  readonly effects?: (effects: Effects, random: Random) => Effects;
  readonly post?: (image: ImageData, random: Random, side: CardSide) => ImageData | Promise<ImageData>;
};

const sign = (random: Random): number => (random.next() < 0.5 ? -1 : 1);
const c39Either = (side: CardSide): Expectation => (side === 'qr_code' ? 'read' : 'either');
const qrEither = (side: CardSide): Expectation => (side === 'qr_code' ? 'either' : 'read');

/** Photos of one real card face under one condition. */
const PHOTO_VARIANTS: Variant[] = [
  ...[15, 45, 90, 180].map((deg): Variant => ({
    group: `rotated ${deg}°`,
    expect: 'read',
    pose: (p, r) => ({ ...p, roll: deg * sign(r) + r.range(-1, 1) }),
  })),
  {
    group: 'tilted 30–40°',
    expect: 'read',
    pose: (p, r) => ({ ...p, yaw: r.range(30, 40) * sign(r), pitch: r.range(0, 12) * sign(r) }),
  },
  {
    group: 'motion blur 5 px',
    // 5 px across Code 39 bars of 2–3 px merges narrow elements on some photos; along the bars it is harmless.
    expect: c39Either,
    post: (img, r) => motionBlur(img, 5, r.range(0, 180)),
  },
  {
    group: 'motion blur 11 px',
    expect: 'either',
    post: (img, r) => motionBlur(img, 11, r.range(0, 180)),
  },
  { group: 'defocus σ2.5', expect: c39Either, effects: (e) => ({ ...e, blur: 2.5 }) },
  {
    group: 'dark and noisy',
    // Bars 20–30 grey levels above black under noise σ 8–12: QR must read; Code 39 is read on some frames.
    expect: c39Either,
    effects: (e, r) => ({ ...e, light: r.range(0.08, 0.12), noise: r.range(8, 12) }),
  },
  { group: 'strong glare', expect: 'either', effects: (e, r) => ({ ...e, glare: r.range(1, 1.4) }) },
  {
    group: 'grey on grey',
    expect: 'read',
    post: (img, r) => squeezeContrast(img, r.range(85, 110), r.range(150, 175), 3, r),
  },
  {
    group: 'inverted, dim',
    expect: 'read',
    effects: (e, r) => ({ ...e, negative: true, light: r.range(0.5, 0.8) }),
  },
  {
    group: 'small in 1920×1080',
    expect: c39Either,
    size: FULL_HD,
    pose: (p, r) => ({ ...p, scale: r.range(0.22, 0.26) }),
  },
  {
    group: 'symbol cut by frame edge',
    expect: 'none',
    pose: (p) => ({ ...p, scale: 0.55 }),
    // Keep the frame from the middle of the symbol rightwards (QR at 0.78 of the card, Code 39 centred).
    post: (img, _r, side) => {
      const x = Math.round(img.width / 2 + (side === 'qr_code' ? 0.28 * 0.55 * img.width : 0));
      return crop(img, x, 0, img.width - x, img.height);
    },
  },
  {
    group: 'card cut by frame edge, symbol in',
    expect: 'read',
    pose: (p) => ({ ...p, scale: 0.55 }),
    post: (img, _r, side) =>
      side === 'qr_code'
        ? crop(img, Math.round(img.width / 2 - 20), 0, Math.round(img.width / 2 + 20), img.height)
        : crop(img, 0, Math.round(img.height / 2 - 75), img.width, Math.round(img.height / 2 + 75)),
  },
  {
    group: 'bent card',
    // A version-1 QR code has no alignment pattern: its grid is sampled as a plane, which a bend breaks; some bends
    // defeat both decoders (the camera keeps trying; flattening the card helps).
    expect: qrEither,
    post: (img, r) => bend(img, img.width / 2, 0.32 * img.width, r.range(5, 10)),
  },
  {
    group: 'strongly bent card',
    // zxing-cpp locates these QR codes but fails their checksum; the grid search and the crop retry read some.
    expect: qrEither,
    post: (img, r) => bend(img, img.width / 2, 0.32 * img.width, r.range(15, 25)),
  },
  {
    group: 'JPEG q20–40',
    expect: 'read',
    post: (img, r) => jpegRoundTrip(img, r.range(0.2, 0.4)),
  },
];

function photoCase(variant: Variant, side: CardSide, seed: number, k: number): HardCase {
  const text = randomCardId(createRandom(seed ^ 0xabcdef));
  const expect = typeof variant.expect === 'function' ? variant.expect(side) : variant.expect;
  return {
    id: `${variant.group} ${side} #${k}`,
    group: `${variant.group} (${side === 'qr_code' ? 'QR' : 'C39'})`,
    expect,
    ids: [text],
    filter: 'card',
    render: async () => {
      const random = createRandom(seed);
      const pose = (variant.pose ?? ((p) => p))(basePose(random), random);
      const effects = (variant.effects ?? ((e) => e))(baseEffects(random), random);
      const image = composePhoto(side, text, variant.size ?? HD, pose, effects, random);
      return variant.post ? variant.post(image, random, side) : image;
    },
  };
}

function twoCards(seed: number, sides: readonly [CardSide, CardSide]): HardCase {
  const random = createRandom(seed);
  const ids = [randomCardId(random), randomCardId(random)] as const;
  return {
    id: `two cards ${sides.join('+')} #${seed % 1000}`,
    group: 'two cards in one frame',
    expect: 'read',
    ids,
    filter: 'card',
    render: async () => {
      const frame = emptyFrame(FULL_HD.width, FULL_HD.height);
      sides.forEach((side, i) => {
        const r = createRandom(seed + i + 1);
        const half = { width: 960, height: 1080 };
        const pose = { ...basePose(r), scale: r.range(0.6, 0.75) };
        paste(frame, composePhoto(side, ids[i]!, half, pose, baseEffects(r), r), i * 960, 0);
      });
      return frame;
    },
  };
}

function labelCase(
  id: string,
  group: string,
  expect: Expectation,
  ids: readonly string[],
  labels: readonly { symbol: LabelSymbol; cx: number; cy: number }[],
  seed: number,
  options: { filter?: 'card' | 'verify'; placement?: Partial<LabelPlacement> } = {},
): HardCase {
  return {
    id,
    group,
    expect,
    ids,
    filter: options.filter ?? 'card',
    render: async () => {
      const random = createRandom(seed);
      const placement: LabelPlacement = {
        scale: labels.length > 1 ? 0.36 : random.range(0.45, 0.6),
        roll: random.range(-8, 8),
        blur: random.range(0.4, 0.8),
        noise: random.range(1, 4),
        ...options.placement,
      };
      return labelScene(HD, labels, placement, random);
    },
  };
}

/** Payloads and symbols a card does not carry, or carries with a twist. */
function labelCases(seed: number): HardCase[] {
  const random = createRandom(seed);
  const id = (): string => randomCardId(random);
  const one = (symbol: LabelSymbol) => [{ symbol, cx: 0.5, cy: 0.5 }];
  const a = id();
  const b = id();
  const c = id();
  const d = id();
  const e = id();
  const f = id();
  const g = id();
  const url = 'https://www.kaikukortti.fi/';
  return [
    labelCase(
      'C39 with mod-43, verify',
      'Code 39 with mod-43 character',
      'read',
      [a],
      one({ kind: 'code39', text: a, checkDigit: true, quiet: 10 }),
      seed + 1,
      { filter: 'verify' },
    ),
    labelCase(
      'C39 with mod-43, not expected',
      'Code 39 with mod-43 character',
      'none',
      [],
      one({ kind: 'code39', text: b, checkDigit: true, quiet: 10 }),
      seed + 2,
    ),
    labelCase(
      'C39 quiet zone 3 modules',
      'Code 39, quiet zone too small',
      'read',
      [c],
      one({ kind: 'code39', text: c, quiet: 3 }),
      seed + 3,
    ),
    labelCase(
      'C39 quiet zone 1.5 modules',
      'Code 39, quiet zone too small',
      'either',
      [d],
      one({ kind: 'code39', text: d, quiet: 1.5 }),
      seed + 4,
    ),
    labelCase(
      'QR lower case',
      'QR lower case / spaces',
      'read',
      [e],
      one({ kind: 'qr', text: e.toLowerCase() }),
      seed + 5,
    ),
    labelCase(
      'QR surrounding spaces',
      'QR lower case / spaces',
      'read',
      [f],
      one({ kind: 'qr', text: ` ${f} ` }),
      seed + 6,
    ),
    // An ID printed in groups is read as one since parseCardId accepts grouped IDs (test/vectors/card-id.json).
    labelCase(
      'QR inner spaces',
      'QR lower case / spaces',
      'read',
      [g],
      one({ kind: 'qr', text: `${g.slice(0, 4)} ${g.slice(4)}` }),
      seed + 7,
    ),
    labelCase(
      'EAN-13 alone',
      'non-card barcode',
      'none',
      [],
      one({ kind: 'ean13', digits: '6410405082657' }),
      seed + 8,
    ),
    labelCase('URL QR alone', 'non-card barcode', 'none', [], one({ kind: 'qr', text: url }), seed + 9),
    labelCase(
      'URL QR with an ID inside',
      'non-card barcode',
      'none',
      [],
      one({ kind: 'qr', text: `${url}?kortti=${a}` }),
      seed + 10,
    ),
    labelCase(
      'URL QR beside a card QR',
      'card beside a foreign code',
      'read',
      [b],
      [
        { symbol: { kind: 'qr', text: url }, cx: 0.27, cy: 0.5 },
        { symbol: { kind: 'qr', text: b }, cx: 0.73, cy: 0.5 },
      ],
      seed + 11,
    ),
    labelCase(
      'EAN-13 beside a card C39',
      'card beside a foreign code',
      'read',
      [c],
      [
        { symbol: { kind: 'ean13', digits: '4006381333931' }, cx: 0.5, cy: 0.27 },
        { symbol: { kind: 'code39', text: c, quiet: 10 }, cx: 0.5, cy: 0.73 },
      ],
      seed + 12,
    ),
  ];
}

/** The whole hard set, deterministic from `seed`: `perCell` photos per variant and side, plus the fixed cases. */
export function listHardCases(seed: number, perCell = 2): HardCase[] {
  const cases: HardCase[] = [];
  let n = 0;
  for (const variant of PHOTO_VARIANTS) {
    for (const side of ['qr_code', 'code_39'] as const) {
      for (let k = 0; k < perCell; k++) cases.push(photoCase(variant, side, caseSeed(seed, n++), k));
    }
  }
  for (let k = 0; k < perCell; k++) {
    cases.push(twoCards(caseSeed(seed, n++), ['qr_code', 'code_39']));
    cases.push(twoCards(caseSeed(seed, n++), ['code_39', 'qr_code']));
  }
  cases.push(...labelCases(caseSeed(seed, n++)));
  return cases;
}
