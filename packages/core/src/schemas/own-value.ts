/**
 * A record's entry for a name that came from outside — a JSON key, a command-line flag, an attribute, a server's
 * code — or `undefined`: only the record's own entries count, never what every object inherits
 * (`constructor`, `toString`, `hasOwnProperty`, `__proto__`). Every look-up by an untrusted name goes through it.
 *
 * @example
 * ownValue({ cap: ['seats'] }, 'constructor'); // undefined (a plain `obj[name]` gives the `Object` function)
 */
export function ownValue<V>(record: Readonly<Record<string, V>>, name: string): V | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}
