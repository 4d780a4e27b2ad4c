/**
 * A record's own entry for a name from outside, or `undefined`: never what every object inherits (`constructor`,
 * `__proto__`). Every look-up by an untrusted name goes through it.
 *
 * @example
 * ownValue({ cap: ['seats'] }, 'constructor'); // undefined (a plain `obj[name]` gives the `Object` function)
 */
export function ownValue<V>(record: Readonly<Record<string, V>>, name: string): V | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}
