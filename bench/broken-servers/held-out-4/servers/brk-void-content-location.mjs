// Broken: the void answer points at the usage under its card (`Content-Location: /v1/cards/<id>/usages/<usageId>`).
import { isUsagePost, isVoid, pathOf, proxied } from '../lib.mjs';
const cardOf = new Map();
export default proxied(
  'brk-void-content-location',
  'broken',
  'privacy: no card ID in a void answer header.',
  {
    response(req, res) {
      if (isUsagePost(req) && res.json?.usageId) cardOf.set(res.json.usageId, req.json?.cardId);
      if (isVoid(req) && res.status === 200) {
        const id = decodeURIComponent(pathOf(req).split('/')[3]);
        if (cardOf.has(id)) res.headers['content-location'] = `/v1/cards/${cardOf.get(id)}/usages/${id}`;
      }
    },
  },
);
