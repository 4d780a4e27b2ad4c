/**
 * @kaiku-scanner/core — the headless Kaikukortti client.
 *
 * One entry with an explicit export list: every public name is chosen here.
 * Each area keeps its own block below.
 */

// --- card IDs, rules, policy, schemas, messages (pure domain) ---
export { parseCardId } from './card-id/parse-card-id.js';
