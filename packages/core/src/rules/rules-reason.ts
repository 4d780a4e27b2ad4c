/** The rules' `createReason`: renders from the rules' own table only (see `reasonFactory` in messages/define.ts). */
import { reasonFactory } from '../messages/define.js';
import { rulesMessages } from '../messages/rules.js';

/**
 * `{ code, params, message }` of a rules code, the message in Finnish, Swedish and English.
 *
 * @example
 * createReason('children-on-course', {}).message.sv;
 */
export const createReason = /* @__PURE__ */ reasonFactory(rulesMessages);
