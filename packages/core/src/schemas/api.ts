/**
 * The Kaikukanta contract: zod 4 schemas (`zod/mini`) and their inferred types. The HTTP client validates every
 * response with these, the sandbox every request, and `docs/openapi.json` is generated from them (`api-openapi.ts`),
 * so the three cannot drift. Nothing here identifies a person: a card is known by its ID only. Split by who needs
 * what (enums for the rules, requests for the outbox, responses for the HTTP client).
 */
export * from './api-enums.js';
export * from './api-request.js';
export * from './api-responses.js';
