// A tiny raw client for the probes: no SDK, so nothing smooths over what the server says.
import { randomUUID } from 'node:crypto';
import { VENUE } from './base.mjs';

export const CARDS = [
  'A045198723',
  'A999005458',
  'A999005429',
  'A999005461',
  'A999005422',
  'AM12345678',
  'X000011986',
  'X000011656',
];

export function client(baseUrl, token) {
  async function call(method, path, { body, key, raw, headers = {}, tok = token } = {}) {
    for (let attempt = 0; ; attempt++) {
      const h = { ...headers };
      if (tok) h.authorization = `Bearer ${tok}`;
      if (key) h['idempotency-key'] = key;
      if (body !== undefined && !h['content-type']) h['content-type'] = 'application/json';
      const r = await fetch(new URL(path.replace(/^\//, ''), baseUrl), {
        method,
        headers: h,
        body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
        redirect: 'manual',
      });
      const text = await r.text();
      let json;
      try {
        json = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      const res = { status: r.status, headers: Object.fromEntries(r.headers), text, json };
      // A polite client waits out a 503/429 that asks for it (legal for a server to send).
      if ((r.status === 503 || r.status === 429) && r.headers.get('retry-after') && attempt < 5) {
        await new Promise((ok) => setTimeout(ok, 1000 * Number(r.headers.get('retry-after'))));
        continue;
      }
      return res;
    }
  }
  return {
    call,
    lookup: (cardId, o) => call('POST', 'v1/cards/lookup', { body: { cardId }, ...o }),
    register: (usage, key = randomUUID(), o) => call('POST', 'v1/usages', { body: usage, key, ...o }),
    void: (id, o) => call('POST', `v1/usages/${encodeURIComponent(id)}/void`, { body: {}, ...o }),
    tally: (showId, o) => call('GET', `v1/shows/${encodeURIComponent(showId)}/tally`, o),
    list: (venue, q, o) => call('GET', `v1/venues/${venue}/usages?${new URLSearchParams(q)}`, o),
    batch: (items, o) => call('POST', 'v1/usages/batch', { body: { items }, ...o }),
  };
}

let n = 0;
/** A show of the probe's own, `days` ahead (a fractional day = hours), Helsinki evening. */
export function show({ days = 14, cap, start } = {}) {
  const id = `probe-${Date.now().toString(36)}-${++n}`;
  const at = start ?? new Date(Date.now() + days * 86_400_000).toISOString();
  return { id, name: `Probe ${n}`, start: at, kind: 'show', ...(cap === undefined ? {} : { cap }) };
}

export const usage = (s, cardId, extra = {}) => ({
  venueId: VENUE,
  show: s,
  cardId,
  childTickets: 0,
  channel: 'box-office',
  mode: 'booking',
  clientTime: new Date().toISOString(),
  ...extra,
});
