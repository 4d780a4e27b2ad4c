/**
 * @kaiku-scanner/sandbox — a local Kaikukanta-compatible server with real SQLite persistence.
 */
export { startSandbox, SANDBOX_VERSION, type Sandbox, type SandboxOptions } from './start-sandbox.js';
export { maskCardIds } from './http/mask.js';
export { runConformance } from './conformance/run-conformance.js';
export type { CheckResult, ConformanceOptions, ConformanceReport } from './conformance/run-conformance.js';
export {
  seedCards,
  seedShows,
  SEED_VENUE,
  SEED_PARTNER_VENUE,
  UNREGISTERED_CARD_ID,
} from './seed/seed-data.js';
export type { SeedCard } from './seed/seed-data.js';
