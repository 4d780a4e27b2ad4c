// The camera never contradicts itself (issue 30.6): a code that is not a card (an old local pilot code) is said
// once, and "no code found yet" does not follow while that code is in front of the camera.
import { describe, expect, it } from 'vitest';
import { generateCardVideo } from '../support/card-video/generate-card-video.js';
import { launchCameraBrowser } from '../support/card-video/launch-camera-browser.js';
import { openBoxOffice, part, useHarness } from '../support/element-harness.js';

const harness = useHarness();

describe('<kaiku-scanner> camera hint after a code that is not a card', () => {
  it('an old pilot code in view: its refusal, and no "no code found yet" after the hint delay', async () => {
    const browser = await launchCameraBrowser({
      video: generateCardVideo({ symbol: 'qr_code', text: 'E1234' }),
    });
    try {
      const s = await openBoxOffice({ ...harness(), browser }, { path: '/box-office/?lang=en' });
      await s.page.locator(part('camera-button')).click();
      const error = s.page.locator('kaiku-scanner #camera-error[data-code="legacy-code"]');
      await error.waitFor({ timeout: 60_000 });
      // NO_READ_HINT_MS (8 s) and a margin: the hint's region stays empty.
      await s.page.waitForTimeout(10_000);
      expect((await s.page.locator(part('camera-hint')).textContent())?.trim()).toBe('');
      expect(await error.count()).toBe(1);
    } finally {
      await browser.close();
    }
  });
});
