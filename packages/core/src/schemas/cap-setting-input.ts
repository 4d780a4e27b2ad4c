/** What `checkCapSetting` takes from outside. */
import * as z from 'zod/mini';
import { ShowKindSchema } from './api-enums.js';
import { pure, wholeNumber } from './schema-parts.js';

/**
 * A venue's proposed cap: tickets for card holders per show (per day for a swimming hall), the show's
 * capacity (seats, places, or people a day), its kind, and whether a visiting producer sets it.
 *
 * @example
 * CapSettingInputSchema.parse({ capacity: 400, cap: 12, kind: 'show' });
 */
export const CapSettingInputSchema = /* @__PURE__ */ pure(() =>
  z.strictObject({
    capacity: wholeNumber(0, 10_000_000),
    cap: wholeNumber(0, 10_000_000),
    kind: ShowKindSchema,
    visitingProducer: z.optional(z.boolean()),
  }),
);
/**
 * A proposed cap setting.
 *
 * @example
 * const data: CapSettingData = CapSettingInputSchema.parse(form);
 */
export type CapSettingData = z.infer<typeof CapSettingInputSchema>;
