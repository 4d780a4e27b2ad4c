// A clerk's day at the demo box office (issue 18), as one scenario: the real demo, the real sandbox, real key
// events. Wedge scan, manual entry, a live refusal, a second till selling for the same show, an offline spell with a
// usage Kaikukanta refuses later, the reconnect, a community card's group, the cap reached, the refused usage marked
// handled, and the usage report — with the meter and the server's tally agreeing at every step.
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
  try {
    await s.page.locator(`${part('result')}[data-outcome="${outcome}"]`).waitFor({ timeout: 15_000 });
  } catch (error) {
    // Say what the clerk saw instead (the element's text and where focus is), not only that the wait ran out.
    const seen = await s.page.evaluate(() => {
      const el = document.querySelector('kaiku-scanner');
      const root = el?.shadowRoot;
      return {
        outcome: root?.querySelector('[part~="result"]')?.getAttribute('data-outcome') ?? null,
        focus: root?.activeElement?.outerHTML.slice(0, 160) ?? document.activeElement?.tagName ?? null,
        text: (root?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 600),
      };
    });
    throw new Error(`no "${outcome}" result: ${JSON.stringify(seen)}`, { cause: error });
  }
}

async function nextCustomer(s: ScannerPage): Promise<void> {
  await s.page.keyboard.press('Enter');
  await s.page.locator('kaiku-scanner #manual').waitFor();
}

describe("a clerk's day", () => {
  it('scans, types, refuses, shares the show with a second till, works offline, reconnects, sells a group, reaches the cap, exports: meter = tally', async () => {
    const s = await openBoxOffice(harness(), { lang: 'fi', path: `/box-office/?show=${SHOW}` });
    await s.page.locator(part('cap-meter')).waitFor();
    await expect.poll(() => meter(s)).toBe(0);
    expect(await serverTally()).toBe(0);

    // 1. A reader: a holder alone.
    await wedgeScan(s.cdp, 'A045198723');
    await s.page.locator(part('tickets')).waitFor();
    await s.page.keyboard.press('Enter');
    await registered(s);
    expect(await serverTally()).toBe(1);
    await expect.poll(() => meter(s)).toBe(1);
    await nextCustomer(s);

    // 2. A card typed by hand.
    await s.page.locator('kaiku-scanner #manual').fill('a999005429');
    await s.page.keyboard.press('Enter');
    await s.page.locator(part('tickets')).waitFor();
    await s.page.keyboard.press('Enter');
    await registered(s);
    expect(await serverTally()).toBe(2);
    await expect.poll(() => meter(s)).toBe(2);
    await nextCustomer(s);

    // 3. An expired card, refused live: nothing counts against the cap, and the next customer is not refused.
    await wedgeScan(s.cdp, 'A999005416');
    await s.page.locator(`${part('refusal')} li[data-code="card-expired"]`).waitFor();
    expect(await serverTally()).toBe(2);
    expect(await meter(s)).toBe(2);
    await nextCustomer(s);

    // 4. The second till sells a ticket for the same show; this till's next customer sees the server's count.
    const other = await openBoxOffice(harness(), { lang: 'fi', path: `/box-office/?show=${SHOW}` });
    await other.page.locator(part('cap-meter')).waitFor();
    await wedgeScan(other.cdp, 'AM12345678');
    await other.page.locator(part('tickets')).waitFor();
    await other.page.keyboard.press('Enter');
    await registered(other);
    expect(await serverTally()).toBe(3);
    await expect.poll(() => meter(other)).toBe(3);
    await other.context.close();
    await wedgeScan(s.cdp, 'X000011656');
    await s.page.locator(part('tickets')).waitFor();
    await expect.poll(() => meter(s)).toBe(3);
    await s.page.keyboard.press('Escape');
    await s.page.locator('kaiku-scanner #manual').waitFor();

    // 5. The network drops: two customers are queued, the meter counts each unsent usage once; one card was never
    // registered in Kaikukanta (nothing on this till knows it yet).
    await s.context.setOffline(true);
    await wedgeScan(s.cdp, 'A999005461');
    await s.page.locator(part('tickets')).waitFor({ timeout: 15_000 });
    await s.page.keyboard.press('Enter');
    await registered(s, 'queued');
    expect(await serverTally()).toBe(3);
    await expect.poll(() => meter(s)).toBe(4);
    await s.page.waitForTimeout(500);
    expect(await meter(s)).toBe(4); // not 5: counted once
    await nextCustomer(s);
    await wedgeScan(s.cdp, 'A999000001');
    await s.page.locator(part('tickets')).waitFor({ timeout: 15_000 });
    await s.page.keyboard.press('Enter');
    await registered(s, 'queued');
    await expect.poll(() => meter(s)).toBe(5);

    // 6. Back online: sent without anyone asking; Kaikukanta refuses the unregistered card, which stops counting
    // and needs attention; meter = tally.
    await s.context.setOffline(false);
    await registered(s, 'refused-later');
    await expect.poll(() => serverTally(), { timeout: 15_000 }).toBe(4);
    await expect.poll(() => meter(s)).toBe(4);
    await expect.poll(() => s.page.locator(`${part('sync-status')} [data-sync="attention"]`).count()).toBe(1);
    expect(await s.page.locator(`${part('sync-status')} [data-sync="all-sent"]`).count()).toBe(0);
    await nextCustomer(s);

    // 7. A community card with one member: two tickets.
    await wedgeScan(s.cdp, 'Y110029399');
    await s.page.locator(part('tickets')).waitFor();
    await wedgeScan(s.cdp, 'A999005458');
    await expect.poll(() => s.page.locator('kaiku-scanner .group-list li').count()).toBe(1);
    await s.page.locator(part('confirm-button')).click();
    await registered(s);
    expect(await serverTally()).toBe(6);
    await expect.poll(() => meter(s)).toBe(6);
    await nextCustomer(s);

    // 8. The cap is reached: the next customer is refused with the cap's reason, nothing is sent.
    await wedgeScan(s.cdp, 'A999005422');
    await s.page.locator(`${part('refusal')} li[data-code="cap-reached"]`).waitFor();
    expect(await serverTally()).toBe(6);
    expect(await meter(s)).toBe(6);
    await nextCustomer(s);

    // 9. The refused usage is settled with the customer and marked handled: everything sent, the meter unchanged.
    await s.page.locator(`${part('needs-attention')} li[data-code="card-not-registered"] button`).click();
    await expect.poll(() => s.page.locator(part('needs-attention')).count()).toBe(0);
    await expect.poll(() => s.page.locator(`${part('sync-status')} [data-sync="all-sent"]`).count()).toBe(1);
    expect(await meter(s)).toBe(6);

    // 10. The day's report: nothing waits and nothing needs attention, so no usage rows.
    const csv = await s.page.evaluate(() => document.querySelector('kaiku-scanner')!.exportCsv());
    expect(
      csv
        .trim()
        .split('\n')
        .filter((l) => /[AXY]\d{9}/.test(l)),
    ).toEqual([]);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});
