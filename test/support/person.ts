// The end-to-end tests' keys as a person presses them (element-harness.ts, engines.e2e.test.ts).
import { LINE_FEED_MS } from '../../packages/core/src/input/wedge/classify-wedge.js';

/**
 * How soon after a card was read a person's key can come: a clerk sees the card, then presses a key. The wedge
 * listener keeps an Enter that follows a reading within `LINE_FEED_MS` from the page on purpose (a reader's CR+LF, or
 * a second Enter, is the reader's, and must not confirm a usage by itself); a test that presses Enter the moment the
 * ticket form appears can come within that window when the look-up is instant (a cached card, a local sandbox), which
 * no person does. Seen as a flake: Enter on the children count did nothing, 39.6 ms after the read.
 */
export const PERSON_REACTION_MS = Math.max(100, 2 * LINE_FEED_MS);
