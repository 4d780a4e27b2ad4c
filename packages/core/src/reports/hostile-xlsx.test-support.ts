/**
 * Hostile workbooks for the guard's fuzz tests (Node and browsers alike: `CompressionStream`, no Node APIs).
 * Each case is one attack — a cell far right, a huge row number, a column range, a merged range, a data
 * validation, a defined name, a shared-string, style or empty-row bomb — sized just over or at most at a bound,
 * and written the ways an XML parser reads the same (character and entity references, `$` markers, leading
 * zeros, attribute order, long attributes before the one that counts, either quote, spaces round `=`, namespace
 * declarations, comments, processing instructions and CDATA that fool a byte scanner, a lying dimension).
 * What exceljs parses is what counts, so the guard must refuse every "over" case and none of the "under" ones.
 */
import fc from 'fast-check';
import type { XlsxLimits } from './xlsx-guard.js';

/** Raw-deflates the parts, as Excel's ZIP entries are. */
export async function deflateRaw(parts: readonly Uint8Array[]): Promise<Uint8Array> {
  const stream = new Blob(parts as unknown as BlobPart[])
    .stream()
    .pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A ZIP of deflated entries (text is deflated here; bytes are taken as deflated already). */
export async function zipOf(entries: Record<string, string | Uint8Array>): Promise<Uint8Array> {
  const text = (s: string) => new TextEncoder().encode(s);
  const out: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const raw = typeof content === 'string' ? text(content) : undefined;
    const data = raw ? await deflateRaw([raw]) : (content as Uint8Array);
    const nameBytes = text(name);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(8, 8, true);
    local.setUint32(18, data.byteLength, true);
    // The inflated size (JSZip, inside exceljs's browser build, reads no more than it).
    local.setUint32(22, raw?.byteLength ?? 0, true);
    local.setUint16(26, nameBytes.byteLength, true);
    out.push(new Uint8Array(local.buffer), nameBytes, data);
    const dir = new DataView(new ArrayBuffer(46));
    dir.setUint32(0, 0x02014b50, true);
    dir.setUint16(10, 8, true);
    dir.setUint32(20, data.byteLength, true);
    dir.setUint32(24, raw?.byteLength ?? 0, true);
    dir.setUint16(28, nameBytes.byteLength, true);
    dir.setUint32(42, offset, true);
    central.push(new Uint8Array(dir.buffer), nameBytes);
    offset += 30 + nameBytes.byteLength + data.byteLength;
  }
  const size = central.reduce((n, part) => n + part.byteLength, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, out.length / 3, true);
  end.setUint16(10, out.length / 3, true);
  end.setUint32(12, size, true);
  end.setUint32(16, offset, true);
  return new Uint8Array(
    await new Blob([...out, ...central, new Uint8Array(end.buffer)] as BlobPart[]).arrayBuffer(),
  );
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook of one sheet "Myynti"; `parts` adds or replaces entries (`sheet`, `strings`, `styles`, `names`). */
export function workbookParts(parts: {
  sheet: string;
  strings?: string;
  styles?: string;
  names?: string;
}): Record<string, string> {
  return {
    '[Content_Types].xml': `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Myynti" sheetId="1" r:id="rId1"/></sheets>${parts.names ?? ''}</workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ...(parts.strings
      ? { 'xl/sharedStrings.xml': `<?xml version="1.0"?><sst xmlns="${MAIN}">${parts.strings}</sst>` }
      : {}),
    // Every workbook Excel saves has styles (exceljs's streaming reader needs them for a styled row).
    'xl/styles.xml': `<?xml version="1.0"?><styleSheet xmlns="${MAIN}">${parts.styles ?? '<cellXfs count="1"><xf numFmtId="0"/></cellXfs>'}</styleSheet>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0"?><worksheet xmlns="${MAIN}" xmlns:r="${REL}">${parts.sheet}</worksheet>`,
  };
}

export const ATTACKS = [
  'wide-cell',
  'cells-without-r',
  'row-number',
  'col-range',
  'merge',
  'validation',
  'defined-name',
  'strings',
  'styles',
  'empty-rows',
] as const;
export type AttackKind = (typeof ATTACKS)[number];

/** The code the guard gives an "over" case of each attack. */
export const ATTACK_CODE: Record<AttackKind, string> = {
  'wide-cell': 'report-xlsx-too-wide',
  'cells-without-r': 'report-xlsx-too-wide',
  'row-number': 'report-too-many-rows',
  'col-range': 'report-xlsx-too-wide',
  merge: 'report-xlsx-too-many-cells',
  validation: 'report-xlsx-too-many-cells',
  'defined-name': 'report-xlsx-too-many-cells',
  strings: 'report-xlsx-too-complex',
  styles: 'report-xlsx-too-complex',
  'empty-rows': 'report-xlsx-too-complex',
};

/** How one attribute value or text is written: each character as itself or as a character reference. */
export type Spelling = {
  refs: readonly number[];
  quote: '"' | "'";
  eq: string;
  pad: string;
  before: boolean;
};

export const spelling: fc.Arbitrary<Spelling> = fc.record({
  // Per character: 0 literal, 1 decimal reference (with leading zeros sometimes), 2 hexadecimal reference.
  refs: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 24, maxLength: 24 }),
  quote: fc.constantFrom<'"' | "'">('"', "'"),
  eq: fc.constantFrom('=', ' = ', '\n=\t', '= '),
  // Attributes before the one that counts: none, short, or long enough to push it past any fixed window.
  pad: fc.constantFrom(
    '',
    ' s="0" t="n"',
    ` xmlns:q="urn:q" q:pad="${'x'.repeat(300)}"`,
    ` u="${'&amp;'.repeat(600)}"`,
  ),
  before: fc.boolean(),
});

function spell(value: string, how: Spelling): string {
  return [...value]
    .map((ch, i) => {
      const code = ch.charCodeAt(0);
      switch (how.refs[i % how.refs.length]) {
        case 1:
          return `&#${i % 2 === 0 ? '000' : ''}${code};`;
        case 2:
          return `&#x${code.toString(16)};`;
        default:
          return ch === '&' ? '&amp;' : ch;
      }
    })
    .join('');
}

/** `name="value"` spelled `how`, with the padding attributes before or after it. */
function attr(name: string, value: string, how: Spelling): string {
  const own = ` ${name}${how.eq}${how.quote}${spell(value, how)}${how.quote}`;
  return how.before ? how.pad + own : own + how.pad;
}

const letters = (column: number): string => {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** Noise a byte scanner may take for markup, or markup it may miss: none of it is an element to a parser. */
export const NOISE = [
  '',
  '<!-- a > b <c r="A1"/> -->',
  '<?kaiku a="1" > ?>',
  '<!-- " --><!-- \' -->',
  `<![CDATA[ > <x a=" ]]>`,
];

export type HostileCase = {
  readonly kind: AttackKind;
  readonly over: boolean;
  /** The workbook's entries (text, to be zipped). */
  readonly parts: Record<string, string>;
};

/** Cells the base sheet has (its header row): merged, validated and named ranges add to them. */
const BASE_CELLS = 2;

/**
 * One hostile case against `limits`: `over` just past the bound by `extra`, or at most at it. Sizes follow the
 * limits, so small test limits give small files; the mechanism is the same at the defaults.
 */
export function hostileCase(
  kind: AttackKind,
  over: boolean,
  extra: number,
  how: Spelling,
  noise: string,
  limits: XlsxLimits,
): HostileCase {
  const header = `<row r="1"><c r="A1" t="inlineStr"><is><t>Kortin tunnus</t></is></c><c r="B1"><v>1</v></c></row>`;
  // A dimension that lies: the whole sheet for a tiny one, or one cell for a wide one.
  const dimension = `<dimension${attr('ref', over ? 'A1' : 'A1:XFD1048576', how)}/>`;
  const sheet = (data: string, after = '', before = '') =>
    `${dimension}${before}<sheetData>${header}${noise}${data}</sheetData>${noise}${after}`;
  const budget = limits.maxCells - BASE_CELLS;
  const area = over ? budget + 1 + extra : Math.max(1, budget - extra);
  // A range of `cells` cells in one column (rows 2…), as A2:A{n}.
  const range = (cells: number) => `$A$2:$A$${cells + 1}`;
  switch (kind) {
    case 'wide-cell': {
      const column = over ? limits.maxColumns + 1 + extra : Math.max(1, limits.maxColumns - extra);
      return {
        kind,
        over,
        parts: workbookParts({
          sheet: sheet(`<row r="2"><c${attr('r', `$${letters(column)}$2`, how)}><v>1</v></c></row>`),
        }),
      };
    }
    case 'cells-without-r': {
      const column = over ? limits.maxColumns + 1 + (extra % 8) : Math.max(1, limits.maxColumns - extra);
      const cells = `<c r="A2"><v>1</v></c>` + `<c${how.pad}><v>1</v></c>`.repeat(column - 1);
      return { kind, over, parts: workbookParts({ sheet: sheet(`<row r="2">${cells}</row>`) }) };
    }
    case 'row-number': {
      const row = over ? limits.maxRows + 1 + extra * 1_000_003 : Math.max(2, limits.maxRows - extra);
      const cell = extra % 2 === 0 ? `<c${attr('r', `B${row}`, how)}><v>1</v></c>` : '';
      return {
        kind,
        over,
        parts: workbookParts({ sheet: sheet(`<row${attr('r', `00${row}`, how)}>${cell}</row>`) }),
      };
    }
    case 'col-range': {
      const max = over ? 16_384 + 1 + extra * 99_991 : 16_384 - extra;
      return {
        kind,
        over,
        parts: workbookParts({
          sheet: sheet('', '', `<cols><col min="1"${attr('max', String(max), how)} width="9"/></cols>`),
        }),
      };
    }
    case 'merge':
      return {
        kind,
        over,
        parts: workbookParts({
          sheet: sheet('', `<mergeCells><mergeCell${attr('ref', range(area), how)}/></mergeCells>`),
        }),
      };
    case 'validation': {
      // Split over two ranges in one space-separated list.
      const half = Math.ceil(area / 2);
      const sqref = `B2:B${half + 1} ${range(area - half).replace(/A/g, 'C')}`;
      return {
        kind,
        over,
        parts: workbookParts({
          sheet: sheet(
            '',
            `<dataValidations count="1"><dataValidation type="list"${attr('sqref', sqref, how)}><formula1>"a,b"</formula1></dataValidation></dataValidations>`,
          ),
        }),
      };
    }
    case 'defined-name':
      return {
        kind,
        over,
        parts: workbookParts({
          sheet: sheet(''),
          names: `<definedNames><definedName name="Alue">${spell(`Myynti!${range(area)}`, how)}</definedName></definedNames>`,
        }),
      };
    case 'strings': {
      const count = over ? limits.maxStrings + 1 + extra : Math.max(1, limits.maxStrings - extra);
      return {
        kind,
        over,
        parts: workbookParts({ sheet: sheet(''), strings: `<si><t>x</t></si>${noise}`.repeat(count) }),
      };
    }
    case 'styles': {
      const count = over
        ? limits.maxElements + 1 + extra
        : Math.max(1, Math.floor(limits.maxElements / 4) - extra);
      return {
        kind,
        over,
        parts: workbookParts({
          sheet: sheet(''),
          styles: `<cellXfs>${'<xf numFmtId="0"/>'.repeat(count)}</cellXfs>`,
        }),
      };
    }
    case 'empty-rows': {
      const count = over
        ? limits.maxElements + 1 + extra
        : Math.max(1, Math.floor(limits.maxElements / 4) - extra);
      const rows = Array.from({ length: count }, (_, i) => `<row r="${(i % (limits.maxRows - 2)) + 2}"/>`);
      return { kind, over, parts: workbookParts({ sheet: sheet(rows.join('')) }) };
    }
  }
}

/** A hostile case of any attack against `limits`. */
export const hostileCases = (limits: XlsxLimits): fc.Arbitrary<HostileCase> =>
  fc
    .tuple(fc.constantFrom(...ATTACKS), fc.boolean(), fc.nat(40), spelling, fc.constantFrom(...NOISE))
    .map(([kind, over, extra, how, noise]) => hostileCase(kind, over, extra, how, noise, limits));
