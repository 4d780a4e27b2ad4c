// Reading another venue's list answers 401 (the vendor's "not your data" is an auth failure).
import { proxied } from '../lib/define.mjs';
export default proxied(
  'other-venue-list-401',
  'broken',
  "403 `forbidden`: the token may not do this (act for another `venueId`, read another venue's list)",
  {
    response(req, res) {
      if (req.method === 'GET' && /^\/v1\/venues\//.test(req.path) && res.status === 403) {
        res.status = 401;
        res.headers['www-authenticate'] = 'Bearer';
        Object.assign(res.json, {
          status: 401,
          code: 'unauthorized',
          type: 'https://kaiku-scanner.dev/problems/unauthorized',
        });
        res.jsonChanged = true;
      }
    },
  },
);
