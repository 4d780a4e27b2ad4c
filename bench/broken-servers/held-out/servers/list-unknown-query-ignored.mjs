// Drops query parameters it does not know (`?venue=`, `?state=`, `?frm=`) and answers as if they were not sent.
import { isUsages, proxied } from '../lib.mjs';
const KNOWN = ['from', 'to', 'cursor', 'limit'];
export default proxied(
  'list-unknown-query-ignored',
  'broken',
  'Unknown or repeated query parameters are `400 invalid-request`, named in `issues`.',
  {
    request(req) {
      if (!isUsages(req)) return;
      const url = new URL(req.path, 'http://x');
      const kept = new URLSearchParams();
      for (const k of KNOWN) if (url.searchParams.has(k)) kept.set(k, url.searchParams.getAll(k).at(-1));
      req.path = `${url.pathname}?${kept}`;
    },
  },
);
