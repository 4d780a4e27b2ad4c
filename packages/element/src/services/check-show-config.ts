/**
 * The show settings the host gave (the `show-*` attributes, or each entry of `shows`) checked by the core's
 * `checkShowSettings` — the same schema the rules decide with — as configuration problems naming the setting as
 * the host spelt it. Loaded with the core (zod) on demand, right after the element is configured.
 */
import { SHOW_KINDS, checkShowSettings } from '@kaiku-scanner/core';
import type { ShowProperties } from './show-from-properties.js';

/** A problem found, before its text: `setting` as the host spells it. */
export type FoundProblem = {
  readonly code: 'config-invalid' | 'unknown-field';
  readonly setting: string;
  readonly expected?: string;
  readonly suggestion?: string;
};

/** The attribute of each show setting (the rest has no attribute: `shows` only). */
const ATTRIBUTES: Readonly<Record<string, string>> = {
  id: 'show-id',
  name: 'show-name',
  start: 'show-start',
  kind: 'show-kind',
  cap: 'show-cap',
  seats: 'show-seats',
};

/** What a valid value looks like, for the settings where an example helps. */
const EXAMPLES: Readonly<Record<string, string>> = {
  start: '2030-03-01T19:00:00+02:00',
  kind: SHOW_KINDS.join(', '),
  cap: '0, 1, 2 …',
  seats: '0, 1, 2 …',
};

function problemsOf(show: unknown, settingOf: (field: string) => string): FoundProblem[] {
  const result = checkShowSettings(show);
  if (result.ok) return [];
  return result.reasons.map((r) => {
    const field = String(r.params.path ?? '');
    const top = field.split('.')[0] ?? field;
    if (r.code === 'unknown-field') {
      const suggestion = r.params.suggestion;
      return {
        code: 'unknown-field',
        setting: settingOf(field),
        ...(typeof suggestion === 'string' ? { suggestion: settingOf(suggestion) } : {}),
      };
    }
    const expected = EXAMPLES[top];
    return { code: 'config-invalid', setting: settingOf(field), ...(expected ? { expected } : {}) };
  });
}

/**
 * The problems of the show settings: of each `shows` entry when that list is set, else of the `show-*` attributes
 * when any of them is set (none set: no show configured, which is not an error until a card is read).
 *
 * @example
 * showConfigProblems({ ...props, showStart: '2030-03-01 19:00' }); // [{ code: 'config-invalid', setting: 'show-start', … }]
 */
export function showConfigProblems(p: ShowProperties): FoundProblem[] {
  if (!Array.isArray(p.shows)) return [{ code: 'config-invalid', setting: 'shows' }];
  if (p.shows.length > 0)
    return p.shows.flatMap((show, i) => problemsOf(show, (field) => `shows[${i}].${field}`));
  if (!p.showId && !p.showName && !p.showStart) return [];
  const show: Record<string, unknown> = { kind: p.showKind, start: p.showStart };
  if (p.showId) show.id = p.showId;
  if (p.showName) show.name = p.showName;
  if (p.showCap !== undefined && p.showCap !== null) show.cap = p.showCap;
  if (p.showSeats !== undefined && p.showSeats !== null) show.seats = p.showSeats;
  return problemsOf(show, (field) => ATTRIBUTES[field] ?? field);
}
