/**
 * The element's own UI strings. Every language file is typed `Translation`, so a missing or misspelt key
 * fails to compile. Messages for core codes (card IDs, rules, API, outbox, input) come from the core's registry.
 */
import type { fi } from './fi.js';

export type Translation = { readonly [K in keyof typeof fi]: (typeof fi)[K] };
