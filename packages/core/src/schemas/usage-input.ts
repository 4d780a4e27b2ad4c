/** What `decideUsage` takes from outside: the card record, the show, the request, the time. */
import * as z from 'zod/mini';
import { CardStatusSchema, UsageModeSchema } from './api-enums.js';
import { CalendarDateSchema, InstantSchema, UsageEventSchema } from './show-config.js';
import { pure, TERMINAL_NAME, wholeNumber } from './schema-parts.js';

/**
 * The part of a Kaikukanta card record the rules need; the API's `CardRecord` fits (`prefix`, `kind`, `renewedAt`
 * are ignored: the kind is read from the ID), any other key is `unknown-field`.
 */
export const UsageCardSchema = /* @__PURE__ */ pure(() =>
  z.strictObject({
    id: z.string().check(z.maxLength(256)),
    status: CardStatusSchema,
    /** Last valid day, inclusive, on the Helsinki calendar. */
    validUntil: CalendarDateSchema,
    /** Registered under-18 children/grandchildren in the household (what the venue goes by). */
    minors: wholeNumber(0, 100),
    // The API's `CardRecord` as it is: these are read from the ID or not needed, but they are no mistake.
    prefix: z.optional(z.string()),
    kind: z.optional(z.string()),
    renewedAt: z.optional(z.string()),
  }),
);
/** The card record part the rules need. */
export type UsageCard = z.infer<typeof UsageCardSchema>;

/** A community card's company: members aged 16+ (each with their own card) and clients under 16. */
export const UsageGroupSchema = /* @__PURE__ */ pure(() =>
  z.strictObject({
    memberCardIds: z._default(z.array(z.string().check(z.maxLength(256))).check(z.maxLength(1000)), []),
    under16Clients: z._default(wholeNumber(0, 1000), 0),
  }),
);
/** A community card's company (input form). */
export type UsageGroupInput = z.input<typeof UsageGroupSchema>;

/** The request: booking or collection, child tickets, and a community card's group. */
export const TicketRequestSchema = /* @__PURE__ */ pure(() =>
  z.strictObject({
    mode: UsageModeSchema,
    childTickets: z._default(wholeNumber(0, 1000), 0),
    group: z.optional(UsageGroupSchema),
    /** A collection: what its booking already counts in `event.ticketsGiven` (its `countedAgainstCap`); else 0. */
    alreadyCounted: z._default(wholeNumber(0, 1_000_000), 0),
  }),
);
/** The request (input form). */
export type TicketRequestInput = z.input<typeof TicketRequestSchema>;

/**
 * A terminal's name as the clerk sees it (`Kassa 2`): letters, digits and a few marks, 1–40 characters, no run of
 * four digits (so never a card ID). Never personal data.
 */
export const TerminalNameSchema = /* @__PURE__ */ pure(() =>
  z.string().check(z.minLength(1), z.maxLength(40), z.regex(TERMINAL_NAME)),
);

/** One of the card's earlier, non-voided usages for the same show: its mode, when and where it was registered. */
export const EarlierUsageSchema = /* @__PURE__ */ pure(() =>
  z.strictObject({ mode: UsageModeSchema, at: InstantSchema, terminal: z.optional(TerminalNameSchema) }),
);
/** One of the card's earlier usages for the show. */
export type EarlierUsage = z.infer<typeof EarlierUsageSchema>;

/** Everything `decideUsage` decides on, except the policy (passed as an object or a version string). */
export const DecideUsageInputSchema = /* @__PURE__ */ pure(() =>
  z.strictObject({
    card: UsageCardSchema,
    event: UsageEventSchema,
    request: TicketRequestSchema,
    now: InstantSchema,
    /** The card's non-voided usages for this show (what "already used" is decided on); none by default. */
    earlierUsages: z._default(z.array(EarlierUsageSchema).check(z.maxLength(1000)), []),
  }),
);
/** `decideUsage`'s data input, parsed. */
export type DecideUsageData = z.infer<typeof DecideUsageInputSchema>;
