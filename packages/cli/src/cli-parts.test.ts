import { describe, expect, it } from 'vitest';
import { pickLocale, say } from './cli-text.js';
import { maskCardId } from './summary.js';
import { EXIT, exitCodeOf, parseBytes, startCli } from './start-cli.js';
import { createProgressBar, renderProgress } from './summary.js';
import { importSalesReport } from '@kaiku-scanner/core/reports';
import { renderSummary } from './summary.js';

const progress = {
  bytesRead: 50,
  totalBytes: 100,
  rowsRead: 10,
  valid: 9,
  registered: 8,
  alreadyRegistered: 1,
  refused: 0,
  invalid: 1,
  format: 'csv' as const,
};

describe('CLI parts', () => {
  it("says when an outbox's report had rows without the record's key (the terminal may send them too)", async () => {
    const old = [
      'Kortin tunnus;Lippu aikuiselle;Lippu lapselle;Esityksen nimi;Päivämäärä;Kellonaika;Käyttötapa;Ryhmäkäynti;Tarkistus;Lähetyksen tila',
      'A045198723;1;2;Taikuri Matti;3.2.2020;18:00;varaus;;alustava;odottaa',
      'A999005458;1;0;Taikuri Matti;3.2.2020;18:00;varaus;;alustava;odottaa',
    ].join('\r\n');
    const result = await importSalesReport(old, { venueId: 'teatteri-hilla', dryRun: true });
    expect(result.counts.withoutKey).toBe(2);
    expect(renderSummary(result, 'fi', { showCardIds: false })).toContain(
      'Skannerin raportin 2 riviltä puuttui kirjaustunniste',
    );
    expect(renderSummary(result, 'en', { showCardIds: false })).toContain('2 rows of the scanner');
    const sales = await importSalesReport(old.replace(';Tarkistus;Lähetyksen tila', ''), {
      venueId: 'teatteri-hilla',
      dryRun: true,
    });
    expect(renderSummary(sales, 'sv', { showCardIds: false })).not.toContain('registreringsnyckel');
  });

  it('masks card IDs, keeping the prefix and the last two characters', () => {
    expect(maskCardId('A045198723')).toBe('A*******23');
    expect(maskCardId('AM12345678')).toBe('AM******78');
    expect(maskCardId('E2251')).toBe('E**51');
    expect(maskCardId('1234')).toBe('****');
  });

  it('draws the progress bar only on a terminal, at most every 100 ms', () => {
    expect(renderProgress(progress, 60)).toMatch(/^\[#+-+\] {2}50% {2}10 rows {2}9 ok {2}1 invalid$/);
    expect(renderProgress({ ...progress, totalBytes: undefined })).toBe('10 rows  9 ok  1 invalid');
    const written: string[] = [];
    let clock = 1000;
    const tty = createProgressBar(
      { isTTY: true, write: (t) => written.push(t) },
      true,
      { dryRun: true, totalBytes: 400 },
      () => clock,
    );
    tty.update({ ...progress, totalBytes: undefined });
    tty.update(progress);
    clock += 150;
    tty.update(progress);
    tty.done();
    expect(written).toHaveLength(3);
    expect(written[0]).toMatch(/ {2}12% {2}10 rows {2}9 valid {2}1 invalid/);
    expect(written[2]).toBe('\r\x1b[K');
    const pipe: string[] = [];
    const piped = createProgressBar({ isTTY: false, write: (t) => pipe.push(t) }, true);
    piped.update(progress);
    piped.done();
    expect(pipe).toEqual([]);
  });

  it('picks the language from --lang or the environment', () => {
    expect(pickLocale(undefined, { LANG: 'fi_FI.UTF-8' })).toBe('fi');
    expect(pickLocale(undefined, { LC_ALL: 'sv_FI.UTF-8', LANG: 'fi_FI' })).toBe('sv');
    expect(pickLocale(undefined, { LANG: 'C' })).toBe('en');
    expect(pickLocale('sv', {})).toBe('sv');
    expect(pickLocale('de', {})).toBeUndefined();
    expect(say('more', 'fi', { n: 3 })).toBe('ja 3 muuta riviä');
  });

  it('parses sizes and maps error codes to exit codes', () => {
    expect(parseBytes('256M')).toBe(256 * 1024 ** 2);
    expect(parseBytes('2GiB')).toBe(2 * 1024 ** 3);
    expect(parseBytes('1000')).toBe(1000);
    expect(parseBytes('lots')).toBeUndefined();
    expect(exitCodeOf('report-server-failed')).toBe(EXIT.server);
    expect(exitCodeOf('report-header-missing')).toBe(EXIT.file);
    expect(exitCodeOf('report-aborted')).toBe(EXIT.interrupted);
    expect(exitCodeOf('report-options-invalid')).toBe(EXIT.usage);
  });
});

describe('CLI options', () => {
  const start = (argv: readonly string[], env: Record<string, string> = {}) => {
    const err: string[] = [];
    const io = { stdout: { write: () => true }, stderr: { write: (t: string) => err.push(t) }, env };
    const result = startCli(
      'kaiku-import',
      argv,
      { venue: { type: 'string' }, 'dry-run': { type: 'boolean' }, lang: { type: 'string' } },
      '',
      io,
    );
    return { exit: result.exit, stderr: err.join('') };
  };

  it('names an unknown option and the one it probably meant, in the chosen language', () => {
    expect(start(['r.csv', '--venu', 'v'], { LANG: 'C' })).toEqual({
      exit: EXIT.usage,
      stderr: expect.stringContaining(
        'kaiku-import: `--venu` is not a field; did you mean `--venue`?',
      ) as string,
    });
    expect(start(['r.csv', '--dryrun', '--lang', 'fi']).stderr).toContain(
      'Tuntematon kenttä `--dryrun`. Tarkoititko `--dry-run`?',
    );
    expect(start(['r.csv', '--bogus'], { LANG: 'sv_FI.UTF-8' }).stderr).toContain('Okänt fält `--bogus`.');
  });

  it.each(['--constructor', '--toString', '--hasOwnProperty', '--__proto__', '--valueOf=1'])(
    'names %s as an unknown option like any other (no stack trace)',
    (flag) => {
      const { exit, stderr } = start(['r.csv', flag], { LANG: 'C' });
      expect(exit).toBe(EXIT.usage);
      expect(stderr).toContain(`kaiku-import: \`${flag.split('=')[0]}\` is not a field.`);
      expect(stderr).not.toMatch(/TypeError|\bat /);
    },
  );
});
