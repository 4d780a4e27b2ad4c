/**
 * The Kaikukanta contract: zod 4 schemas (`zod/mini`, so bundlers can tree-shake it) and their
 * inferred types.
 *
 * The HTTP client validates every response with these, the sandbox validates every request with
 * them, and `docs/openapi.json` is generated from them, so the three cannot drift. Their OpenAPI
 * names and examples are in `api-openapi-meta.ts`, so loading them registers nothing.
 * Nothing here identifies a person: a card is known by its ID only.
 *
 * Bundlers keep every top-level schema of a module they include (building one is a call, which they
 * cannot prove free of side effects), but drop a whole module whose exports are unused (the package
 * is `"sideEffects": false`). So the contract is split by who needs what, and this module only
 * re-exports: a bundle importing `UsageRequestSchema` from here gets the request schemas, not the
 * responses' (discriminated union, problem records, …).
 */
export * from './api-enums.js';
export * from './api-problem.js';
export * from './api-request.js';
export * from './api-responses.js';
