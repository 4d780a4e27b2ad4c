// Broken: show IDs are compared case-insensitively (a NOCASE collation): `Show-A` and `show-a` are one show.
import { isBatch, isTally, isUsagePost, pathOf, proxied } from '../lib.mjs';
export default proxied('brk-show-id-casefold', 'broken', 'plain IDs: a show ID is compared exactly.', {
  request(req) {
    const lower = (u) => typeof u?.show?.id === 'string' && (u.show.id = u.show.id.toLowerCase());
    if (isUsagePost(req)) lower(req.json);
    if (isBatch(req) && Array.isArray(req.json?.items)) req.json.items.forEach((it) => lower(it?.usage));
    if (isTally(req)) req.path = pathOf(req).toLowerCase() + req.path.slice(pathOf(req).length);
    req.jsonChanged = req.json !== undefined;
  },
});
