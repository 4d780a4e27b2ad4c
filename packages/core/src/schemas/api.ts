/**
 * The Kaikukanta contract: zod 4 schemas (`zod/mini`, so bundlers can tree-shake it) and their
 * inferred types.
 *
 * The HTTP client validates every response with these, the sandbox validates every request with
 * them, and `docs/openapi.json` is generated from them, so the three cannot drift. Their OpenAPI
 * names and examples are in `api-openapi.ts`, so loading them registers nothing.
 * Nothing here identifies a person: a card is known by its ID only.
 *
 * Split by who needs what (enums for the rules, requests for the outbox, responses for the HTTP
 * client); this module only re-exports. Each schema is also built in a `pure()` call (see
 * `schema-parts.ts`), so a bundle keeps only the schemas it uses, even from the merged dist.
 */
export * from './api-enums.js';
export * from './api-problem.js';
export * from './api-request.js';
export * from './api-responses.js';
