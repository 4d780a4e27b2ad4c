// Shorthands for the fourth batch (written without looking at the kit): every server wraps the sandbox with the
// same options as the probes' reference (`AGENTS`: the kit's venue names the other venue its ticket agent).
import { startBase } from '../lib/base.mjs';
import { startProxy } from '../lib/proxy.mjs';
import { AGENTS } from '../held-out-3/lib.mjs';

export * from '../held-out-3/lib.mjs';
export { offsetPagingStrict } from '../held-out-3/paging.mjs';
export const BASE_OPTIONS = { ...AGENTS };

export const proxied = (name, kind, rule, hooks, options = {}) => ({
  name,
  kind,
  rule,
  start: (port) => startProxy(port, hooks, { name, options: { ...BASE_OPTIONS, ...options } }),
});

export const patched = (name, kind, rule, patches, options = {}) => ({
  name,
  kind,
  rule,
  start: (port) => startBase({ port, patches, name, options: { ...BASE_OPTIONS, ...options } }),
});

/** The JSON body an answer will carry (after any earlier hook changed it). */
export const bodyOf = (res) => res.json;

/** Every string member of a JSON value, rewritten by `fn(key, value)`. */
export function mapStrings(value, fn, key) {
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn, key));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn, k)]));
  return typeof value === 'string' ? fn(key, value) : value;
}

/** A text patch of one sandbox source file (relative to its `src`). */
export const patch = (file, from, to) => ({ file, from, to });
