// Show starts stored in a `timestamp without time zone` column as Helsinki wall time, read back as UTC: 2–3 h off.
import { helsinkiOffset, proxied } from '../lib/define.mjs';
export default proxied(
  'list-start-shifted',
  'broken',
  'A listed usage (`UsageRecord`, from `listUsages`) is the request as recorded plus `usageId`, `registeredAt`, (...)',
  {
    response(req, res) {
      if (req.method !== 'GET' || !/^\/v1\/venues\/[^/]+\/usages/.test(req.path) || !res.json?.items) return;
      for (const i of res.json.items)
        if (i.show?.start)
          i.show.start = `${helsinkiOffset(new Date(i.show.start).toISOString()).local.slice(0, 19)}Z`;
      res.jsonChanged = true;
    },
  },
);
