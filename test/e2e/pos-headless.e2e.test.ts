// The headless point-of-sale example (examples/pos-headless) reads a wedge reader beside the page's own fields and
// applies the operating model's rules before it queues anything, as the element does: the real demo page, the real
// sandbox, real wedge key events.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { countUsages, useHarness, wedgeScan } from '../support/element-harness.js';

const harness = useHarness();

const usageCount = (cardId: string, showId: string): Promise<number> =>
  countUsages(harness().apiUrl, cardId, showId);

async function openPos() {
  const context = await harness().browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${harness().webUrl}/pos-headless/`);
  await page.locator('#outbox').filter({ hasText: 'Waiting' }).waitFor();
  const cdp = await context.newCDPSession(page);
  return { context, page, cdp, errors };
}

const codes = (page: Page): Promise<string | undefined> =>
  page.locator('#decision').evaluate((el) => (el as HTMLElement).dataset.codes);

describe('headless POS example applies decideUsage', () => {
  it('an expired card gets no "Add": the reason is shown and nothing is queued', async () => {
    const { context, page, cdp, errors } = await openPos();
    await wedgeScan(cdp, 'A999005416');
    await expect.poll(() => codes(page), { timeout: 15_000 }).toBe('card-expired');
    expect(await page.locator('#decision').textContent()).toMatch(/valid until \d{1,2}\.\d{1,2}\.\d{4}/);
    expect(await page.locator('#add').isDisabled()).toBe(true);
    await page.locator('#add').click({ force: true });
    await page.waitForTimeout(500);
    expect(await usageCount('A999005416', 'hilla-taikuri-matti')).toBe(0);
    expect(await page.locator('#outbox').textContent()).toContain('Waiting to be sent: 0');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('five children on a two-minor card are refused before sending; two go through', async () => {
    const { context, page, cdp, errors } = await openPos();
    await wedgeScan(cdp, 'A045198723');
    await expect.poll(() => page.locator('#card').textContent()).toContain('A045198723: active');
    await expect.poll(() => page.locator('#add').isDisabled()).toBe(false);
    await page.locator('#children').fill('5');
    await expect.poll(() => codes(page)).toBe('too-many-children');
    expect(await page.locator('#add').isDisabled()).toBe(true);
    await page.locator('#add').click({ force: true });
    await page.waitForTimeout(500);
    expect(await usageCount('A045198723', 'hilla-taikuri-matti')).toBe(0);
    await page.locator('#children').fill('2');
    await expect.poll(() => page.locator('#add').isDisabled()).toBe(false);
    await page.locator('#add').click();
    await expect.poll(() => usageCount('A045198723', 'hilla-taikuri-matti'), { timeout: 30_000 }).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('headless POS example with a wedge reader', () => {
  it('a wedge burst typed into the sale field is taken out of it and queued through the outbox', async () => {
    const { context, page, cdp, errors } = await openPos();
    await page.locator('#note').focus();
    await page.keyboard.type('2 coffees', { delay: 90 });
    await wedgeScan(cdp, 'A045198723');
    await expect.poll(() => page.locator('#card').textContent()).toContain('A045198723: active');
    expect(await page.locator('#note').inputValue()).toBe('2 coffees');
    await page.locator('#add').click();
    await expect.poll(() => usageCount('A045198723', 'hilla-taikuri-matti'), { timeout: 30_000 }).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
