import { describe, expect, it } from 'vitest';
import { OUTCOMES, OUTCOME_COLOURS, outcomeOf, type Outcome } from './verdict.js';
import { CUES, tonesOf } from '../feedback/cues.js';
import type { Phase } from '../flow/phase.js';

// Colour-vision deficiency simulation: Machado, Oliveira & Fernandes (2009), severity 1, applied in linear sRGB.
const CVD = {
  none: undefined,
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
} as const;
type Rgb = readonly [number, number, number];

const linear = (hex: string): Rgb =>
  [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as unknown as Rgb;
const simulate = (rgb: Rgb, m: (typeof CVD)[keyof typeof CVD]): Rgb =>
  m
    ? (m.map((r) =>
        Math.min(1, Math.max(0, r[0] * rgb[0] + r[1] * rgb[1] + r[2] * rgb[2])),
      ) as unknown as Rgb)
    : rgb;
const luminance = ([r, g, b]: Rgb): number => 0.2126 * r + 0.7152 * g + 0.0722 * b;
const contrast = (a: Rgb, b: Rgb): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};
function lab([r, g, b]: Rgb): Rgb {
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(luminance([r, g, b]));
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}
const deltaE = (a: Rgb, b: Rgb): number => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe('the four results', () => {
  it.each(Object.entries(CVD))('stay apart and readable under %s', (_, matrix) => {
    const seen = (o: Outcome, k: 'bg' | 'fg') => simulate(linear(OUTCOME_COLOURS[o][k]), matrix);
    for (const o of OUTCOMES) expect(contrast(seen(o, 'bg'), seen(o, 'fg')), o).toBeGreaterThanOrEqual(4.5);
    for (const a of OUTCOMES)
      for (const b of OUTCOMES)
        if (a < b)
          expect(deltaE(lab(seen(a, 'bg')), lab(seen(b, 'bg'))), `${a} / ${b}`).toBeGreaterThanOrEqual(20);
  });

  it('sound apart: each its own rhythm, all short, and each vibrates its own way', () => {
    const rhythm = (o: Outcome) => CUES[o].tones;
    expect(new Set(OUTCOMES.map(rhythm)).size).toBe(4);
    expect(new Set(OUTCOMES.map((o) => CUES[o].vibrate.join(' '))).size).toBe(4);
    for (const o of OUTCOMES)
      expect(tonesOf(CUES[o].tones).reduce((t, [, ms]) => t + ms, 0)).toBeLessThanOrEqual(600);
  });

  it('are told from the phase: refusals, "already used", registrations and what needs attention', () => {
    const card = {
      id: 'A1',
      kind: 'client',
      status: 'active',
      validUntil: '',
      minors: 0,
      fromCache: false,
    } as const;
    const request = { children: 0, groupCardIds: [], under16: 0 };
    const reason = (code: string) => ({ code, message: { fi: code, sv: code, en: code } });
    const of = (p: Phase) => outcomeOf(p);
    expect(of({ name: 'ready' })).toBe(undefined);
    expect(of({ name: 'card', card, request, blocking: [] })).toBe(undefined);
    expect(of({ name: 'card', card, request, blocking: [reason('card-inactive')] })).toBe('refused');
    expect(
      of({
        name: 'card',
        card,
        request,
        blocking: [reason('cap-full'), reason('already-used')],
      }),
    ).toBe('already-used');
    expect(of({ name: 'done', outcome: 'registered', cardId: 'A1', request })).toBe('registered');
    expect(of({ name: 'done', outcome: 'queued', cardId: 'A1', request })).toBe('registered');
    expect(of({ name: 'done', outcome: 'refused-later', cardId: 'A1', request })).toBe('attention');
    // Success is never in the attention look: every done outcome but a later refusal went as asked.
    for (const outcome of ['registered', 'queued', 'voided'] as const)
      expect(of({ name: 'done', outcome, cardId: 'A1', request }), outcome).not.toBe('attention');
    expect(of({ name: 'error', error: reason('card-not-found'), refusal: true })).toBe('refused');
    expect(of({ name: 'error', error: reason('network') })).toBe('attention');
  });
});
