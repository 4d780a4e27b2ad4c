/** Time values that come from outside: instants with an explicit offset, calendar dates, windows. */
import * as z from 'zod/mini';
import { isoDate, isoDateTime, pure, wholeNumber } from './schema-parts.js';

/**
 * An instant: a `Date` or an ISO 8601 date-time **with** an offset (a local time without one is ambiguous).
 *
 * @example
 * InstantSchema.parse('2026-03-01T18:00:00+02:00');
 */
export const InstantSchema = /* @__PURE__ */ pure(() => z.union([z.date(), isoDateTime()]));
/**
 * An instant as accepted from outside.
 *
 * @example
 * const start: Instant = '2026-03-01T18:00:00+02:00';
 */
export type Instant = z.infer<typeof InstantSchema>;

/**
 * A calendar date `YYYY-MM-DD` (e.g. a card's last valid day, Helsinki calendar).
 *
 * @example
 * CalendarDateSchema.parse('2026-01-09');
 */
export const CalendarDateSchema = /* @__PURE__ */ pure(() => isoDate());

const count = () => z.optional(wholeNumber(-1200, 1200));

/**
 * A calendar offset: months and days move the Helsinki wall clock, hours and minutes are elapsed time.
 *
 * @example
 * CalendarDurationSchema.parse({ months: 1 });
 */
export const CalendarDurationSchema = /* @__PURE__ */ pure(() =>
  z.object({
    months: count(),
    days: count(),
    hours: count(),
    minutes: count(),
  }),
);
/** A calendar offset, e.g. `{ months: 1 }`. */
export type CalendarDurationInput = z.infer<typeof CalendarDurationSchema>;

/**
 * When something (booking, collection) is possible: absolute bounds and/or bounds relative to the start.
 * Every bound given applies. `opensBeforeStart: { months: 1 }` = "booking opens one month before";
 * `opensBeforeStart: { minutes: 30 }` = "tickets are collected from 30 minutes before". Negative
 * durations mean after the start.
 *
 * @example
 * TimeWindowSchema.parse({ opensBeforeStart: { minutes: 30 } });
 */
export const TimeWindowSchema = /* @__PURE__ */ pure(() =>
  z.object({
    opensAt: z.optional(InstantSchema),
    closesAt: z.optional(InstantSchema),
    opensBeforeStart: z.optional(CalendarDurationSchema),
    closesBeforeStart: z.optional(CalendarDurationSchema),
  }),
);
/**
 * A booking or collection window.
 *
 * @example
 * const booking: TimeWindow = { opensBeforeStart: { months: 1 } };
 */
export type TimeWindow = z.infer<typeof TimeWindowSchema>;
