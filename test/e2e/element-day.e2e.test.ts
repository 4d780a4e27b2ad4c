// A clerk's day at the demo box office (issue 18), as one scenario: the real demo, the real sandbox, real key
// events. Wedge scan, manual entry, an offline spell and the reconnect, a community card's group, the cap reached,
// and the usage report — with the meter and the server's tally agreeing at every step.
import { describe, expect, it } from 'vitest';
import { openBoxOffice, part, useHarness, wedgeScan, type ScannerPage } from '../support/element-harness.js';

const harness = useHarness();
const SHOW = 'hilla-taikuri-matti'; // cap 6

/** Tickets Kaikukanta holds for the show (its tally, as the venue's terminal sees it). */
async function serverTally(): Promise<number> {
  const res = await fetch(`${harness().apiUrl}/v1/shows/${SHOW}/tally`, {
    headers: { authorization: 'Bearer demo-token' },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { ticketsGiven: number }).ticketsGiven;
}

const meter = (s: ScannerPage) =>
  s.page.locator('kaiku-scanner [role="meter"]').getAttribute('aria-valuenow').then(Number);

async function registered(s: ScannerPage, outcome = 'registered'): Promise<void> {
  await s.page.locator(`${part('result')}[data-outcome="${outcome}"]`).waitFor({ timeout: 15_000 });
}

async function nextCustomer(s: ScannerPage): Promise<void> {
  await s.page.keyboard.press('Enter');
  await s.page.locator('kaiku-scanner #manual').waitFor();
}

describe("a clerk's day", () => {
  it('scans, types, works offline, reconnects, sells a group, reaches the cap, exports: meter = tally', async () => {
    const s = await openBoxOffice(harness(), { lang: 'fi', path: `/box-office/?show=${SHOW}` });
    await s.page.locator(part('cap-meter')).waitFor();
    await expect.poll(() => meter(s)).toBe(0);
    expect(await serverTally()).toBe(0);

    // 1. A reader: a holder with a child.
    await wedgeScan(s.cdp, 'A045198723');
    await s.page.locator(part('tickets')).waitFor();
    await s.page.keyboard.press('ArrowUp');
    await s.page.keyboard.press('Enter');
    await registered(s);
    expect(await serverTally()).toBe(2);
    await expect.poll(() => meter(s)).toBe(2);
    await nextCustomer(s);

    // 2. A card typed by hand.
    await s.page.locator('kaiku-scanner #manual').fill('a999005429');
    await s.page.keyboard.press('Enter');
    await s.page.locator(part('tickets')).waitFor();
    await s.page.keyboard.press('Enter');
    await registered(s);
    expect(await serverTally()).toBe(3);
    await expect.poll(() => meter(s)).toBe(3);
    await nextCustomer(s);

    // 3. The network drops: the next customer is queued, and the meter counts the unsent usage once.
    await s.context.setOffline(true);
    await wedgeScan(s.cdp, 'A999005461');
    await s.page.locator(part('tickets')).waitFor({ timeout: 15_000 });
    await s.page.keyboard.press('Enter');
    await registered(s, 'queued');
    expect(await serverTally()).toBe(3);
    await expect.poll(() => meter(s)).toBe(4);
    await s.page.waitForTimeout(500);
    expect(await meter(s)).toBe(4); // not 5: counted once

    // 4. Back online: sent without anyone asking, the result on screen follows, and meter = tally.
    await s.context.setOffline(false);
    await registered(s);
    await expect.poll(() => serverTally(), { timeout: 15_000 }).toBe(4);
    await expect.poll(() => meter(s)).toBe(4);
    await expect.poll(() => s.page.locator(`${part('sync-status')} [data-sync="all-sent"]`).count()).toBe(1);
    await nextCustomer(s);

    // 5. A community card with one member: two tickets.
    await wedgeScan(s.cdp, 'Y110029399');
    await s.page.locator(part('tickets')).waitFor();
    await wedgeScan(s.cdp, 'A999005458');
    await expect.poll(() => s.page.locator('kaiku-scanner .group-list li').count()).toBe(1);
    await s.page.locator(part('confirm-button')).click();
    await registered(s);
    expect(await serverTally()).toBe(6);
    await expect.poll(() => meter(s)).toBe(6);
    await nextCustomer(s);

    // 6. The cap is reached: the next customer is refused with the cap's reason, nothing is sent.
    await wedgeScan(s.cdp, 'A999005422');
    await s.page.locator(`${part('refusal')} li[data-code="cap-reached"]`).waitFor();
    expect(await serverTally()).toBe(6);
    expect(await meter(s)).toBe(6);

    // 7. The day's report: nothing waits and nothing needs attention, so no usage rows.
    const csv = await s.page.evaluate(() => document.querySelector('kaiku-scanner')!.exportCsv());
    expect(
      csv
        .trim()
        .split('\n')
        .filter((l) => /[AXY]\d{9}/.test(l)),
    ).toEqual([]);
    expect(await s.page.locator(part('needs-attention')).count()).toBe(0);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});
