// Reads a venue's whole list for a query from the base sandbox (to re-page it the way a vendor would).
export async function fetchAll(req, from, to) {
  const m = /^\/v1\/venues\/([^/]+)\/usages/.exec(req.path);
  const items = [];
  let cursor;
  for (let i = 0; i < 200; i++) {
    const q = new URLSearchParams({ from, to, limit: '1000', ...(cursor ? { cursor } : {}) });
    const r = await req.up({ method: 'GET', path: `/v1/venues/${m[1]}/usages?${q}`, headers: req.headers });
    if (r.status !== 200) return r;
    items.push(...r.json.items);
    if (!(cursor = r.json.nextCursor)) break;
  }
  return { items };
}

/** An offset-paged list handler: `order(items)` sorts, `step(limit)` is how far the next page starts. */
export function offsetPaging(order, step = (limit) => limit) {
  return async (req) => {
    if (req.method !== 'GET' || !/^\/v1\/venues\/[^/]+\/usages$/.test(req.path.split('?')[0])) return;
    const url = new URL(req.path, 'http://x');
    const { from, to } = Object.fromEntries(url.searchParams);
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const cursor = url.searchParams.get('cursor');
    if (!from || !to || !(limit >= 1 && limit <= 1000) || (cursor && !/^\d+$/.test(cursor))) return; // the base refuses it
    const all = await fetchAll(req, from, to);
    if (all.status) return all;
    const items = order(all.items);
    const offset = cursor ? Number(cursor) : 0;
    const page = items.slice(offset, offset + limit);
    const next = offset + step(limit);
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      json: { items: page, nextCursor: offset + limit < items.length ? String(next) : null },
      jsonChanged: true,
    };
  };
}
