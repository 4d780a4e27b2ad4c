// Broken: `childTickets: null` is read as 0 (an ORM's NULL default) instead of refused.
import { isBatch, isUsagePost, proxied } from '../lib.mjs';
export default proxied(
  'brk-children-null',
  'broken',
  'schema: `childTickets` is a whole number; null is refused.',
  {
    request(req) {
      const us = isUsagePost(req)
        ? [req.json]
        : isBatch(req)
          ? (req.json?.items ?? []).map((i) => i?.usage)
          : [];
      for (const u of us) if (u && u.childTickets === null) u.childTickets = 0;
      req.jsonChanged = true;
    },
  },
);
