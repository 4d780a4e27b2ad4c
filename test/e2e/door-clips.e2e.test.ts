// A slice of the door-mission benchmark (npm run bench door) as a behaviour check: generated clips played to
// Chromium's fake camera and read by startCameraScan as a box office runs it. Read or not read, the right ID, no
// misread, no duplicate; no timing assertions (the bench measures time, side by side with the peers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doorSlice } from '../support/door-clips/clips.js';
import { openDoorHarness, type DoorHarness } from '../support/door-clips/door-harness.js';

let harness: DoorHarness;
beforeAll(async () => {
  harness = await openDoorHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('door clips through startCameraScan (fake camera)', () => {
  for (const clip of doorSlice()) {
    const what = clip.kind === 'empty' ? 'reads nothing from' : 'reads the card once from';
    it(`${what} ${clip.id}`, async () => {
      const [outcome] = await harness.runClip(clip, ['kaiku'], 6000);
      expect(outcome?.misreads).toBe(0);
      expect(outcome?.read).toBe(clip.kind !== 'empty');
      expect(outcome?.duplicates).toBe(0);
    });
  }
});
