/** Validation issues as a stable problem per field (and the field a misspelt key meant): paths, never values. */
import { closestName } from './closest-name.js';
import { ownValue } from './own-value.js';

/** The problems a field can have. Stable: programs may match on them (their texts: `PROBLEMS` in messages/rules.ts). */
export type InputProblem =
  | 'unknown-field'
  | 'missing'
  | 'wrong-type'
  | 'not-whole'
  | 'too-small'
  | 'too-large'
  | 'bad-format'
  | 'not-allowed'
  | 'collection-only'
  | 'unreadable'
  | 'invalid';

/**
 * One field's problem: `path` is dotted (`event.ticketsGiven`, `group.memberCardIds.0`); `suggestion` is the
 * known field an unknown one probably meant.
 */
export type FieldIssue = {
  readonly path: string;
  readonly problem: InputProblem;
  readonly suggestion?: string;
};

/** The parts of a zod issue read here (never `input`'s value, only whether it was there). */
type IssueLike = {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly keys?: readonly string[];
  readonly expected?: unknown;
};

/** Old names, or another surface's names for the same thing: suggested first where the target is known. */
const OTHER_NAMES: Readonly<Record<string, readonly string[]>> = {
  countedInTally: ['alreadyCounted'],
  children: ['childTickets'],
  childTickets: ['children'],
  show: ['event'],
  event: ['show'],
  capacity: ['seats'],
  seats: ['capacity'],
  policyVersion: ['policy'],
  policy: ['policyVersion'],
  groupCardIds: ['memberCardIds'],
  members: ['memberCardIds'],
  under16: ['under16Clients'],
  url: ['baseUrl'],
  token: ['getToken'],
  retries: ['retry'],
  timeout: ['timeoutMs'],
};

const MAX_ISSUES = 10;

/**
 * Zod issues as field issues (at most ten), unknown fields first, each with a suggestion among the keys `schema`
 * (and `extraKeys`, at the top) knows there. With `input`, an absent field is `missing`, not `wrong-type`.
 *
 * @example
 * toFieldIssues(result.error.issues, DecideUsageInputSchema); // [{ path: 'event.given', problem: 'unknown-field', suggestion: 'ticketsGiven' }]
 */
export function toFieldIssues(
  issues: readonly IssueLike[],
  schema?: unknown,
  extraKeys: readonly string[] = [],
  input?: unknown,
): FieldIssue[] {
  const out: FieldIssue[] = [];
  // Unknown fields first: a misspelt name also makes the field it meant missing, and the name explains both.
  const ordered = [...issues].sort(
    (a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'),
  );
  for (const issue of ordered) {
    if (issue.code === 'unrecognized_keys') {
      const known = [...keysAt(schema, issue.path), ...(issue.path.length === 0 ? extraKeys : [])];
      for (const key of issue.keys ?? []) {
        const path = joinPath([...issue.path, key]);
        const suggestion = suggestField(key, known);
        out.push({ path, problem: 'unknown-field', ...(suggestion ? { suggestion } : {}) });
      }
    } else {
      const absent = input !== undefined && issue.path.length > 0 && !isPresent(input, issue.path);
      out.push({ path: joinPath(issue.path), problem: absent ? 'missing' : problemOf(issue) });
    }
  }
  return out.slice(0, MAX_ISSUES);
}

/**
 * The known field an unknown name probably meant: another name for it, else `closestName`'s (`given` →
 * `ticketsGiven`), else one within a typo per three letters; `undefined` when none is close.
 *
 * @example
 * suggestField('Cap', ['cap', 'seats']); // 'cap'
 */
export function suggestField(name: string, known: readonly string[]): string | undefined {
  const close = ownValue(OTHER_NAMES, name)?.find((k) => known.includes(k)) ?? closestName(name, known);
  if (close) return close;
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: { key: string; distance: number } | undefined;
  for (const key of known) {
    const distance = editDistance(name.toLowerCase(), key.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { key, distance };
  }
  return best?.key;
}

/** Whether the input has a value at `path` (its presence only; the value is never read into a message). */
function isPresent(input: unknown, path: readonly PropertyKey[]): boolean {
  let current = input;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return false;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current !== undefined;
}

/** zod's issue codes as the problems a field can have (an `invalid_type` of an integer is `not-whole`). */
const PROBLEMS: Readonly<Record<string, InputProblem>> = {
  too_small: 'too-small',
  too_big: 'too-large',
  invalid_format: 'bad-format',
  invalid_value: 'not-allowed',
  invalid_union: 'not-allowed',
  not_multiple_of: 'not-whole',
};

function problemOf(issue: IssueLike): InputProblem {
  if (issue.code === 'invalid_type') return issue.expected === 'int' ? 'not-whole' : 'wrong-type';
  return ownValue(PROBLEMS, issue.code) ?? 'invalid';
}

function joinPath(path: readonly PropertyKey[]): string {
  return path.length > 0 ? path.map((p) => String(p)).join('.') : '(input)';
}

type Def = {
  readonly type?: string;
  readonly shape?: Readonly<Record<string, unknown>>;
  readonly innerType?: unknown;
  readonly element?: unknown;
  readonly in?: unknown;
};

function defOf(schema: unknown): Def | undefined {
  return (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;
}

/** The object keys a schema knows at `path` (through optional, default, nullable and array wrappers). */
function keysAt(schema: unknown, path: readonly PropertyKey[]): string[] {
  let current = unwrap(schema);
  for (const segment of path) {
    const def = defOf(current);
    if (def?.type === 'object' && def.shape) current = unwrap(def.shape[String(segment)]);
    else if (def?.type === 'array') current = unwrap(def.element);
    else return [];
  }
  const def = defOf(current);
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function unwrap(schema: unknown): unknown {
  let current = schema;
  for (let i = 0; i < 10; i++) {
    const def = defOf(current);
    if (!def) return current;
    if (def.innerType !== undefined) current = def.innerType;
    else if (def.type === 'pipe' && def.in !== undefined) current = def.in;
    else return current;
  }
  return current;
}

/** Levenshtein distance (short field names only: quadratic is fine). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (previous[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length] as number;
}
