/**
 * CSV reports the way ticket agents' systems and Excel really write them: legacy encodings, title rows, odd
 * headers, CR-only lines, hand-typed counts, dates and card IDs.
 */
import { describe, expect, it } from 'vitest';
import { createFakeRegistrar } from './fake-registrar.test-support.js';
import { importSalesReport } from './import-sales-report.js';
import type { ImportResult } from './types.js';

const CARD = 'A045198723';
// Windows-1252: ISO-8859-1 plus € – — ‘ ’ “ ” … at 0x80–0x9F, what Excel's autocorrect types.
const CP1252_EXTRA: Record<string, number> = {
  '€': 0x80,
  '…': 0x85,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '–': 0x96,
  '—': 0x97,
};
const latin = (text: string) =>
  Uint8Array.from(text, (c) => CP1252_EXTRA[c] ?? (c.charCodeAt(0) <= 0xff ? c.charCodeAt(0) : 0x3f));
const utf16le = (text: string, bom: boolean) => {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  if (bom) out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    out[(bom ? 2 : 0) + 2 * i] = text.charCodeAt(i) & 0xff;
    out[(bom ? 3 : 1) + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return out;
};
const dryRun = (source: Parameters<typeof importSalesReport>[0]) =>
  importSalesReport(source, { venueId: 'v', dryRun: true });
const codes = (result: ImportResult) =>
  Object.fromEntries(result.invalid.map((r) => [r.row, r.errors.map((e) => e.code)]));
/** Every text an import produced for people: file error and row errors, in all three languages. */
const texts = (result: ImportResult) =>
  [result.error, ...result.invalid.flatMap((r) => r.errors)].flatMap((e) =>
    e ? Object.values(e.message) : [],
  );

/** Registers the report against a fake server and returns what each registered row sent. */
async function sent(source: Parameters<typeof importSalesReport>[0]) {
  const client = createFakeRegistrar();
  const result = await importSalesReport(source, { venueId: 'v', client });
  const usages = client.calls.flat().map((item) => item.usage);
  return { result, usages };
}

describe('encodings and separators', () => {
  it('reads a Windows-1252 report (€, dashes, curly quotes) with title rows, a blank row, trailing empty columns and a "Yhteensä 2" totals row', async () => {
    const bytes = latin(
      [
        'Teatteri Hilla;;;;;;',
        'Kaikukortti-myynnit helmikuu 2020;;;;;;',
        ';;;;;;',
        ' KORTIN NUMERO ;Aikuiset (kpl);LAPSET (alle 16 v.);Tapahtuman nimi;  PVM.  ;;',
        `${CARD};1;2;Kesäyöntaika – Åbo;3.2.2020;;`,
        'A999005458;1;0;“Konsertti” 10 € — Tove’s…;9.2.2020;;',
        'Yhteensä 2;2;2;;;;',
        ';;;;;;',
        '',
      ].join('\r\n'),
    );
    const { result, usages } = await sent(bytes);
    expect(result.error).toBeUndefined();
    expect(result).toMatchObject({ encoding: 'windows-1252', delimiter: ';', headerRow: 4 });
    expect(result.registered).toEqual([{ from: 5, to: 6 }]);
    expect(result.counts).toMatchObject({ rows: 2, skipped: 2, invalid: 0 });
    expect(usages.map((u) => u.show.name)).toEqual(['Kesäyöntaika – Åbo', '“Konsertti” 10 € — Tove’s…']);
  });

  it('refuses a row with bytes Windows-1252 leaves undefined (a Mac Roman "Å") instead of reading control characters', async () => {
    const bytes = latin(
      [
        'Kortin numero;Lapset;Tapahtuma;Päivämäärä',
        `${CARD};2;Kesäyö;3.2.2020`,
        'A999005458;0;\u0081bo;3.2.2020',
      ].join('\n'),
    );
    const result = await dryRun(bytes);
    expect(result.valid).toEqual([{ from: 2, to: 2 }]);
    expect(codes(result)).toEqual({ 3: ['row-control-characters'] });
  });

  it('refuses rows of a Mac Roman "CSV (Macintosh)" file instead of reading ä as Š', async () => {
    const mac = (text: string) => Uint8Array.from(text, (c) => ({ ä: 0x8a, ö: 0x9a })[c] ?? c.charCodeAt(0));
    const bytes = mac(
      [
        'Kortin numero;Lapset;Tapahtuma;Pvm',
        `${CARD};2;Kesäyöntaika;3.2.2020`,
        'A999005458;0;Show;3.2.2020',
      ].join('\r'),
    );
    const result = await dryRun(bytes);
    expect(result.valid).toEqual([{ from: 3, to: 3 }]);
    expect(codes(result)).toEqual({ 2: ['row-encoding-unknown'] });
    expect(result.invalid[0]!.errors[0]!.message.fi).toContain('CSV UTF-8');
    const header = await dryRun(
      mac(['Kortin numero;Lapset;Tapahtuma;Päivämäärä', `${CARD};2;X;3.2.2020`].join('\r')),
    );
    expect(header.error).toMatchObject({
      code: 'report-encoding-unsupported',
      params: { encoding: 'Mac Roman' },
    });
    const legit = await dryRun(
      latin(['Kortin numero;Lapset;Tapahtuma;Pvm', `${CARD};2;Šostakovitšin sinfonia;3.2.2020`].join('\n')),
    );
    expect(legit.invalid).toEqual([]);
  });

  it('refuses UTF-16 ("Unicode text") with and without a byte-order mark, saying how to save it', async () => {
    const text = ['Kortin numero\tLapset\tTapahtuma\tPäivämäärä', `${CARD}\t2\tKesäyö\t3.2.2020`].join(
      '\r\n',
    );
    const big = utf16le(text, true).slice(0);
    big.set([0xfe, 0xff], 0);
    for (const bytes of [utf16le(text, true), utf16le(text, false), big]) {
      const result = await dryRun(bytes);
      expect(result.error?.code).toBe('report-encoding-unsupported');
      expect(result.error?.message.fi).toContain('UTF-8');
      expect(result.error?.message.sv).toContain('UTF-8');
      expect(result.counts.valid).toBe(0);
    }
  });

  it('reads comma CSV with quoted separators, doubled quotes and line breaks, columns reordered, extra columns ignored', async () => {
    const csv = [
      'Price,Date,"Event, name",Seller,Children,"Card no.",Customer e-mail',
      `"12,50",3.2.2020,"Taikuri ""Matti"", osa 1",Lippupiste,2,${CARD},x@example.org`,
      `"0,00",3.2.2020,"Kaksi`,
      `riviä",Lippupiste,0,A999005458,`,
      `5,4.2.2020,Plain,Lippupiste,1,X000011986,`,
    ].join('\n');
    const { result, usages } = await sent(csv);
    expect(result).toMatchObject({ delimiter: ',', headerRow: 1 });
    expect(result.registered).toEqual([{ from: 2, to: 4 }]);
    expect(usages.map((u) => [u.cardId, u.childTickets, u.show.name])).toEqual([
      [CARD, 2, 'Taikuri "Matti", osa 1'],
      ['A999005458', 0, 'Kaksi riviä'],
      ['X000011986', 1, 'Plain'],
    ]);
  });

  it('reads a Swedish tab-separated report and English headers with odd punctuation', async () => {
    const sv = [
      'Kortets nummer\tVuxna\tAntal barn\tFöreställning\tFöreställningsdatum',
      `${CARD}\t1\t2\tÖ\t2020-02-03`,
    ];
    const en = ['Card #;Adult;No. of children;Show name;Date of event', `${CARD};1;2;Show;03.02.2020`];
    const fi = ['Kaikukortin tunnus;Lasten liput;Esitys;Esityspäivä', `${CARD};2;Show;3.2.2020`];
    for (const lines of [sv, en, fi]) {
      const result = await dryRun(lines.join('\n'));
      expect(result.error, lines[0]).toBeUndefined();
      expect(result.counts.valid, lines[0]).toBe(1);
    }
  });

  it('tells the event date from sale, order and booking dates, and start-time columns from event names', async () => {
    const headers: [string, Record<string, number>][] = [
      [
        'Myyntipäivä;Kortin numero;Lapset;Tapahtuma;Esityspäivä',
        { cardId: 1, children: 2, event: 3, date: 4 },
      ],
      ['Order date;Card ID;Children;Event;Event date', { cardId: 1, children: 2, event: 3, date: 4 }],
      ['Köpdatum;Kortnummer;Barn;Evenemang;Datum', { cardId: 1, children: 2, event: 3, date: 4 }],
      ['Kortin numero;Lapset;Tilaisuus;Date/Time', { cardId: 0, children: 1, event: 2, date: 3 }],
      [
        'Kortin numero;Lasten lukumäärä;Esityksen nimi;Esityksen päivämäärä;Esityksen alkamisaika',
        { cardId: 0, children: 1, event: 2, date: 3, time: 4 },
      ],
      ['Card no;Children;Show;Show date;Show time', { cardId: 0, children: 1, event: 2, date: 3, time: 4 }],
      ['Order time;Card ID;Sold child tickets;Event;Date', { cardId: 1, children: 2, event: 3, date: 4 }],
      ['Kortnummer;Köpta barnbiljetter;Evenemang;Datum', { cardId: 0, children: 1, event: 2, date: 3 }],
    ];
    for (const [header, columns] of headers) {
      const cells = header.split(';').map((name) => {
        if (/date|päivä|datum/i.test(name) && !/myynti|order|köp/i.test(name)) return '3.2.2020';
        if (/time|aika/i.test(name)) return '18.30';
        if (/card|kort/i.test(name)) return CARD;
        if (/child|lapse|lasten|barn/i.test(name)) return '1';
        return 'Kesäyö';
      });
      const result = await dryRun(`${header}\n${cells.join(';')}`);
      expect(result.columns, header).toEqual(columns);
      expect(result.counts.valid, header).toBe(1);
    }
  });

  it('finds a semicolon header under a comma-heavy title, skips repeated headers and totals labelled in any column', async () => {
    const header = 'Kortin numero;Aikuiset;Lapset;Tapahtuma;Päivämäärä';
    const csv = [
      'Teatteri Hilla, Helsinki, helmikuu 2020, Kaikukortti, myynnit, sivu 1',
      header,
      `${CARD};1;2;Kesäyö, osa 1;3.2.2020`,
      'Teatteri Hilla, Helsinki, helmikuu 2020, Kaikukortti, myynnit, sivu 2',
      header,
      'A999005458;1;0;Kesäyö, osa 2;3.2.2020',
      ';2;2;Yhteensä;',
    ].join('\r\n');
    const result = await dryRun(latin(csv));
    expect(result).toMatchObject({ delimiter: ';', headerRow: 2 });
    expect(result.valid).toEqual([
      { from: 3, to: 3 },
      { from: 6, to: 6 },
    ]);
    // The second title row is not a sale: refused, not skipped, so nothing disappears unseen.
    expect(codes(result)).toEqual({ 4: ['bad-character', 'row-event-missing', 'row-date-missing'] });
    expect(result.counts.skipped).toBe(2);
  });

  it('refuses a row whose quote is never closed instead of silently swallowing the rows after it', async () => {
    const header = 'Kortin numero;Lapset;Tapahtuma;Päivämäärä';
    const rows = [
      `${CARD};2;"Taikuri Matti;3.2.2020`,
      'A999005458;0;Kesäyö;3.2.2020',
      'X000011986;0;Kesäyö;3.2.2020',
    ];
    for (const tail of [['Z000010669;0;"Iso" show;3.2.2020'], []]) {
      const result = await dryRun([header, ...rows, ...tail].join('\n'));
      expect(result.counts.valid).toBe(0);
      expect(codes(result)).toEqual({ 2: ['row-quote-unclosed'] });
      const error = result.invalid[0]!.errors[0]!;
      expect(error.params).toEqual({ lines: 2 + tail.length });
      expect(error.message.fi).toContain(`seuraavat ${2 + tail.length} riviä`);
      expect(error.message.en).toContain('not closed');
    }
  });

  it('reads a header split over two rows, word by word', async () => {
    const csv = [
      'Kortin;Lasten;Esityksen;Esityksen',
      'numero;liput;nimi;päivämäärä',
      `${CARD};2;Kesäyö;3.2.2020`,
    ];
    const result = await dryRun(csv.join('\n'));
    expect(result).toMatchObject({ headerRow: 2, valid: [{ from: 3, to: 3 }] });
  });

  it('reads CR-only line ends (classic Mac exports) and CRLF split between stream chunks', async () => {
    const lines = [
      'Kortin numero;Lapset;Tapahtuma;Päivämäärä',
      `${CARD};2;Åbo;3.2.2020`,
      'A999005458;0;X;4.2.2020',
    ];
    const crOnly = await dryRun(latin(lines.join('\r')));
    expect(crOnly.error).toBeUndefined();
    expect(crOnly.valid).toEqual([{ from: 2, to: 3 }]);
    const bytes = new TextEncoder().encode(lines.join('\r\n'));
    const cut = bytes.indexOf(0x0a);
    async function* chunks() {
      yield bytes.subarray(0, cut); // ends with the CR
      yield bytes.subarray(cut); // starts with the LF
    }
    const split = await dryRun(chunks());
    expect(split.valid).toEqual([{ from: 2, to: 3 }]);
    expect(split.lastRow).toBe(3);
  });
});

describe('cells as people type them', () => {
  const HEADER = 'Kortin numero;Aikuiset;Lapset;Tapahtuma;Päivämäärä';

  it('reads counts "2", "2,0", " 2 ", "2 kpl", empty, "-" and "–"; refuses "2,5", "-2", "kaksi", "21"', async () => {
    const counts = ['2', '2,0', ' 2 ', '2 kpl', '', '-', '–', '2,5', '-2', 'kaksi', '21'];
    const csv = [HEADER, ...counts.map((c, i) => `${CARD};1;${c};Show ${i};3.2.2020`)].join('\n');
    const { result, usages } = await sent(csv);
    expect(usages.map((u) => u.childTickets)).toEqual([2, 2, 2, 2, 0, 0, 0]);
    expect(codes(result)).toEqual({
      9: ['row-children-invalid'],
      10: ['row-children-invalid'],
      11: ['row-children-invalid'],
      12: ['row-children-invalid'],
    });
    const adults = await dryRun([HEADER, `${CARD};-;0;X;3.2.2020`].join('\n'));
    expect(codes(adults)).toEqual({ 2: ['row-adults-not-one'] });
  });

  it("reads card IDs in lower case, padded, grouped, with Code 39 guards or Excel's apostrophe — as one card", async () => {
    const written = [
      'a045198723',
      `  ${CARD}\u00a0`,
      'A045 198 723',
      'A045-198-723',
      `*${CARD}*`,
      `'${CARD}`,
    ];
    const csv = [HEADER, ...written.map((c, i) => `${c};1;0;Show ${i};3.2.2020`)].join('\n');
    const { result, usages } = await sent(csv);
    expect(result.invalid).toEqual([]);
    expect(usages.map((u) => u.cardId)).toEqual(written.map(() => CARD));
  });

  it("refuses a card ID that grouping cannot make whole, with the parser's reason", async () => {
    const csv = [
      HEADER,
      'A045 198 72;1;0;X;3.2.2020',
      'A045 198 7234;1;0;X;3.2.2020',
      '50141;1;0;X;3.2.2020',
    ].join('\n');
    const result = await dryRun(csv);
    // A group too short is no grouping (the space is refused as read); whole groups that make a wrong length are.
    expect(codes(result)).toEqual({ 2: ['bad-character'], 3: ['bad-length'], 4: ['legacy-code'] });
  });

  it('reads the date shapes agents write, and refuses ambiguous or contradictory ones without guessing', async () => {
    const good: [string, string][] = [
      ['3.2.2020', '2020-02-03T00:00:00+02:00'],
      ['03.02.2020', '2020-02-03T00:00:00+02:00'],
      ['2020-02-03', '2020-02-03T00:00:00+02:00'],
      ['2020/2/3', '2020-02-03T00:00:00+02:00'],
      ['3.2.2020 18:30', '2020-02-03T18:30:00+02:00'],
      ['ti 4.2.2020 klo 19.00', '2020-02-04T19:00:00+02:00'],
      ['Mon 3.2.2020', '2020-02-03T00:00:00+02:00'],
      ['må 3.2.2020', '2020-02-03T00:00:00+02:00'],
      ['43864', '2020-02-03T00:00:00+02:00'],
      ['43864,75', '2020-02-03T18:00:00+02:00'],
      ["'3.2.2020", '2020-02-03T00:00:00+02:00'],
      ['3.2.2020 klo 18', '2020-02-03T18:00:00+02:00'],
      ['3.2.2020 18.30–20.00', '2020-02-03T18:30:00+02:00'],
    ];
    const bad: [string, string][] = [
      ['3/2/2020', 'row-date-invalid'],
      ['02/03/2020', 'row-date-invalid'],
      ['3.2.20', 'row-date-invalid'],
      ['31.2.2020', 'row-date-invalid'],
      ['12345', 'row-date-invalid'],
      ['ma 4.2.2020', 'row-date-weekday'],
      ['xx 3.2.2020', 'row-date-invalid'],
      ['3.2.2020 18', 'row-date-invalid'],
      ['4.2.', 'row-date-invalid'],
    ];
    const rows = [...good, ...bad].map(([d], i) => `${CARD};1;0;Show ${i};${d}`);
    const { result, usages } = await sent([HEADER, ...rows].join('\n'));
    expect(usages.map((u) => u.show.start)).toEqual(good.map(([, start]) => start));
    expect(codes(result)).toEqual(
      Object.fromEntries(bad.map(([, code], i) => [good.length + 2 + i, [code]])),
    );
    const weekday = result.invalid.find((r) => r.errors[0]?.code === 'row-date-weekday')!;
    expect(weekday.errors[0]!.message.fi).toContain('Viikonpäivä');
    expect(weekday.errors[0]!.message.sv).toContain('Veckodagen');
    expect(weekday.errors[0]!.message.en).toContain('weekday');
  });

  it("never puts a card ID in a message, even when a row's columns slipped", async () => {
    const csv = [
      HEADER,
      `1;${CARD};Show;3.2.2020;x`, // shifted one column left: the card ID is in the child column
      `${CARD};1;0;Show;A999 005 458`, // a card ID typed in the date column
      `${CARD}X;1;0;Show;3.2.2020`,
    ].join('\n');
    const result = await dryRun(csv);
    expect(result.counts.invalid).toBe(3);
    for (const text of texts(result)) {
      expect(text).not.toMatch(/\d{6}/);
    }
  });
});

describe('files that are not reports, or hold nothing', () => {
  it('calls 0 bytes, a lone BOM and only blank lines empty', async () => {
    for (const source of [
      new Uint8Array(0),
      '\uFEFF',
      new Uint8Array([0xef, 0xbb, 0xbf]),
      '\r\n;;;;\r\n \r\n',
    ]) {
      const result = await dryRun(source);
      expect(result.error?.code).toBe('report-empty');
    }
  });

  it('refuses a PDF renamed .csv, random binary, HTML and a zip that is no workbook', async () => {
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
    const cases: [Uint8Array | string, string][] = [
      [new TextEncoder().encode('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj <<>> endobj\n'), 'report-binary'],
      [random, 'report-binary'],
      [
        new TextEncoder().encode(
          '<!DOCTYPE html><html><table><tr><td>Kortin numero</td></tr></table></html>',
        ),
        'report-binary',
      ],
      [
        Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...new Array<number>(300).fill(0)]),
        'report-xlsx-unreadable',
      ],
    ];
    for (const [source, code] of cases) {
      const result = await dryRun(source);
      expect(result.error?.code).toBe(code);
      expect(result.counts.valid).toBe(0);
    }
  });

  it('names the missing columns for a text file that is not a report', async () => {
    const result = await dryRun('[{"card":"A045198723","children":2}]\n');
    expect(result.error?.code).toBe('report-header-missing');
    for (const text of texts(result)) expect(text).not.toContain(CARD);
  });
});

describe('a large Windows-1252 report', () => {
  it('reads 10 000 rows with quoted, multi-line and non-ASCII events, CR-only lines, in small chunks', async () => {
    const lines = ['Myynti;;;;', 'Kortin numero;Aikuiset;Lapset;Tapahtuma;Päivämäärä'];
    for (let i = 0; i < 10_000; i++) {
      const event = i % 3 === 0 ? `"Näytös ${i % 40}; ""ilta""\rosa"` : `Kesäyö ${i % 40}`;
      lines.push(`A${String(i).padStart(9, '0')};1;${i % 4};${event};${(i % 28) + 1}.2.2020`);
    }
    lines.push('Yhteensä;10000;;;');
    const bytes = latin(lines.join('\r'));
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 777) yield bytes.subarray(i, i + 777);
    }
    const result = await dryRun(chunks());
    expect(result.error).toBeUndefined();
    expect(result.encoding).toBe('windows-1252');
    expect(result.valid).toEqual([{ from: 3, to: 10_002 }]);
    expect(result.counts).toMatchObject({ rows: 10_000, valid: 10_000, skipped: 1, invalid: 0 });
  });
});
