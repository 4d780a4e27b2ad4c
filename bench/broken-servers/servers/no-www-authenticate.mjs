// 401 answers without the WWW-Authenticate challenge (stripped by the API gateway).
import { proxied } from '../lib/define.mjs';
export default proxied(
  'no-www-authenticate',
  'broken',
  '401 `unauthorized`: no or wrong bearer token (`WWW-Authenticate: Bearer`)',
  {
    response(req, res) {
      delete res.headers['www-authenticate'];
    },
  },
);
