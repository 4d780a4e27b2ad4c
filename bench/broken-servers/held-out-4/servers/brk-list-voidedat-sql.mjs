// Broken: the usage list writes `voidedAt` as the SQL column text (`2026-11-26 10:00:00`, UTC, no offset).
import { isUsages, proxied } from '../lib.mjs';
export default proxied('brk-list-voidedat-sql', 'broken', 'instants carry an offset (listed `voidedAt`).', {
  response(req, res) {
    if (!isUsages(req) || !Array.isArray(res.json?.items)) return;
    for (const it of res.json.items)
      if (it.voidedAt) it.voidedAt = it.voidedAt.replace('T', ' ').replace(/\.\d+Z$/, '');
    res.jsonChanged = true;
  },
});
