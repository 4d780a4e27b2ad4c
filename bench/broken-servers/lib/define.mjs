// Shorthands for the server files: a proxy in front of the sandbox, or a patched copy of the sandbox.
import { startBase } from './base.mjs';
import { startProxy } from './proxy.mjs';

export const proxied = (name, kind, rule, hooks, baseOptions = {}) => ({
  name,
  kind,
  rule,
  start: (port) => startProxy(port, hooks, { name, ...baseOptions }),
});

export const patched = (name, kind, rule, patches) => ({
  name,
  kind,
  rule,
  start: (port) => startBase({ port, patches, name }),
});

/** The Helsinki calendar day of an instant. */
export const helsinkiDay = (d = new Date()) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(d);

/** An instant written in Helsinki wall-clock time with its offset (the same instant). */
export function helsinkiOffset(iso) {
  const d = new Date(iso);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Helsinki',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const local = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  const offMin = Math.round((Date.parse(`${local}Z`) - Math.floor(d.getTime() / 1000) * 1000) / 60000);
  const sign = offMin >= 0 ? '+' : '-';
  const hh = String(Math.floor(Math.abs(offMin) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offMin) % 60).padStart(2, '0');
  const ms = iso.match(/\.\d+/)?.[0] ?? '';
  return { local: local + ms, withOffset: `${local}${ms}${sign}${hh}:${mm}` };
}

/** Walks a JSON value, calling `fn(key, value, parent)` for every member; returns the value. */
export function walk(value, fn) {
  if (Array.isArray(value)) value.forEach((v) => walk(v, fn));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      fn(k, v, value);
      walk(value[k], fn);
    }
  return value;
}

export const isProblem = (res) => /problem\+json/.test(res.headers['content-type'] ?? '');
export const pathOf = (req) => req.path.split('?')[0];
export { problem, setJson } from './proxy.mjs';

/** Every refusal reason in an answer: a problem's, and each batch item's problem's. */
export const reasonsOf = (json) => [
  ...(json?.reasons ?? []),
  ...(Array.isArray(json?.results) ? json.results.flatMap((r) => r?.problem?.reasons ?? []) : []),
];
