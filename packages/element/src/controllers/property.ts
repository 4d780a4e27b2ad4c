import type { PropertyDeclaration, PropertyValues, ReactiveElement } from 'lit';

/** What a property's change sets going again: `services` rebuilds them, `check` checks the settings again, `tally`
 * fetches the show's tally again. */
export type Affected = 'services' | 'check' | 'tally';

/** lit's property options, plus what a change of the property affects (`{ check: true }`). */
type Declaration = PropertyDeclaration & { readonly [A in Affected]?: true };

/**
 * lit's `@property` on a field (its legacy form, all the element needs). The attribute is the name in kebab-case
 * (`showCap` ↔ `show-cap`) unless `attribute: false`; what a change affects is kept with the options, so the lists
 * of property names are derived from it.
 */
export const property =
  (options: Declaration = {}) =>
  (proto: ReactiveElement, name: string): void =>
    (proto.constructor as typeof ReactiveElement).createProperty(name, {
      attribute: name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()),
      ...options,
    });

/** The properties of `host` whose change affects `what`. */
export const affecting = (host: ReactiveElement, what: Affected): PropertyKey[] =>
  [...(host.constructor as typeof ReactiveElement).elementProperties]
    .filter(([, d]) => (d as Declaration)[what])
    .map(([k]) => k);

/** Whether `changed` holds a property of `host` whose change affects `what`. */
export const affects = (host: ReactiveElement, changed: PropertyValues, what: Affected): boolean =>
  affecting(host, what).some((k) => changed.has(k));
