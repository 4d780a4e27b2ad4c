import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHelsinki, fromHelsinki, helsinkiDate, helsinkiBefore, toHelsinki } from './helsinki-time.js';

const at = (iso: string): Date => new Date(iso);

describe('Helsinki time', () => {
  it('reads dates on the Helsinki calendar in winter and summer', () => {
    expect(helsinkiDate(at('2025-11-30T21:59:59Z'))).toBe('2025-11-30');
    expect(helsinkiDate(at('2025-11-30T22:00:00Z'))).toBe('2025-12-01');
    expect(helsinkiDate(at('2025-06-30T20:59:59Z'))).toBe('2025-06-30');
    expect(helsinkiDate(at('2025-06-30T21:00:00Z'))).toBe('2025-07-01');
  });

  it('formats times as Finns write them', () => {
    expect(formatHelsinki(at('2026-02-28T17:00:00Z'))).toBe('28.2.2026 19.00');
    expect(formatHelsinki(at('2026-07-01T06:05:00Z'))).toBe('1.7.2026 09.05');
  });

  it('handles the spring-forward gap and the autumn overlap', () => {
    expect(toHelsinki(at('2025-03-30T01:00:00Z')).hour).toBe(4);
    expect(
      fromHelsinki({ year: 2025, month: 3, day: 30, hour: 3, minute: 30, second: 0 }).toISOString(),
    ).toBe('2025-03-30T01:30:00.000Z');
    expect(
      fromHelsinki({ year: 2025, month: 10, day: 26, hour: 3, minute: 30, second: 0 }).toISOString(),
    ).toBe('2025-10-26T00:30:00.000Z');
    expect(
      fromHelsinki({ year: 2025, month: 10, day: 26, hour: 12, minute: 0, second: 0 }).toISOString(),
    ).toBe('2025-10-26T10:00:00.000Z');
  });

  it('shifts by calendar months and days keeping the wall clock across DST', () => {
    expect(helsinkiBefore(at('2026-04-15T16:00:00Z'), { months: 1 }).toISOString()).toBe(
      '2026-03-15T17:00:00.000Z',
    );
    expect(helsinkiBefore(at('2026-03-31T16:00:00Z'), { months: 1 }).toISOString()).toBe(
      '2026-02-28T17:00:00.000Z',
    );
    expect(helsinkiBefore(at('2024-03-31T16:00:00Z'), { months: 1 }).toISOString()).toBe(
      '2024-02-29T17:00:00.000Z',
    );
    expect(helsinkiBefore(at('2025-03-31T16:00:00Z'), { days: 2 }).toISOString()).toBe(
      '2025-03-29T17:00:00.000Z',
    );
    expect(helsinkiBefore(at('2025-01-15T16:00:00Z'), { months: 13 }).toISOString()).toBe(
      '2023-12-15T16:00:00.000Z',
    );
    expect(helsinkiBefore(at('2025-01-15T16:00:00Z'), { hours: 1, minutes: 30 }).toISOString()).toBe(
      '2025-01-15T14:30:00.000Z',
    );
    expect(helsinkiBefore(at('2025-01-15T16:00:00Z'), {}).toISOString()).toBe('2025-01-15T16:00:00.000Z');
  });

  it('round-trips any instant through wall-clock time (the repeated autumn hour maps to its first instant)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), (ms) => {
        const instant = new Date(Math.floor(ms / 1000) * 1000);
        const back = fromHelsinki(toHelsinki(instant)).getTime();
        expect([instant.getTime(), instant.getTime() - 3_600_000]).toContain(back);
        expect(helsinkiDate(instant)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }),
      { numRuns: 1000 },
    );
  });
});
