import { describe, expect, it } from 'vitest';
import { formatterFor } from './format.js';
import fc from 'fast-check';
import { formatHelsinki } from '../../core/src/rules/helsinki-time.js';

describe('formatterFor', () => {
  it('shows show times in Finnish time in each language, whatever the terminal zone', () => {
    const start = '2030-03-01T17:00:00Z'; // 19:00 in Helsinki (EET)
    expect(formatterFor('fi').dateTime(start)).toBe('1.3.2030 klo 19.00');
    expect(formatterFor('sv').dateTime(start)).toBe('1.3.2030 kl. 19.00');
    expect(formatterFor('en').dateTime(start)).toBe('1.3.2030 19:00');
  });

  it('formats a calendar date without shifting the day, as d.m.yyyy in every language', () => {
    // Kaikukanta's refusal texts write dates so ("valid until 21.11.2026"): one format on one screen.
    expect(formatterFor('fi').date('2027-09-17')).toBe('17.9.2027');
    expect(formatterFor('sv').date('2027-09-17')).toBe('17.9.2027');
    expect(formatterFor('en').date('2027-09-17')).toBe('17.9.2027');
  });

  it('passes unreadable input through instead of throwing', () => {
    expect(formatterFor('fi').dateTime('not a date')).toBe('not a date');
    expect(formatterFor('sv').date('')).toBe('');
  });

  it('formats numbers in the locale', () => {
    expect(formatterFor('fi').number(1234)).toMatch(/^1\s234$/);
    expect(formatterFor('en').number(1234)).toBe('1,234');
  });
});

describe('one time format on one screen', () => {
  it("writes any instant's time as the core's texts do (two-digit hour, the language's separator)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }),
        (d) => {
          const [day, time] = formatHelsinki(d).split(' ') as [string, string];
          expect(
            [formatterFor('fi'), formatterFor('sv'), formatterFor('en')].map((f) =>
              f.dateTime(d.toISOString()),
            ),
          ).toEqual([`${day} klo ${time}`, `${day} kl. ${time}`, `${day} ${time.replace('.', ':')}`]);
        },
      ),
      { seed: 49 },
    );
  });
});
