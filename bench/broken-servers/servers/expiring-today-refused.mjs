// The validity check compares `validUntil > today`: a card on its last valid day is refused as expired.
import { helsinkiDay, problem, proxied } from '../lib/define.mjs';
export default proxied('expiring-today-refused', 'broken', '`validUntil` (last valid day, inclusive)', {
  async request(req) {
    if (req.method !== 'POST' || req.path !== '/v1/usages' || typeof req.json?.cardId !== 'string') return;
    const card = await req.up({
      method: 'POST',
      path: '/v1/cards/lookup',
      headers: { authorization: req.headers.authorization ?? '', 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify({ cardId: req.json.cardId })),
    });
    const today = helsinkiDay();
    if (card.status === 200 && card.json.validUntil === today)
      return problem(422, 'card-expired', {
        reasons: [{ code: 'card-expired', params: { validUntil: card.json.validUntil, today } }],
      });
  },
});
