// Offset paging over the base sandbox's list (as `../lib/list.mjs`), refusing nothing the base would not: a query
// with other parameters, a repeated one or a bad limit or cursor goes to the base unchanged (which refuses it).
import { fetchAll } from '../lib/list.mjs';

export function offsetPagingStrict(
  order,
  { size = (limit) => limit, more = (end, total) => end < total } = {},
) {
  return async (req) => {
    const url = new URL(req.path, 'http://x');
    const names = [...url.searchParams.keys()];
    if (
      names.some((n) => !['from', 'to', 'cursor', 'limit'].includes(n)) ||
      new Set(names).size !== names.length
    )
      return;
    const { from, to, cursor } = Object.fromEntries(url.searchParams);
    const limitText = url.searchParams.get('limit') ?? '100';
    const limit = Number(limitText);
    if (
      !from ||
      !to ||
      !/^\d+$/.test(limitText) ||
      limit < 1 ||
      limit > 1000 ||
      (cursor && !/^o\d+$/.test(cursor))
    )
      return;
    const all = await fetchAll(req, from, to);
    if (all.status) return;
    const items = order(all.items);
    const offset = cursor ? Number(cursor.slice(1)) : 0;
    const end = offset + size(limit);
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      json: { items: items.slice(offset, end), nextCursor: more(end, items.length) ? `o${end}` : null },
      jsonChanged: true,
    };
  };
}
