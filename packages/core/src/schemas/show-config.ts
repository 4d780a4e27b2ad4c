/** A show or course as the venue configures it, and its state at decision time. */
import * as z from 'zod/mini';
import { ShowKindSchema } from './api-enums.js';
import { InstantSchema, TimeWindowSchema } from './instant.js';
import { plainId, pure, text, wholeNumber } from './schema-parts.js';

const whole = () => wholeNumber(0, 1_000_000);

/**
 * A show's or course's settings (field names as in the API's `Show`: `kind`, `start`, `seats`, `cap`).
 * `cap` absent or `null` = no cap.
 *
 * @example
 * ShowConfigSchema.parse({ name: 'Taikuri Matti', kind: 'show', start: '2026-02-03T18:00:00+02:00', seats: 120, cap: 6 });
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
/**
 * A show's or course's settings.
 *
 * @example
 * const show: ShowConfig = ShowConfigSchema.parse(json);
 */
export type ShowConfig = z.infer<typeof ShowConfigSchema>;

/**
 * A show at decision time: its settings plus the card-holder tickets given so far (all terminals).
 *
 * @example
 * UsageEventSchema.parse({ kind: 'course', start: '2026-09-01T17:00:00+03:00', cap: 2, ticketsGiven: 1 });
 */
export const UsageEventSchema = /* @__PURE__ */ pure(() =>
  // The settings' own schemas, spread: `z.extend` would cost ~1 KB of zod code.
  z.strictObject({ ...ShowConfigSchema.shape, ticketsGiven: z._default(whole(), 0) }),
);
/**
 * A show at decision time (input form: `ticketsGiven` may be left out).
 *
 * @example
 * const event: UsageEventInput = { kind: 'show', start: '2026-03-01T18:00:00+02:00', cap: 6, ticketsGiven: 2 };
 */
export type UsageEventInput = z.input<typeof UsageEventSchema>;
