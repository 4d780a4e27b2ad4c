// The kit's rule × route table (issue 65): the routes of docs/api.md that carry each rule. The kit reports the
// routes each check reached (`routes`, named by `routeOf`); run-conformance.test.ts fails on a cell that no check
// of the rule reached.
import type { RuleId } from './rules.js';

const ALL = 'health cards/lookup usages usages/batch usages/void venues/usages venues/shows shows/tally';
export const CARRIED = Object.fromEntries(
  [
    ['methods privacy', ALL],
    ['auth problem-json', ALL.replace('health ', '')],
    ['unknown-fields', 'cards/lookup usages usages/batch usages/void venues/usages venues/shows'],
    ['json-media-type', 'cards/lookup usages usages/batch usages/void'],
    ['plain-ids refusal-reasons once-per-show booking-counts key-exact key-scope', 'usages usages/batch'],
    ['idempotency-replay idempotency-refusal', 'usages usages/batch'],
    ['venue-binding', 'usages usages/batch venues/usages'],
    ['across-routes', 'usages usages/batch shows/tally'],
    ['void-owner', 'usages/void'],
    ['void-gives-back', 'usages/void shows/tally'],
    ['usage-state', 'venues/usages'],
    ['agent-named', 'usages venues/usages'],
    ['show-list', 'venues/shows'],
  ].flatMap(([rules, routes]) => rules!.split(' ').map((r) => [r, routes!.split(' ')])),
) as Partial<Record<RuleId, readonly string[]>>;
