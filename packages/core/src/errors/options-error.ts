/** Option bags are checked by name: a misspelt option is refused at the call, never silently left at its default. */
import { KaikuError } from './kaiku-error.js';
import { closestName } from '../schemas/closest-name.js';
import type { FieldIssue } from '../schemas/field-issues.js';

/**
 * Every key of an options type, each `true`: the list an option bag is checked against. Written as a record so
 * a key missing from it (or one that is not an option) is a compile error.
 */
export type OptionKeys<T> = { readonly [K in keyof Required<T>]: true };

/** The space-separated words of `S`. */
type Words<S extends string> = S extends `${infer A} ${infer B}` ? A | Words<B> : S;
/** The options of `T` that `S` leaves out, and its words that are no option of `T`. */
type Wrong<T, S extends string> = Exclude<keyof Required<T>, Words<S>> | Exclude<Words<S>, keyof T>;

/**
 * `OptionKeys<T>` from its names, space-separated: a name missing or not an option of `T` is a compile error naming
 * it (`… & { missingOrUnknown: "fetch" }`).
 */
export const optionKeys =
  <T>() =>
  <S extends string>(
    names: S & ([Wrong<T, S>] extends [never] ? unknown : { missingOrUnknown: Wrong<T, S> }),
  ) =>
    Object.fromEntries(names.split(' ').map((name) => [name, true])) as OptionKeys<T>;

/**
 * An option the function does not know (`unknown-field`): `params.path` (dotted, `retry.limt`), `suggestion` and
 * `where`; `issues` lists every one. Thrown at the call, like a `TypeError`: never depends on the data.
 *
 * @example
 * try { createApiClient({ baseURL: url, getToken }); }
 * catch (e) { if (e instanceof OptionsError) e.params.suggestion; } // 'baseUrl'
 */
export class OptionsError extends KaikuError {
  /** Always `unknown-field`. */
  declare readonly code: 'unknown-field';
  /** The first unknown option (`path`), the option it probably meant, and the function that refused it. */
  declare readonly params: { readonly path: string; readonly suggestion?: string; readonly where: string };
  /** Every unknown option, each with its suggestion. */
  readonly issues: readonly FieldIssue[];

  constructor(where: string, issues: readonly FieldIssue[]) {
    const { path, suggestion } = issues[0]!;
    // English inline (`localize` renders fi/sv/en): the registry here would bloat `parseCardId`'s bundle.
    super(
      'unknown-field',
      `${where}: \`${path}\` is not an option${suggestion ? `; did you mean \`${suggestion}\`?` : '.'}`,
      { params: suggestion ? { path, suggestion, where } : { path, where } },
    );
    this.name = 'OptionsError';
    this.issues = issues;
  }
}

/**
 * Throws an `OptionsError` when `options` has a key not in `known` (nested bags with `prefix`, `retry.`), even
 * one whose value is `undefined`: a misspelt name is wrong whatever its value.
 */
export function checkOptions<T>(
  where: string,
  options: T | undefined,
  known: OptionKeys<T> | Readonly<Record<string, unknown>>,
  prefix = '',
): void {
  if (typeof options !== 'object' || options === null) return;
  const issues: FieldIssue[] = [];
  for (const key of Object.keys(options)) {
    if (!Object.hasOwn(known, key)) {
      const suggestion = closestName(key, Object.keys(known));
      issues.push({ path: prefix + key, problem: 'unknown-field', suggestion } as FieldIssue);
    }
  }
  if (issues.length > 0) throw new OptionsError(where, issues);
}
