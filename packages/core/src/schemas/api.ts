/** The Kaikukanta contract's zod schemas: client, sandbox and `docs/openapi.json` all read them, so none drifts. */
export * from './api-enums.js';
export * from './api-request.js';
export * from './api-responses.js';
