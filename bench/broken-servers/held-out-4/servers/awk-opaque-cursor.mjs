// Legal: list cursors are opaque server-side handles (random, 43 characters), not the position itself.
import { randomBytes } from 'node:crypto';
import { isUsages, proxied } from '../lib.mjs';
const handles = new Map();
export default proxied('awk-opaque-cursor', 'awkward', 'Legal: a cursor is opaque; any form is fine.', {
  request(req) {
    if (!isUsages(req)) return;
    const url = new URL(req.path, 'http://x');
    const c = url.searchParams.get('cursor');
    if (c && handles.has(c)) {
      url.searchParams.set('cursor', handles.get(c));
      req.path = url.pathname + url.search;
    }
  },
  response(req, res) {
    if (!isUsages(req) || !res.json?.nextCursor) return;
    const h = randomBytes(32).toString('base64url');
    handles.set(h, res.json.nextCursor);
    res.json.nextCursor = h;
    res.jsonChanged = true;
  },
});
