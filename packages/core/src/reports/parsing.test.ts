import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordDecoder, sniffDelimiter, splitFields, splitRecords } from './read-csv.js';
import { matchHeader, normaliseHeader, recogniseHeader } from './header.js';
import { neutraliseCell, toHelsinki } from './usage-report.js';
import { helsinkiIso } from './usage-from-row.js';
import { parseReportDate, parseReportTime } from './validate-row.js';
import { toCell } from './read-xlsx.js';
import { formatRanges, RowHashSet } from './import-tally.js';
import { sha256Hex } from '../sha256.js';
import { sniffFormat } from './report-rows.js';

const bytes = (text: string) => new TextEncoder().encode(text);
async function* chunked(data: Uint8Array, size: number) {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

describe('sha256Hex', () => {
  it('matches node:crypto for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
    );
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('parseReportDate / parseReportTime', () => {
  it.each([
    ['3.2.2020', '2020-02-03', undefined],
    ['03.02.2020', '2020-02-03', undefined],
    ['3.2.2020.', '2020-02-03', undefined],
    ['3.2.2020 klo 18.30', '2020-02-03', '18:30'],
    ['29.2.2024 18:05', '2024-02-29', '18:05'],
    ['2020-02-03', '2020-02-03', undefined],
    ['2020-02-03T18:30', '2020-02-03', '18:30'],
    ['2020-02-03 18:30:15', '2020-02-03', '18:30'],
    ['2024-06-01T21:30:00Z', '2024-06-02', '00:30'],
    ['2024-06-01T21:30:00+0300', '2024-06-01', '21:30'],
  ])('%s', (text, date, time) => {
    expect(parseReportDate(text)).toEqual({ ok: true, date, ...(time ? { time } : {}) });
  });

  it.each([
    '29.2.2023',
    '3/2/2020',
    '3.2.20',
    '2020-13-01',
    '1.1.1999',
    '3.2.2020 25.00',
    '2020-02-03Z',
    'huomenna',
    true,
  ])('refuses %s', (text) => {
    expect(parseReportDate(text)).toEqual({ ok: false, code: 'row-date-invalid' });
  });

  it('reads spreadsheet dates and serial numbers', () => {
    expect(parseReportDate(new Date(Date.UTC(2020, 1, 3, 18, 30)))).toEqual({
      ok: true,
      date: '2020-02-03',
      time: '18:30',
    });
    expect(parseReportDate(43864)).toEqual({ ok: true, date: '2020-02-03' });
    expect(parseReportDate(43864.75)).toEqual({ ok: true, date: '2020-02-03', time: '18:00' });
    expect(parseReportDate(new Date(NaN))).toEqual({ ok: false, code: 'row-date-invalid' });
    expect(parseReportDate(-1)).toEqual({ ok: false, code: 'row-date-invalid' });
    expect(parseReportDate('  ')).toEqual({ ok: false, code: 'row-date-missing' });
    expect(parseReportDate(null)).toEqual({ ok: false, code: 'row-date-missing' });
  });

  it('reads separate time cells', () => {
    expect(parseReportTime('klo 19')).toEqual({ ok: true, time: '19:00' });
    expect(parseReportTime('18.30')).toEqual({ ok: true, time: '18:30' });
    expect(parseReportTime(0.75)).toEqual({ ok: true, time: '18:00' });
    expect(parseReportTime(new Date(Date.UTC(1899, 11, 30, 9, 15)))).toEqual({ ok: true, time: '09:15' });
    expect(parseReportTime('')).toEqual({ ok: true });
    expect(parseReportTime('24.00')).toEqual({ ok: false, code: 'row-time-invalid' });
    expect(parseReportTime(5)).toEqual({ ok: false, code: 'row-time-invalid' });
  });
});

describe('Helsinki time', () => {
  it('uses +02:00 in winter, +03:00 in summer, across the switch days', () => {
    expect(helsinkiIso('2020-02-03', '18:30')).toBe('2020-02-03T18:30:00+02:00');
    expect(helsinkiIso('2024-07-01')).toBe('2024-07-01T00:00:00+03:00');
    expect(helsinkiIso('2024-03-31', '12:00')).toBe('2024-03-31T12:00:00+03:00');
    expect(helsinkiIso('2024-10-27', '12:00')).toBe('2024-10-27T12:00:00+02:00');
    expect(toHelsinki(Date.parse('2024-12-31T22:30:00Z'))).toEqual({ date: '2025-01-01', time: '00:30' });
  });
});

describe('header recognition', () => {
  it.each([
    ['Kortin tunnus (jossa on numeroita ja/tai kirjaimia)', 'cardId'],
    ['KORTIN NUMERO', 'cardId'],
    ['Kaikukortin numero', 'cardId'],
    ['Kortets kod (bestående av siffror och/eller bokstäver)', 'cardId'],
    ['card_id', 'cardId'],
    ['Lippu aikuiselle', 'adults'],
    ['Biljett för vuxna', 'adults'],
    ['Lippu lapselle (alle 16 v.)', 'children'],
    ['Barn', 'children'],
    ['Esityksen nimi', 'event'],
    ['Föreställningens namn', 'event'],
    ['Tapahtuman päivämäärä', 'date'],
    ['Päivä-\nmäärä', 'date'],
    ['Pvm.', 'date'],
    ['Klo', 'time'],
    ['Tapahtumapaikka', 'venue'],
    ['Plats', 'venue'],
    ['Sali', undefined],
    ['Venue ID', undefined],
    ['Hinta €', undefined],
    [42, undefined],
  ])('%s → %s', (cell, field) => {
    expect(matchHeader(cell)).toBe(field);
  });

  it('names missing and duplicate columns', () => {
    expect(recogniseHeader(['Card ID', 'Event', 'Date'])).toMatchObject({
      ok: false,
      code: 'report-header-missing',
      fields: ['children'],
    });
    expect(recogniseHeader(['Card ID', 'Children', 'Event', 'Date', 'Datum'])).toMatchObject({
      ok: false,
      code: 'report-header-duplicate',
      fields: ['date'],
    });
    expect(normaliseHeader('  Päivä-\r\n määrä (pvm) ')).toBe('päivämäärä');
  });
});

describe('CSV records and fields', () => {
  it('splits records at any chunk boundary, keeping quoted line breaks', async () => {
    const text = 'a;"b\nc";d\r\n"x""y";z\n\nlast';
    for (const size of [1, 2, 3, 7, 100]) {
      const records: string[] = [];
      for await (const r of splitRecords(chunked(bytes(text), size), 0x3b, 1000))
        records.push(`${r.row}:${new TextDecoder().decode(r.bytes)}`);
      expect(records).toEqual(['1:a;"b\nc";d', '2:"x""y";z', '3:', '4:last']);
    }
  });

  it('sends blank lines up as one run a chunk, not one record a line', async () => {
    const text = `a\n${'\n;; \t;\r\n\r'.repeat(25_000)}\nb;"\n"\n\n`;
    const records: string[] = [];
    for await (const r of splitRecords(chunked(bytes(text), text.length), 0x3b, 1000))
      records.push(`${r.row}:${r.blankLines ?? new TextDecoder().decode(r.bytes)}`);
    expect(records).toEqual(['1:a', '2:50001', '50003:b;"\n"', '50004:1']);
    const bounded = async () => {
      for await (const _ of splitRecords(chunked(bytes(text), 7), 0x3b, 1000, 1000));
    };
    await expect(bounded()).rejects.toMatchObject({ code: 'report-too-many-lines', row: 1001 });
  });

  it('splits fields like a spreadsheet does', () => {
    expect(splitFields('A1;"Taikuri ""Matti""";3.2.2020', ';')).toEqual([
      'A1',
      'Taikuri "Matti"',
      '3.2.2020',
    ]);
    expect(splitFields('a,"b"c,d', ',')).toEqual(['a', 'bc', 'd']);
    expect(splitFields('"open;end', ';')).toEqual(['open;end']);
    expect(splitFields('x;"y"', ';')).toEqual(['x', 'y']);
    expect(splitFields('', ';')).toEqual(['']);
  });

  it('sniffs delimiters and formats', () => {
    expect(sniffDelimiter('Teatteri Hilla, Oulu\nKortin numero;Aikuiset;Lapset;Tapahtuma\n')).toEqual({
      delimiter: ';',
      sepLine: false,
    });
    expect(sniffDelimiter('sep=|\na|b')).toEqual({ delimiter: '|', sepLine: true });
    expect(sniffDelimiter('a\tb\tc\n"x,y"\tz\tw')).toEqual({ delimiter: '\t', sepLine: false });
    expect(sniffFormat(new Uint8Array([0x50, 0x4b, 3, 4]))).toEqual({ kind: 'xlsx' });
    expect(sniffFormat(new Uint8Array([0x1f, 0x8b, 8]))).toEqual({ kind: 'binary' });
    expect(sniffFormat(bytes('<!DOCTYPE html><html>'))).toEqual({ kind: 'binary' });
    expect(sniffFormat(new Uint8Array([...bytes('a'), 0, ...bytes('b'), 0, ...bytes('c'), 0]))).toEqual({
      kind: 'utf-16',
    });
    expect(sniffFormat(new Uint8Array([1, 2, 3, 4, 5, 65, 66]))).toEqual({ kind: 'binary' });
    expect(sniffFormat(new Uint8Array())).toEqual({ kind: 'empty' });
  });

  it('decodes records, detecting the encoding from the first non-ASCII one', () => {
    const latin = new RecordDecoder();
    expect(latin.decode(new Uint8Array([0x4b, 0xe4]))).toEqual({ text: 'Kä' });
    expect(latin.encoding).toBe('windows-1252');
    expect(latin.decode(bytes('Kä'))).toEqual({
      issue: { code: 'row-encoding-mixed', params: { encoding: 'Windows-1252' } },
    });
    expect(latin.decode(new Uint8Array([0x41, 0x00]))).toEqual({
      issue: { code: 'row-control-characters', params: {} },
    });
    const fixed = new RecordDecoder('utf-8');
    expect(fixed.decode(new Uint8Array([0xe4]))).toEqual({
      issue: { code: 'row-encoding-mixed', params: { encoding: 'UTF-8' } },
    });
  });
});

describe('small helpers', () => {
  it('neutralises dangerous cell starts only', () => {
    expect(['=1', '+1', '-1', '@a', '\tx', '\rx', 'ok', ' =1'].map(neutraliseCell)).toEqual([
      "'=1",
      "'+1",
      "'-1",
      "'@a",
      "'\tx",
      "'\rx",
      'ok',
      ' =1',
    ]);
  });

  it('turns exceljs cell values into plain cells', () => {
    expect(toCell(undefined)).toBeNull();
    expect(toCell({ formula: 'A1', result: 1 } as never)).toEqual({ formula: 'A1' });
    expect(toCell({ sharedFormula: 'B2', result: 1 } as never)).toEqual({ formula: 'B2' });
    expect(toCell({ richText: [{ text: 'a' }, { text: 'b' }] } as never)).toBe('ab');
    expect(toCell({ text: 'link', hyperlink: 'http://x' } as never)).toBe('link');
    expect(toCell({ text: { richText: [{ text: 'r' }] }, hyperlink: 'http://x' } as never)).toBe('r');
    expect(toCell({ error: '#N/A' } as never)).toBe('#N/A');
    expect(toCell({} as never)).toBeNull();
  });

  it('remembers row hashes across growth, including 0 and 2^52 - 1', () => {
    const set = new RowHashSet();
    const hashes = [0, 2 ** 52 - 1, ...Array.from({ length: 5000 }, (_, i) => (i * 2654435761) % 2 ** 52)];
    hashes.forEach((hash, i) => set.add(hash, i + 2));
    set.add(0, 999);
    expect(set.get(0)).toBe(2);
    expect(set.get(2 ** 52 - 1)).toBe(3);
    expect(set.get(hashes[4000]!)).toBe(4002);
    expect(set.get(123.5)).toBeUndefined();
    expect(set.get(2 ** 51 + 7)).toBeUndefined();
  });

  it('formats row ranges', () => {
    expect(
      formatRanges([
        { from: 2, to: 5 },
        { from: 9, to: 9 },
      ]),
    ).toBe('2–5, 9');
  });
});
