// Screenshots of the box office's states in fi/sv/en at 320 and 390 px (phones) and 1280 px (a counter's laptop), written
// to test-results/screenshots/clerk/ (gitignored) for people to look at, plus the layout checks a screenshot
// review would make: no sideways scrolling, nothing outside the element's box, no text cut off inside it, text
// contrast at WCAG AA, no tall empty stage.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  openBoxOffice,
  part,
  screenshotDir,
  setLang,
  useHarness,
  wedgeScan,
  type ScannerPage,
} from '../support/element-harness.js';

const harness = useHarness({ proxy: true });
const dir = path.join(screenshotDir, 'clerk');

/** Elements inside the element whose text is wider than their box (cut off), by tag and class. */
function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector('kaiku-scanner')!.shadowRoot!;
    return [...root.querySelectorAll<HTMLElement>('h2, h3, h4, p, dt, dd, label, legend, button, span, li')]
      .filter((e) => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
      .filter(
        (e) => getComputedStyle(e).overflow !== 'visible' || getComputedStyle(e).textOverflow === 'ellipsis',
      )
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
  });
}

/**
 * Controls that overlap or touch, as "a | b": each pair of visible controls keeps 4 px apart, and the focused one's
 * focus ring (outline width + offset around its box) overlaps no other control.
 */
function crowded(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector('kaiku-scanner')!.shadowRoot!;
    const controls = [
      ...root.querySelectorAll<HTMLElement>('button, input, select, summary, [role="spinbutton"]'),
    ].filter((e) => e.offsetParent !== null);
    const box = (e: HTMLElement) => {
      const r = e.getBoundingClientRect();
      const c = getComputedStyle(e);
      const ring =
        e === root.activeElement && c.outlineStyle !== 'none'
          ? parseFloat(c.outlineWidth) + parseFloat(c.outlineOffset)
          : 0;
      return { l: r.left - ring, r: r.right + ring, t: r.top - ring, b: r.bottom + ring, ring };
    };
    const name = (e: HTMLElement) =>
      `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''} "${(e.textContent ?? '').trim().slice(0, 24)}"`;
    const out: string[] = [];
    controls.forEach((a, i) => {
      for (const b of controls.slice(i + 1)) {
        if (a.contains(b) || b.contains(a)) continue;
        const p = box(a);
        const q = box(b);
        const gap = Math.max(p.l - q.r, q.l - p.r, p.t - q.b, q.t - p.b);
        if (gap < (p.ring || q.ring ? 0 : 4)) out.push(`${name(a)} | ${name(b)} (${gap.toFixed(1)} px)`);
      }
    });
    return out;
  });
}

/** Elements of the shadow tree reaching past the element's own box (issue 49.3: the shift table made it 575 px). */
function outside(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const host = document.querySelector('kaiku-scanner')!;
    const box = host.getBoundingClientRect();
    return [...host.shadowRoot!.querySelectorAll<HTMLElement>('*')]
      .filter((e) => e.getClientRects().length > 0 && !e.closest('.sr-only'))
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.right > box.right + 1 || r.left < box.left - 1;
      })
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
  });
}

/**
 * Text whose colour falls under WCAG AA contrast (4.5:1, 3:1 for large text) on the background it is painted on
 * (the nearest ancestor with an opaque background), as "text (ratio)".
 */
function lowContrast(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const host = document.querySelector('kaiku-scanner')!;
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = (c: number[]) =>
      c
        .slice(0, 3)
        .map((v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    const background = (e: Element | null): number[] => {
      for (let at = e; at; at = at.parentElement ?? (at.getRootNode() as ShadowRoot).host ?? null) {
        const c = rgb(getComputedStyle(at).backgroundColor);
        if (c.length === 3 || (c[3] ?? 0) > 0.9) return c;
      }
      return [255, 255, 255];
    };
    const out: string[] = [];
    const walker = document.createTreeWalker(host.shadowRoot!, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const e = n.parentElement;
      if (!e || !n.textContent!.trim() || e.getClientRects().length === 0 || e.closest('.sr-only, option'))
        continue;
      const style = getComputedStyle(e);
      const [a, b] = [lum(rgb(style.color)), lum(background(e))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      const large =
        parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && +style.fontWeight >= 700);
      if (ratio < (large ? 3 : 4.5)) out.push(`${n.textContent!.trim().slice(0, 30)} (${ratio.toFixed(2)})`);
    }
    return out;
  });
}

/** Short phrases that must not break across lines (a stepper's limit, "(At most 2)"), split over lines. */
function broken(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector('kaiku-scanner')!.shadowRoot!;
    return [...root.querySelectorAll<HTMLElement>('.stepper-label > .muted')]
      .filter((e) => new Set([...e.getClientRects()].map((r) => Math.round(r.top))).size > 1)
      .map((e) => e.textContent ?? '');
  });
}

async function shoot(s: ScannerPage, state: string, lang: string, width: number): Promise<void> {
  await s.page.waitForTimeout(100);
  await s.page.locator('kaiku-scanner').screenshot({ path: path.join(dir, `${state}-${lang}-${width}.png`) });
  const overflow = await s.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect.soft(overflow, `${state} ${lang} ${width}: sideways scrolling`).toBeLessThanOrEqual(0);
  expect.soft(await clipped(s.page), `${state} ${lang} ${width}: text cut off`).toEqual([]);
  expect
    .soft(await crowded(s.page), `${state} ${lang} ${width}: controls touching or overlapping`)
    .toEqual([]);
  expect.soft(await broken(s.page), `${state} ${lang} ${width}: a phrase split over lines`).toEqual([]);
  expect.soft(await outside(s.page), `${state} ${lang} ${width}: outside the element's box`).toEqual([]);
  expect.soft(await lowContrast(s.page), `${state} ${lang} ${width}: contrast under AA`).toEqual([]);
}

const LANGS = ['fi', 'sv', 'en'] as const;
const WIDTHS = [320, 390, 1280];

/** The empty space below the last thing on the stage (a result panel leaves no tall empty stage below it). */
function gapBelow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = document.querySelector('kaiku-scanner')!.shadowRoot!;
    const stage = root.querySelector<HTMLElement>('[part~="stage"]')!;
    const last = [...stage.querySelectorAll<HTMLElement>('*')].filter((e) => e.offsetParent !== null).at(-1)!;
    return stage.getBoundingClientRect().bottom - last.getBoundingClientRect().bottom;
  });
}

/**
 * The state on screen at every width in every language (the element's layout follows its width through container
 * queries, its texts its `lang`): a screenshot of each and the layout checks; then on at 1280 px in English.
 */
async function shootAll(s: ScannerPage, state: string): Promise<void> {
  for (const width of WIDTHS) {
    await s.page.setViewportSize({ width, height: 900 });
    for (const lang of LANGS) {
      await setLang(s.page, lang);
      await shoot(s, state, lang, width);
      if (state === 'registered')
        expect
          .soft(await gapBelow(s.page), `empty space below the result (${lang} ${width})`)
          .toBeLessThan(48);
    }
  }
}

describe('screenshots in fi, sv and en at 320, 390 and 1280 px', () => {
  it(
    'ready, card, group, refused, registered, offline, queued, needs attention, Kaikukanta away, shift',
    async () => {
      mkdirSync(dir, { recursive: true });
      const s = await openBoxOffice(harness(), { path: '/box-office/?show=hilla-taikuri-matti' });
      await s.page.locator(part('cap-meter')).waitFor();
      await shootAll(s, 'ready');
      await wedgeScan(s.cdp, 'A045198723');
      await s.page.locator(part('tickets')).waitFor();
      await s.page.keyboard.press('ArrowUp');
      await shootAll(s, 'card');
      await s.page.keyboard.press('Enter');
      await s.page.locator(`${part('result')}[data-outcome="registered"]`).waitFor({ timeout: 15_000 });
      await shootAll(s, 'registered');
      await s.page.keyboard.press('Enter');
      await wedgeScan(s.cdp, 'A999005416');
      await s.page.locator(part('refusal')).waitFor();
      await shootAll(s, 'refused');
      await s.page.keyboard.press('Escape');
      await wedgeScan(s.cdp, 'Y110029399');
      await s.page.locator(part('tickets')).waitFor();
      await wedgeScan(s.cdp, 'A999005416');
      await s.page.locator('kaiku-scanner #member-error').waitFor();
      await shootAll(s, 'group');
      await s.page.keyboard.press('Escape');
      await s.context.setOffline(true);
      await wedgeScan(s.cdp, 'A999005429');
      await s.page.locator(part('tickets')).waitFor({ timeout: 15_000 });
      await shootAll(s, 'offline-card');
      // Nothing was cached for this card: its minors are unknown, and the notice does not claim a cache.
      const facts = s.page.locator(part('card-panel'));
      expect(await facts.locator('[data-source="none"]').count()).toBe(1);
      expect(await facts.locator('dd').last().textContent()).toBe('–');
      await s.page.keyboard.press('Enter');
      await s.page.locator(`${part('result')}[data-outcome="queued"]`).waitFor({ timeout: 15_000 });
      await shootAll(s, 'queued');
      // Back online: the queued usage goes. Then one that Kaikukanta refuses later lands under "needs attention".
      await s.context.setOffline(false);
      await s.page.locator(`${part('result')}[data-outcome="registered"]`).waitFor({ timeout: 30_000 });
      await s.page.keyboard.press('Enter');
      await s.context.setOffline(true);
      await wedgeScan(s.cdp, 'A999000001');
      await s.page.locator(part('tickets')).waitFor({ timeout: 15_000 });
      await s.page.keyboard.press('Enter');
      await s.page.locator(part('queued-badge')).waitFor({ timeout: 15_000 });
      await s.context.setOffline(false);
      await s.page.locator(`${part('needs-attention')} li`).waitFor({ timeout: 30_000 });
      await s.page.locator(`${part('result')}[data-outcome="refused-later"]`).waitFor();
      await shootAll(s, 'needs-attention');
      await s.page.keyboard.press('Enter');
      // The same unregistered card online: an ordinary refusal.
      await wedgeScan(s.cdp, 'A999000001');
      await s.page.locator(part('error')).waitFor({ timeout: 15_000 });
      await shootAll(s, 'not-registered');
      // Nothing to retry: "next customer", the one way on, is the primary button.
      expect(
        await s.page
          .locator(`${part('stage')} .actions button`)
          .evaluateAll((bs) => bs.map((b) => b.className)),
      ).toEqual(['primary']);
      await s.page.keyboard.press('Escape');
      // Kaikukanta away while the network is fine: the card from the cache, the status says so; back: verified.
      // (The community card looked up above: the first card already has its ticket for this show.)
      const proxy = harness().proxy!;
      await proxy.offline();
      try {
        await wedgeScan(s.cdp, 'Y110029399');
        await s.page.locator(part('tickets')).waitFor({ timeout: 20_000 });
        await s.page.locator(`${part('sync-status')} [data-sync="unreachable"]`).waitFor();
        await shootAll(s, 'unreachable');
      } finally {
        await proxy.online();
      }
      await expect
        .poll(() => s.page.locator(`${part('card-panel')} [data-source]`).count(), { timeout: 20_000 })
        .toBe(0);
      await shootAll(s, 'verified');
      await s.page.keyboard.press('Escape');
      await s.page.locator(`${part('shift')} summary`).click();
      await s.page.locator('kaiku-scanner .shift-list li').first().waitFor();
      await shootAll(s, 'shift');
      expect(s.errors).toEqual([]);
      await s.context.close();
    },
    // Eleven states, nine screenshots each with their checks, on a loaded 2-core machine.
    600_000,
  );
});
