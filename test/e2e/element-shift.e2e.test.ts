// The shift against the real sandbox: the terminal's counters and usages, and its report as the usage report's CSV.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { axeViolations, openBoxOffice, part, useHarness, wedgeScan } from '../support/element-harness.js';

const harness = useHarness();

describe('the shift', () => {
  it('counts what this terminal did, lists it, and downloads it as the usage report', async () => {
    const s = await openBoxOffice(harness(), { lang: 'fi', path: '/box-office/?show=hilla-taikuri-matti' });
    await s.page.evaluate(() => {
      (document.querySelector('kaiku-scanner') as HTMLElement & { terminalName: string }).terminalName =
        'Kassa 2';
    });
    await s.page.locator(part('cap-meter')).waitFor();
    await wedgeScan(s.cdp, 'A045198723');
    await s.page.locator(part('tickets')).waitFor();
    await s.page.keyboard.press('ArrowUp');
    await s.page.keyboard.press('Enter');
    await s.page.locator(`${part('result')}[data-outcome="registered"]`).waitFor({ timeout: 15_000 });
    await s.page.keyboard.press('Enter');
    await wedgeScan(s.cdp, 'A999005416');
    await s.page.locator(part('refusal')).waitFor();
    await s.page.keyboard.press('Escape');

    await s.page.locator(`${part('shift')} summary`).click();
    const counts = await s.page
      .locator('kaiku-scanner .shift-counts tbody tr')
      .first()
      .locator('td')
      .allTextContents();
    expect(counts).toEqual(['1', '1', '0', '1', '0']);
    expect(
      await s.page
        .locator('kaiku-scanner .shift-list li')
        .evaluateAll((l) => l.map((e) => e.dataset['state'])),
    ).toEqual(['registered', 'refused']);
    expect(await s.page.locator(`${part('shift')} summary`).textContent()).toContain('Kassa 2');
    expect(await axeViolations(s.page)).toEqual([]);

    const [download] = await Promise.all([
      s.page.waitForEvent('download'),
      s.page.locator('kaiku-scanner [data-csv]').click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .replace('\uFEFF', '')
      .split('\r\n');
    expect(csv[0]!.split(';').slice(0, 5)).toEqual([
      'Kortin tunnus',
      'Lippu aikuiselle',
      'Lippu lapselle',
      'Esityksen nimi',
      'Päivämäärä',
    ]);
    expect(csv[1]).toMatch(/^A045198723;1;1;Taikuri Matti;/);
    expect(csv[2]).toMatch(/^Yhteensä;1;1;/);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});
