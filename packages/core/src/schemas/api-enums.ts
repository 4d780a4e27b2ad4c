/**
 * The contract's fixed value sets (card prefixes, kinds and statuses, show kinds, channels, usage
 * modes) as `const` arrays and zod enums. In their own module so the rules' input schemas can use
 * them without bringing the whole contract (the HTTP client's schemas) into a bundle.
 */
import * as z from 'zod/mini';
import { pure } from './schema-parts.js';

export const CARD_PREFIXES = ['A', 'AM', 'Y', 'YM', 'X', 'Z'] as const;
export const CardPrefixSchema = /* @__PURE__ */ pure(() => z.enum(CARD_PREFIXES));
export type CardPrefix = z.infer<typeof CardPrefixSchema>;

export const CARD_KINDS = ['client', 'community'] as const;
export const CardKindSchema = /* @__PURE__ */ pure(() => z.enum(CARD_KINDS));
export type CardKind = z.infer<typeof CardKindSchema>;

export const CARD_STATUSES = ['active', 'inactive', 'use-ban', 'in-transfer'] as const;
export const CardStatusSchema = /* @__PURE__ */ pure(() => z.enum(CARD_STATUSES));
export type CardStatus = z.infer<typeof CardStatusSchema>;

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
export const ShowKindSchema = /* @__PURE__ */ pure(() => z.enum(SHOW_KINDS));
export type ShowKind = z.infer<typeof ShowKindSchema>;

export const CHANNELS = ['box-office', 'reservation', 'ticket-agent'] as const;
export const ChannelSchema = /* @__PURE__ */ pure(() => z.enum(CHANNELS));
export type Channel = z.infer<typeof ChannelSchema>;

export const USAGE_MODES = ['booking', 'collection'] as const;
export const UsageModeSchema = /* @__PURE__ */ pure(() => z.enum(USAGE_MODES));
export type UsageMode = z.infer<typeof UsageModeSchema>;
