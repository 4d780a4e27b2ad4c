/** What a venue configures, as the rules take it: instants, dates, windows, a show's settings, a proposed cap. */
import * as z from 'zod/mini';
import { ShowKindSchema } from './api-enums.js';
import { isoDate, isoDateTime, plainId, pure, text, wholeNumber } from './schema-parts.js';

/** An instant: a `Date` or an ISO 8601 date-time **with** an offset (a local time without one is ambiguous). */
export const InstantSchema = /* @__PURE__ */ pure(() => z.union([z.date(), isoDateTime()]));
/** An instant as accepted from outside. */
export type Instant = z.infer<typeof InstantSchema>;

/** A calendar date `YYYY-MM-DD` (e.g. a card's last valid day, Helsinki calendar). */
export const CalendarDateSchema = /* @__PURE__ */ pure(() => isoDate());

const count = () => z.optional(wholeNumber(-1200, 1200));

/** A calendar offset: months and days move the Helsinki wall clock, hours and minutes are elapsed time. */
export const CalendarDurationSchema = /* @__PURE__ */ pure(() =>
  z.object({ months: count(), days: count(), hours: count(), minutes: count() }),
);
/** A calendar offset, e.g. `{ months: 1 }`. */
export type CalendarDurationInput = z.infer<typeof CalendarDurationSchema>;

/**
 * When booking or collection is possible: every bound given applies, absolute or relative to the start
 * (`opensBeforeStart: { months: 1 }`: one month before; a negative duration is after the start).
 */
export const TimeWindowSchema = /* @__PURE__ */ pure(() =>
  z.object({
    opensAt: z.optional(InstantSchema),
    closesAt: z.optional(InstantSchema),
    opensBeforeStart: z.optional(CalendarDurationSchema),
    closesBeforeStart: z.optional(CalendarDurationSchema),
  }),
);
/** A booking or collection window. */
export type TimeWindow = z.infer<typeof TimeWindowSchema>;

const whole = () => wholeNumber(0, 1_000_000);

/**
 * A show's or course's settings (field names as in the API's `Show`: `kind`, `start`, `seats`, `cap`).
 * `cap` absent or `null` = no cap.
 */
export const ShowConfigSchema = /* @__PURE__ */ pure(() =>
  z.strictObject({
    id: z.optional(plainId(128)),
    name: z.optional(text(1, 300)),
    kind: ShowKindSchema,
    start: InstantSchema,
    seats: z.optional(whole()),
    cap: z.optional(z.nullable(whole())),
    visitingProducer: z.optional(z.boolean()),
    bookingWindow: z.optional(TimeWindowSchema),
    collectionWindow: z.optional(TimeWindowSchema),
    /** Operating-model version the venue follows (`'2019'`, `'2020'`, `'2025'`); absent = the newest. */
    policyVersion: z.optional(text(1, 32)),
  }),
);
/** A show's or course's settings. */
export type ShowConfig = z.infer<typeof ShowConfigSchema>;

/** A show at decision time: its settings plus the card-holder tickets given so far (all terminals). */
export const UsageEventSchema = /* @__PURE__ */ pure(() =>
  // The settings' own schemas, spread: `z.extend` would cost ~1 KB of zod code.
  z.strictObject({ ...ShowConfigSchema.shape, ticketsGiven: z._default(whole(), 0) }),
);
/** A show at decision time (input form: `ticketsGiven` may be left out). */
export type UsageEventInput = z.input<typeof UsageEventSchema>;

/**
 * A venue's proposed cap: tickets for card holders per show (per day for a swimming hall), the show's
 * capacity (seats, places, or people a day), its kind, and whether a visiting producer sets it.
 */
export const CapSettingInputSchema = /* @__PURE__ */ pure(() =>
  z.strictObject({
    capacity: wholeNumber(0, 10_000_000),
    cap: wholeNumber(0, 10_000_000),
    kind: ShowKindSchema,
    visitingProducer: z.optional(z.boolean()),
  }),
);
/** A proposed cap setting. */
export type CapSettingData = z.infer<typeof CapSettingInputSchema>;
