// A group visit recorded offline (issue 30, item 4): the real demo, the real sandbox, the browser's own offline
// switch and real key events. Members added offline are marked as not verified; when Kaikukanta refuses one member
// on reconnect, needs-attention names that member and one action registers the rest of the group.
import { describe, expect, it } from 'vitest';
import { countUsages, openBoxOffice, part, useHarness, wedgeScan } from '../support/element-harness.js';

const harness = useHarness();
const SHOW = 'hilla-taikuri-matti';

describe('<kaiku-scanner>: a group visit recorded offline', () => {
  it('an expired member refused on reconnect is named, and one action registers the others', async () => {
    const h = harness();
    const s = await openBoxOffice(h, { lang: 'en', path: `/box-office/?show=${SHOW}` });
    await s.page.locator(part('cap-meter')).waitFor();
    await s.context.setOffline(true);
    await wedgeScan(s.cdp, 'Y110029399');
    await s.page.locator(part('tickets')).waitFor({ timeout: 20_000 });
    const members = s.page.locator('kaiku-scanner .group-list li');
    await wedgeScan(s.cdp, 'A999005458');
    await expect.poll(() => members.count(), { timeout: 15_000 }).toBe(1);
    await wedgeScan(s.cdp, 'A999005416'); // expired yesterday: nobody can tell while offline
    await expect.poll(() => members.count(), { timeout: 15_000 }).toBe(2);
    expect(await s.page.locator('kaiku-scanner .group-list li[data-unverified]').count()).toBe(2);
    expect(await members.first().textContent()).toContain('not verified');
    await s.page.keyboard.press('Enter');
    await s.page.locator(part('queued-badge')).waitFor({ timeout: 15_000 });
    // Back online: Kaikukanta refuses the visit for the expired member's card; nothing is recorded yet.
    await s.context.setOffline(false);
    const rest = s.page.locator(`${part('needs-attention')} button.primary`);
    await rest.waitFor({ timeout: 30_000 });
    expect(await rest.textContent()).toContain('A999005416');
    expect(await rest.textContent()).not.toContain('A999005458');
    expect(await countUsages(h.apiUrl, 'Y110029399', SHOW)).toBe(0);
    // One action: the holder and the valid member are registered, and the row goes.
    await rest.click();
    await expect.poll(() => countUsages(h.apiUrl, 'Y110029399', SHOW), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => s.page.locator(part('needs-attention')).count(), { timeout: 15_000 }).toBe(0);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});
