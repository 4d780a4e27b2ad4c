// Broken: another venue's void is 403, but the problem says whose usage it is and for which show.
import { isUsagePost, isVoid, pathOf, proxied } from '../lib.mjs';
const usages = new Map();
export default proxied('brk-void-403-leaks', 'broken', 'void: the 403 body holds nothing of the usage.', {
  response(req, res) {
    if (isUsagePost(req) && res.json?.usageId) usages.set(res.json.usageId, req.json);
    const id = decodeURIComponent(pathOf(req).split('/')[3] ?? '');
    if (isVoid(req) && res.status === 403 && usages.has(id) && res.json) {
      const u = usages.get(id);
      res.json.detail = `Usage ${id} belongs to ${u.venueId} (show ${u.show.id}).`;
      res.jsonChanged = true;
    }
  },
});
