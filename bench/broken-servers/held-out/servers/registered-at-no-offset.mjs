// Writes `registeredAt` as Helsinki wall-clock time without an offset (a database DATETIME column).
import { helsinkiOffset, walk } from '../../lib/define.mjs';
import { proxied } from '../lib.mjs';
export default proxied(
  'registered-at-no-offset',
  'broken',
  '`registeredAt` is an ISO date-time with offset (`Z` or `±hh:mm`).',
  {
    response(req, res) {
      if (!res.json || res.status >= 400) return;
      walk(res.json, (k, v, parent) => {
        if (k === 'registeredAt' && typeof v === 'string') parent[k] = helsinkiOffset(v).local;
      });
      res.jsonChanged = true;
    },
  },
);
