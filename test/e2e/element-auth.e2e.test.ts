// A terminal whose sign-in Kaikukanta does not accept (HTTP 401) is not "offline": the real demo box office and the
// real sandbox, which answers 401 to a malformed bearer token. Look-up and sync each say so in the clerk's language
// and fire `kaiku-error`; "everything sent" is never green while usages wait, need attention, or no API is set.
import { describe, expect, it } from 'vitest';
import {
  openBoxOffice,
  part,
  recordErrors,
  useHarness,
  wedgeScan,
  type ScannerPage,
} from '../support/element-harness.js';

const harness = useHarness();

/** A token the sandbox refuses with 401 (a bearer token may not contain spaces). */
async function signInBroken(s: ScannerPage, broken: boolean): Promise<void> {
  await s.page.evaluate((b) => {
    document.querySelector('kaiku-scanner')!.tokenProvider = () => (b ? 'expired token' : 'demo-token');
  }, broken);
}

const syncBadge = (s: ScannerPage, kind: string) =>
  s.page.locator(`${part('sync-status')} [data-sync="${kind}"]`);

describe('<kaiku-scanner> when Kaikukanta refuses the sign-in', () => {
  it('look-up: a sign-in message and a kaiku-error, not an unverified "offline" card', async () => {
    const s = await openBoxOffice(harness(), {
      lang: 'en',
      path: '/box-office/?show=hilla-taikuri-matti&lang=en',
    });
    await s.page.locator(part('cap-meter')).waitFor();
    const errors = await recordErrors(s);
    await signInBroken(s, true);
    await wedgeScan(s.cdp, 'A045198723');
    const error = s.page.locator(part('error'));
    await error.waitFor({ timeout: 15_000 });
    // One code for a refused sign-in at every stage: `http-401`, never the server's word for it (`unauthorized`).
    expect(await error.getAttribute('data-code')).toBe('http-401');
    expect(await error.textContent()).toContain('sign-in');
    expect(await s.page.locator(part('card-panel')).count()).toBe(0);
    expect(await errors()).toContainEqual(expect.objectContaining({ code: 'http-401', stage: 'lookup' }));
    // Signed in again, "try again" looks the card up.
    await signInBroken(s, false);
    await s.page.keyboard.press('Enter');
    await s.page.locator(part('tickets')).waitFor({ timeout: 15_000 });
    await s.context.close();
  });

  it('sync: queued usages wait under a sign-in badge (fi), with a kaiku-error, and go once it works', async () => {
    const s = await openBoxOffice(harness(), { lang: 'fi', path: '/box-office/?show=hilla-taikuri-matti' });
    await s.page.locator(part('cap-meter')).waitFor();
    await expect.poll(() => syncBadge(s, 'all-sent').count()).toBe(1);
    const errors = await recordErrors(s);
    await s.context.setOffline(true);
    await wedgeScan(s.cdp, 'A999005458');
    await s.page.locator(part('tickets')).waitFor();
    await s.page.keyboard.press('Enter');
    await s.page.locator(part('queued-badge')).waitFor({ timeout: 30_000 });
    await signInBroken(s, true);
    await s.context.setOffline(false);
    // The clerk sends now rather than waiting for the next automatic attempt (its backoff grew while offline).
    await s.page.locator(`${part('sync-status')} button`).click();
    await syncBadge(s, 'auth').waitFor({ timeout: 30_000 });
    expect(await syncBadge(s, 'auth').textContent()).toContain('Kirjautuminen Kaikukantaan ei kelpaa');
    expect(await s.page.locator(part('sync-status')).getAttribute('data-pending')).toBe('1');
    expect(await syncBadge(s, 'all-sent').count()).toBe(0);
    expect(await s.page.locator(part('sync-status')).textContent()).not.toContain('Ei verkkoyhteyttä');
    expect(await errors()).toContainEqual(expect.objectContaining({ code: 'http-401', stage: 'sync' }));
    await signInBroken(s, false);
    // "Send now" if it is still there: an automatic retry may have sent the usage first, and the button goes with it
    // (a click from outside the page could then wait for a button that no longer exists).
    await s.page.evaluate(() =>
      document
        .querySelector('kaiku-scanner')!
        .shadowRoot!.querySelector<HTMLButtonElement>('[part~="sync-status"] button')
        ?.click(),
    );
    await syncBadge(s, 'all-sent').waitFor({ timeout: 30_000 });
    expect(await syncBadge(s, 'auth').count()).toBe(0);
    await s.context.close();
  });

  it('"everything sent" is not green while a usage needs attention, nor without an API', async () => {
    const s = await openBoxOffice(harness(), {
      lang: 'en',
      path: '/box-office/?show=hilla-taikuri-matti&lang=en',
    });
    await s.page.locator(part('cap-meter')).waitFor();
    // A page that had loaded (its lazily loaded chunks too) before the network went down: under load the
    // wedge engine's chunk could still be on its way, and offline it never arrives (wedge-unavailable).
    await s.page.waitForLoadState('networkidle');
    await s.context.setOffline(true);
    await wedgeScan(s.cdp, 'A999000001');
    await s.page.locator(part('tickets')).waitFor();
    await s.page.keyboard.press('Enter');
    await s.page.locator(part('queued-badge')).waitFor({ timeout: 30_000 });
    await s.context.setOffline(false);
    await syncBadge(s, 'attention').waitFor({ timeout: 60_000 });
    expect(await s.page.locator(part('sync-status')).getAttribute('data-pending')).toBe('0');
    expect(await syncBadge(s, 'all-sent').count()).toBe(0);
    // A second element on the page with no base-url: nothing can ever be sent, and it says so.
    const bare = await s.page.evaluate(async () => {
      const el = document.createElement('kaiku-scanner');
      el.lang = 'en';
      document.body.append(el);
      await el.updateComplete;
      const status = el.shadowRoot!.querySelector('[part~="sync-status"]')!;
      return {
        allSent: status.querySelectorAll('[data-sync="all-sent"]').length,
        text: status.textContent ?? '',
      };
    });
    expect(bare.allSent).toBe(0);
    expect(bare.text).toContain('not configured');
    await s.context.close();
  });
});
