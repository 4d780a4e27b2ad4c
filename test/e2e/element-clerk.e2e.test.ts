// <kaiku-scanner> as a clerk meets it at the counter (issue 18): the real demo box office, the real sandbox, real key
// events. Group members checked as they are read, the stepper and the keyboard, configuration checked when set.
import { describe, expect, it } from 'vitest';
import {
  openBoxOffice,
  part,
  recordErrors,
  registerElsewhere,
  useHarness,
  wedgeScan,
} from '../support/element-harness.js';

const harness = useHarness();

describe('<kaiku-scanner> at the counter', () => {
  it('a group member is looked up as read: an expired card is named with its reason at once', async () => {
    const s = await openBoxOffice(harness(), {
      lang: 'fi',
      path: '/box-office/?show=hilla-taikuri-matti',
    });
    await s.page.locator(part('cap-meter')).waitFor();
    const errors = await recordErrors(s);
    await wedgeScan(s.cdp, 'Y110029399');
    await s.page.locator(part('tickets')).waitFor();
    const groupError = s.page.locator('kaiku-scanner #member-error');
    // Expired yesterday (seed): not added, and the form says which card and why — before "Kirjaa käyttö".
    await wedgeScan(s.cdp, 'A999005416');
    await expect.poll(() => groupError.textContent(), { timeout: 10_000 }).toContain('A999005416');
    expect(await groupError.textContent()).toMatch(/voimassa/);
    expect(await s.page.locator('kaiku-scanner .group-list li').count()).toBe(0);
    // A valid member joins; the error goes.
    await wedgeScan(s.cdp, 'A999005458');
    await expect.poll(() => s.page.locator('kaiku-scanner .group-list li').count()).toBe(1);
    expect(await groupError.count()).toBe(0);
    expect(await errors()).toContainEqual({ code: 'card-expired', stage: 'lookup', cardId: 'A999005416' });
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('a refusal seen live is done when shown: not under "needs attention", not in the usage report', async () => {
    // Two terminals on a show with one Kaikukortti ticket: B (headless) sells it while A's customer is on screen,
    // at once (a sale through B's page took long enough on a busy machine for A's meter to refresh first).
    const a = await openBoxOffice(harness(), { lang: 'fi', path: '/box-office/?show=hilla-kamari' });
    await a.page.locator(part('cap-meter')).waitFor();
    await wedgeScan(a.cdp, 'X000011986');
    await a.page.locator(part('tickets')).waitFor();
    expect(await registerElsewhere(harness().apiUrl, 'A999005458', 'hilla-kamari')).toBe(true);
    // A confirms on its (now stale) meter: Kaikukanta refuses, and A shows why.
    await a.page.locator(part('confirm-button')).click();
    await a.page.locator(`${part('refusal')} li[data-code="cap-reached"]`).waitFor({ timeout: 15_000 });
    await a.page.waitForTimeout(500);
    expect(await a.page.locator(part('needs-attention')).count()).toBe(0);
    expect(await a.page.locator(`${part('sync-status')} [data-sync="attention"]`).count()).toBe(0);
    const csv = await a.page.evaluate(() => document.querySelector('kaiku-scanner')!.exportCsv());
    expect(csv).not.toContain('X000011986');
    await a.context.close();
  });

  it('the same card for the same show again: refused as already used before anything is sent', async () => {
    const s = await openBoxOffice(harness(), { lang: 'sv', path: '/box-office/?show=hilla-taikuri-matti' });
    await s.page.locator(part('cap-meter')).waitFor();
    await wedgeScan(s.cdp, 'A999005429');
    await s.page.locator(part('tickets')).waitFor();
    await s.page.keyboard.press('Enter');
    await s.page.locator(`${part('result')}[data-outcome="registered"]`).waitFor({ timeout: 15_000 });
    await s.page.keyboard.press('Enter'); // next customer
    await s.page.locator('kaiku-scanner #manual').waitFor();
    await wedgeScan(s.cdp, 'A999005429');
    // This terminal's own usage decides it at once: no ticket form, the reason with when (no terminal name set).
    const row = s.page.locator(`${part('refusal')} li[data-code="already-used"]`);
    await row.waitFor();
    expect(await row.textContent()).toMatch(
      /^Kortet har redan en biljett till det här evenemanget \(\d{1,2}\.\d{1,2}\.\d{4} kl\. \d\d\.\d\d\)\.$/,
    );
    expect(await s.page.locator(part('tickets')).count()).toBe(0);
    await s.context.close();
  });

  it('the stepper with the mouse: Enter still registers, Esc still cancels, focus never falls to the page', async () => {
    const s = await openBoxOffice(harness(), { lang: 'fi', path: '/box-office/?show=hilla-taikuri-matti' });
    await s.page.locator(part('cap-meter')).waitFor();
    const registered: unknown[] = [];
    await s.page.exposeFunction('onRegistered', (d: unknown) => registered.push(d));
    await s.page.evaluate(() =>
      document
        .querySelector('kaiku-scanner')!
        .addEventListener('kaiku-usage-registered', (e) =>
          (window as unknown as { onRegistered: (d: unknown) => void }).onRegistered(
            (e as CustomEvent).detail,
          ),
        ),
    );
    const plus = s.page.locator('kaiku-scanner .stepper-controls button').last();
    const minus = s.page.locator('kaiku-scanner .stepper-controls button').first();
    const focused = () =>
      s.page.evaluate(() => document.querySelector('kaiku-scanner')!.shadowRoot!.activeElement?.id ?? 'none');
    // A card with three minors: "+" once, then Enter registers one child (it used to add a second).
    await wedgeScan(s.cdp, 'A999005461');
    await s.page.locator(part('tickets')).waitFor();
    await plus.click();
    expect(await focused()).toBe('children-value');
    await s.page.keyboard.press('Enter');
    await s.page.locator(`${part('result')}[data-outcome="registered"]`).waitFor({ timeout: 15_000 });
    expect(registered).toEqual([expect.objectContaining({ cardId: 'A999005461', children: 1 })]);
    await s.page.keyboard.press('Enter');
    // Two minors: "+" up to the maximum disables it; focus stays on the count, and Esc cancels.
    await wedgeScan(s.cdp, 'A045198723');
    await s.page.locator(part('tickets')).waitFor();
    await plus.click();
    await plus.click();
    expect(await plus.isDisabled()).toBe(true);
    expect(await focused()).toBe('children-value');
    // A disabled button looks disabled: not the accent colour of an enabled one.
    const look = (b: typeof plus) =>
      b.evaluate((el) => {
        const c = getComputedStyle(el);
        return `${c.color} ${c.borderColor} ${c.backgroundColor}`;
      });
    expect(await look(plus)).not.toBe(await look(minus));
    await s.page.keyboard.press('Escape');
    await s.page.locator('kaiku-scanner #manual').waitFor();
    expect(registered).toHaveLength(1);
    await s.context.close();
  });

  it.each([390, 1280])(
    'chooser at %i px: two showings of a long-named show on one day differ where they are cut; full text as title',
    async (width) => {
      const s = await openBoxOffice(harness(), { lang: 'fi', width, path: '/box-office/' });
      const name =
        'Taikuri Matin suuri joulunäytös koko perheelle — ensi-ilta ja sen jälkeen tarjoiltava kahvihetki lämpiössä';
      await s.page.evaluate((n) => {
        const el = document.querySelector('kaiku-scanner')!;
        el.shows = [
          { id: 'early', name: n, start: '2030-12-06T14:00:00+02:00', kind: 'show' },
          { id: 'late', name: n, start: '2030-12-06T18:30:00+02:00', kind: 'show' },
        ];
        el.showId = 'late';
      }, name);
      const select = s.page.locator('kaiku-scanner #show-select');
      await expect.poll(() => select.inputValue()).toBe('late');
      const options = await s.page
        .locator('kaiku-scanner #show-select option')
        .evaluateAll((os) =>
          os.map((o) => ({ text: o.textContent?.trim() ?? '', title: o.getAttribute('title') ?? '' })),
        );
      // What a narrow chooser shows first is the time, which tells the two apart.
      expect(options[1]!.text.slice(0, 20)).not.toBe(options[2]!.text.slice(0, 20));
      expect(options[2]!.text).toMatch(/^6\.12\.2030 klo 18\.30 · /);
      expect(options[2]!.title).toContain(name);
      expect(await select.getAttribute('title')).toBe(options[2]!.title);
      // Where the chooser cuts the text, the date and time before the name are still whole: measured in the
      // chooser's own font against the room its box leaves for text (less its padding and the drop-down arrow).
      const room = await select.evaluate((el) => {
        const c = getComputedStyle(el);
        const ctx = document.createElement('canvas').getContext('2d')!;
        ctx.font = c.font;
        const shown = (el as HTMLSelectElement).selectedOptions[0]!.textContent!.trim();
        const text = el.clientWidth - parseFloat(c.paddingLeft) - parseFloat(c.paddingRight) - 24;
        return { time: ctx.measureText(shown.split(' · ')[0]!).width, text };
      });
      expect(room.time).toBeLessThan(room.text);
      // The chooser fits the screen (no sideways scrolling).
      const overflow = await s.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await s.context.close();
    },
  );

  it('the demo box office opened with ?lang=sv says Swedish everywhere: its own chooser and <html lang> too', async () => {
    const s = await openBoxOffice(harness(), { path: '/box-office/?show=hilla-taikuri-matti&lang=sv' });
    await expect.poll(() => s.page.locator('kaiku-scanner h3').first().textContent()).toBe('Läs kortet');
    expect(await s.page.locator('#lang').inputValue()).toBe('sv');
    expect(await s.page.evaluate(() => document.documentElement.lang)).toBe('sv');
    await s.context.close();
  });

  it('on a touch screen the "Enter registers, Esc cancels" hint is not shown', async () => {
    const s = await openBoxOffice(harness(), { lang: 'fi', path: '/box-office/?show=hilla-taikuri-matti' });
    await s.page.locator(part('cap-meter')).waitFor();
    await wedgeScan(s.cdp, 'A999005458');
    await s.page.locator(part('tickets')).waitFor();
    const hint = s.page.locator('kaiku-scanner .keys-hint');
    expect(await hint.isVisible()).toBe(true);
    await s.cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
    await s.cdp.send('Emulation.setEmitTouchEventsForMouse', { enabled: true, configuration: 'mobile' });
    await expect
      .poll(() => s.page.evaluate(() => matchMedia('(hover: none) and (pointer: coarse)').matches))
      .toBe(true);
    expect(await hint.isVisible()).toBe(false);
    await s.context.close();
  });
});
