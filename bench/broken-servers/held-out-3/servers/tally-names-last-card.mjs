// The tally carries a "last activity" member for the box-office dashboard: the last card registered for the show.
import { isTally, isUsagePost, proxied } from '../lib.mjs';
const last = new Map();
export default proxied('tally-names-last-card', 'broken', 'privacy: a tally names no card ID.', {
  response(req, res) {
    if (isUsagePost(req) && res.status === 201) last.set(req.json.show.id, req.json.cardId);
    if (isTally(req) && res.status === 200) {
      const id = decodeURIComponent(req.path.split('/')[3]);
      if (last.has(id)) {
        res.json.lastActivity = { cardId: last.get(id), at: res.json.updatedAt };
        res.jsonChanged = true;
      }
    }
  },
});
