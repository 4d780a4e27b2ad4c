import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readXlsxSheets, readXlsxSheetsBuffered } from './read-xlsx.js';
import { writeXlsx } from './write-xlsx.js';

/** The archive's parts by name, read from the local headers (method 0 stored, 8 deflated: inflated by zlib). */
function unzip(bytes: Uint8Array): Map<string, { method: number; text: string }> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts = new Map<string, { method: number; text: string }>();
  for (let at = 0; view.getUint32(at, true) === 0x04034b50;) {
    const [method, size, nameLength] = [
      view.getUint16(at + 8, true),
      view.getUint32(at + 18, true),
      view.getUint16(at + 26, true),
    ];
    const start = at + 30 + nameLength + view.getUint16(at + 28, true);
    const data = bytes.subarray(start, start + size);
    const name = new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLength));
    parts.set(name, { method, text: new TextDecoder().decode(method === 8 ? inflateRawSync(data) : data) });
    at = start + size;
  }
  return parts;
}

/** The shared strings of the workbook, unescaped as ECMA-376 says (ST_Xstring `_xHHHH_`; XML's entities). */
function sharedStrings(sheet: string): string[] {
  const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  return [...sheet.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map(([, raw]) =>
    raw!
      .replace(/\r\n?/g, '\n') // what every XML parser does to line ends
      .replace(/&(\w+);/g, (_, e: string) => entities[e]!)
      .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  );
}

async function readByExceljs(bytes: Uint8Array): Promise<unknown[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  const out: unknown[] = [];
  workbook.worksheets[0]!.eachRow((row) => out.push(...(row.values as unknown[]).slice(1)));
  return out;
}

/** The cells as the import reads them: Node's streaming path and the browsers' whole-workbook path. */
async function readByImport(bytes: Uint8Array): Promise<unknown[][]> {
  return Promise.all(
    [readXlsxSheets, readXlsxSheetsBuffered].map(async (read) => {
      const out: unknown[] = [];
      for await (const sheet of read(
        (async function* () {
          yield bytes;
        })(),
      ))
        for await (const row of sheet.rows) out.push(...row.cells);
      return out;
    }),
  );
}

const write = (texts: readonly string[]) =>
  writeXlsx(
    'Kaikukortti',
    texts.map((t) => ({ cells: [t], style: 0 as const })),
    [16],
    'd.m.yyyy',
  );

const NO_DEFLATE_RAW = {
  'no CompressionStream (iPadOS < 16.4)': undefined,
  "no 'deflate-raw' (Chrome < 103)": class {
    constructor(format: string) {
      if (format !== 'gzip' && format !== 'deflate') throw new TypeError(`Unsupported format ${format}`);
    }
  },
};

describe('writeXlsx', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('deflates its parts where the platform can, and says so', async () => {
    const { bytes, compressed } = await write(['Kesäyöntaika']);
    expect(compressed).toBe(true);
    expect([...unzip(bytes).values()].map((p) => p.method)).toEqual(Array(7).fill(8));
    expect(await readByExceljs(bytes)).toEqual(['Kesäyöntaika']);
  });

  for (const [platform, stand] of Object.entries(NO_DEFLATE_RAW))
    it(`stores its parts uncompressed with ${platform}, still a workbook, and says so`, async () => {
      vi.stubGlobal('CompressionStream', stand);
      const { bytes, compressed } = await write(['Kesäyöntaika']);
      expect(compressed).toBe(false);
      expect([...unzip(bytes).values()].map((p) => p.method)).toEqual(Array(7).fill(0));
      expect(await readByExceljs(bytes)).toEqual(['Kesäyöntaika']);
    });

  it('gives back every text as written: "_x0041_", CR, control characters, emoji', async () => {
    const texts = ['_x0041_', 'a\r\nb\rc', 'tab\there', '\u0001\u001f', '😀 _x005F_ _xD83D_'];
    const { bytes } = await write(texts);
    expect(sharedStrings(unzip(bytes).get('xl/sharedStrings.xml')!.text)).toEqual(texts);
    expect(await readByExceljs(bytes)).toEqual(texts);
    expect(await readByImport(bytes)).toEqual([texts, texts]);
  });

  it('gives back random texts to exceljs and to the spec’s unescape rule, deflated or stored', async () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1 }),
      fc.constantFrom('_x0041_', '_x005F_', '_x000d_', '\r', '\r\n', '\t', '\u0001', '\ufffe', '😀', '_'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.array(piece, { maxLength: 6 }).map((p) => p.join('')),
          { minLength: 1, maxLength: 4 },
        ),
        fc.boolean(),
        async (raw, stored) => {
          const texts = raw.map((t) => (t === '' ? '-' : t)); // an empty string writes no cell
          if (stored) vi.stubGlobal('CompressionStream', undefined);
          const { bytes } = await write(texts);
          vi.unstubAllGlobals();
          expect(sharedStrings(unzip(bytes).get('xl/sharedStrings.xml')!.text)).toEqual([...new Set(texts)]); // each text once;
          expect(await readByExceljs(bytes)).toEqual(texts);
          expect(await readByImport(bytes)).toEqual([texts, texts]);
        },
      ),
      { numRuns: 60, seed: 20261126 },
    );
  });
});
