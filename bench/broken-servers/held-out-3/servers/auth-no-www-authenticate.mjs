// A gateway that rewrites error answers drops the `WWW-Authenticate` challenge of a 401.
import { proxied } from '../lib.mjs';
export default proxied('auth-no-www-authenticate', 'broken', 'auth: a 401 carries `WWW-Authenticate`.', {
  response(req, res) {
    if (res.status === 401) delete res.headers['www-authenticate'];
  },
});
