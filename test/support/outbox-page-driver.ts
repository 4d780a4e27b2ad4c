// Drives the outbox test page (outbox-chaos-page.ts, `window.outboxPage`) from Playwright: the e2e tests' one way
// to call into a tab.
import type { Page } from 'playwright-core';
import type { UsageRequest } from '@kaiku-scanner/core';
import type { OutboxPage } from './outbox-chaos-page.js';

type W = { outboxPage: OutboxPage };

/** One tab's outbox page, called from the test process. */
export type OutboxPageDriver = {
  enqueue(usages: UsageRequest[]): ReturnType<OutboxPage['enqueue']>;
  counts(): ReturnType<OutboxPage['counts']>;
  syncNow(): ReturnType<OutboxPage['syncNow']>;
  /** The problem codes of the records that need attention. */
  attention(): Promise<(string | undefined)[]>;
  log(): Promise<OutboxPage['log']>;
  targetCounts(): ReturnType<OutboxPage['targetCounts']>;
  capabilities(): Promise<OutboxPage['capabilities']>;
};

/**
 * The calls a test makes on one tab's outbox page.
 *
 * @example
 * await outboxPageOf(page).enqueue([usage]);
 * expect(await outboxPageOf(page).counts()).toMatchObject({ pending: 0 });
 */
export const outboxPageOf = (page: Page): OutboxPageDriver => ({
  enqueue: (usages: UsageRequest[]) =>
    page.evaluate((u) => (window as unknown as W).outboxPage.enqueue(u), usages),
  counts: () => page.evaluate(() => (window as unknown as W).outboxPage.counts()),
  syncNow: () => page.evaluate(() => (window as unknown as W).outboxPage.syncNow()),
  attention: () =>
    page.evaluate(async () =>
      (await (window as unknown as W).outboxPage.needsAttention()).map((r) => r.problem?.code),
    ),
  log: () => page.evaluate(() => (window as unknown as W).outboxPage.log),
  targetCounts: () => page.evaluate(() => (window as unknown as W).outboxPage.targetCounts()),
  capabilities: () => page.evaluate(() => (window as unknown as W).outboxPage.capabilities),
});
