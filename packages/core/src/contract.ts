/**
 * `@kaiku-scanner/core/contract`: the Kaikukanta contract for servers and tools — every zod schema of the API and
 * the rules' inputs, `makeProblem`, the OpenAPI document, and the helpers that refuse bad input by name. A terminal
 * imports only its types.
 *
 * @example
 * import { UsageRequestSchema, makeProblem } from '@kaiku-scanner/core/contract';
 * const usage = UsageRequestSchema.safeParse(body);
 * if (!usage.success) return makeProblem(400, 'invalid-request', 'Invalid request');
 *
 * @packageDocumentation
 */
// Every schema, type and constant of the wire format (schemas/api-*.ts).
export * from './schemas/api.js';
export { buildOpenApiDocument } from './schemas/api-openapi.js';
export {
  CalendarDateSchema,
  CalendarDurationSchema,
  CapSettingInputSchema,
  InstantSchema,
  ShowConfigSchema,
  TimeWindowSchema,
  UsageEventSchema,
} from './schemas/show-config.js';
export type { Instant, ShowConfig, TimeWindow, UsageEventInput } from './schemas/show-config.js';
export {
  DecideUsageInputSchema,
  EarlierUsageSchema,
  TerminalNameSchema,
  TicketRequestSchema,
  UsageCardSchema,
  UsageGroupSchema,
} from './schemas/usage-input.js';
export type { EarlierUsage, TicketRequestInput, UsageCard, UsageGroupInput } from './schemas/usage-input.js';
// Refusing bad input by name, as the SDK does: zod issues → `{ path, problem, suggestion }` → a reason with text.
export { suggestField, toFieldIssues, type FieldIssue, type InputProblem } from './schemas/field-issues.js';
export { ownValue } from './schemas/own-value.js';
export { UNSAFE, visibleText } from './schemas/visible-text.js';
export { fieldIssueToReason } from './rules/rules-input.js';
export { checkOptions, optionKeys, type OptionKeys } from './errors/options-error.js';
export { helsinkiDate } from './rules/helsinki-time.js';
export { helsinkiIso } from './reports/usage-from-row.js';
