// Drives the outbox test page (outbox-chaos-page.ts, `window.outboxPage`) from Playwright: the e2e tests' one way
// to call into a tab.
import type { Page } from 'playwright-core';
import type { UsageRequest } from '@kaiku-scanner/core/contract';
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

/**
 * Runs `fn` on one tab's `window.outboxPage` with `args` (serialised): for calls the driver does not name.
 *
 * @example
 * const csv = await callOutboxPage(page, (p) => p.exportCsv());
 */
export const callOutboxPage = <A extends unknown[], R>(
  page: Page,
  fn: (p: OutboxPage, ...args: A) => Promise<R> | R,
  ...args: A
) =>
  page.evaluate(
    ([source, a]) => {
      const f = new Function('p', 'args', `return (${source})(p, ...args)`) as (
        p: OutboxPage,
        args: unknown[],
      ) => R;
      return f((window as unknown as W).outboxPage, a as unknown[]);
    },
    [fn.toString(), args] as const,
  );
