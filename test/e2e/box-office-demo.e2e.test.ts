// The demo box office around the element: a reload keeps the show and mode being sold, printing shows the element
// alone, the event log lists undos and masks card IDs, and the reader can be calibrated.
import { describe, expect, it } from 'vitest';
import { openBoxOffice, part, useHarness, wedgeScan } from '../support/element-harness.js';

const harness = useHarness();

describe('the demo box office', () => {
  it('keeps show and mode over a reload, prints the element alone, logs undos with card IDs masked', async () => {
    const s = await openBoxOffice(harness(), { lang: 'fi', path: '/box-office/?show=hilla-taikuri-matti' });
    const scanner = s.page.locator('kaiku-scanner');
    const sale = () =>
      s.page.evaluate(() => {
        const el = document.querySelector('kaiku-scanner')!;
        return { show: el.showId, mode: el.mode };
      });
    const other = await s.page.evaluate(
      () => document.querySelector('kaiku-scanner')!.shows.find((x) => x.id !== 'hilla-taikuri-matti')!.id,
    );
    await s.page.locator(`${part('show')} select`).selectOption(other);
    await scanner.locator('input[value="collection"]').check();
    await expect.poll(sale).toEqual({ show: other, mode: 'collection' });
    // The page writes them into its address a task after the change (a timer): reload only once it has.
    await expect
      .poll(() => s.page.evaluate(() => new URLSearchParams(location.search).get('mode')))
      .toBe('collection');
    expect(await s.page.evaluate(() => new URLSearchParams(location.search).get('show'))).toBe(other);
    await s.page.reload();
    await s.page.waitForFunction(() => document.querySelector('kaiku-scanner')?.baseUrl !== '');
    expect(await sale()).toEqual({ show: other, mode: 'collection' });

    await s.page.emulateMedia({ media: 'print' });
    expect(await s.page.locator('header.bar').isVisible()).toBe(false);
    expect(await s.page.locator('section.log').isVisible()).toBe(false);
    await s.page.emulateMedia({ media: 'screen' });

    await s.page.locator(`${part('show')} select`).selectOption('hilla-taikuri-matti');
    await scanner.locator('input[value="booking"]').check();
    await s.page.locator(part('manual-input')).focus();
    await wedgeScan(s.cdp, 'A045198723');
    await s.page.locator(part('tickets')).waitFor();
    await s.page.keyboard.press('Enter');
    await s.page.locator(part('undo-button')).click();
    await expect.poll(() => s.page.locator('#log').textContent()).toContain('kaiku-usage-voided');
    const log = (await s.page.locator('#log').textContent())!;
    expect(log).toContain('••••••8723');
    expect(log).not.toContain('A045198723');
    expect(await s.page.locator('#calibrate').isVisible()).toBe(true);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('says a reader slower than the default timing, offers calibration, and then reads it', async () => {
    const s = await openBoxOffice(harness(), { lang: 'fi', path: '/box-office/?show=hilla-taikuri-matti' });
    const said = s.page.locator('#calibrate-result');
    // Focus on no text field: the reader's keys (50 ms apart; the default median limit is 35 ms) go nowhere.
    await s.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await s.page.locator('h1').click();
    await wedgeScan(s.cdp, 'A045198723', 50);
    await expect.poll(() => said.textContent()).toContain('kalibroi');
    expect(await s.page.evaluate(() => document.activeElement?.id)).toBe('calibrate');
    expect(await s.page.locator('kaiku-scanner').textContent()).not.toContain('A045198723');
    await s.page.locator('#calibrate').click();
    await wedgeScan(s.cdp, 'A045198723', 50);
    await expect.poll(() => said.textContent()).toContain('Lukija kalibroitu');
    await s.page.locator('h1').click();
    await wedgeScan(s.cdp, 'A045198723', 50);
    await s.page.locator(part('tickets')).waitFor();
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});
