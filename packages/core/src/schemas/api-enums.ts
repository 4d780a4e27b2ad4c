/**
 * The contract's fixed value sets (card prefixes, kinds and statuses, show kinds, channels, usage
 * modes) as `const` arrays and zod enums. In their own module so the rules' input schemas can use
 * them without bringing the whole contract (the HTTP client's schemas) into a bundle.
 */
import * as z from 'zod/mini';
import { pure } from './schema-parts.js';

/** The card-ID prefixes Kaikukanta issues (`A`, `AM` client cards, `Y`, `YM` community cards, `X`, `Z` mobile). */
export const CARD_PREFIXES = ['A', 'AM', 'Y', 'YM', 'X', 'Z'] as const;
/** zod enum of `CARD_PREFIXES`. */
export const CardPrefixSchema = /* @__PURE__ */ pure(() => z.enum(CARD_PREFIXES));
/** A card-ID prefix, e.g. `'AM'`. */
export type CardPrefix = z.infer<typeof CardPrefixSchema>;

/** Card kinds: `client` (a person's card) and `community` (an organisation's card for groups). */
export const CARD_KINDS = ['client', 'community'] as const;
/** zod enum of `CARD_KINDS`. */
export const CardKindSchema = /* @__PURE__ */ pure(() => z.enum(CARD_KINDS));
/** `'client'` or `'community'`. */
export type CardKind = z.infer<typeof CardKindSchema>;

/** A card's status in Kaikukanta; only `active` cards get tickets. */
export const CARD_STATUSES = ['active', 'inactive', 'use-ban', 'in-transfer'] as const;
/** zod enum of `CARD_STATUSES`. */
export const CardStatusSchema = /* @__PURE__ */ pure(() => z.enum(CARD_STATUSES));
/** `'active'`, `'inactive'`, `'use-ban'` or `'in-transfer'`. */
export type CardStatus = z.infer<typeof CardStatusSchema>;

/** The refusal code of each non-active card status: one table for the rules core, the sandbox and the kit. */
export const CARD_STATUS_REFUSALS = {
  inactive: 'card-inactive',
  'use-ban': 'card-use-banned',
  'in-transfer': 'card-in-transfer',
} as const satisfies Record<Exclude<CardStatus, 'active'>, string>;

/** Kinds of event, as far as the operating model treats them differently (caps, courses). */
export const SHOW_KINDS = [
  'show',
  'small-show',
  'course',
  'festival',
  'mass-event',
  'swimming-hall',
  'visiting-production',
  'cinema',
  'exhibition',
] as const;
/** zod enum of `SHOW_KINDS`. */
export const ShowKindSchema = /* @__PURE__ */ pure(() => z.enum(SHOW_KINDS));
/** A kind of event, e.g. `'show'` or `'course'` (courses take no children's tickets). */
export type ShowKind = z.infer<typeof ShowKindSchema>;

/** Where a usage was registered: at the box office, by reservation, or by a ticket agent (imported reports). */
export const CHANNELS = ['box-office', 'reservation', 'ticket-agent'] as const;
/** zod enum of `CHANNELS`. */
export const ChannelSchema = /* @__PURE__ */ pure(() => z.enum(CHANNELS));
/** `'box-office'`, `'reservation'` or `'ticket-agent'`. */
export type Channel = z.infer<typeof ChannelSchema>;

/**
 * How a usage is registered: `booking` (tickets booked ahead, counted against the cap) or `collection` (a
 * booking collected at the door).
 */
export const USAGE_MODES = ['booking', 'collection'] as const;
/** zod enum of `USAGE_MODES`. */
export const UsageModeSchema = /* @__PURE__ */ pure(() => z.enum(USAGE_MODES));
/** `'booking'` or `'collection'`. */
export type UsageMode = z.infer<typeof UsageModeSchema>;
