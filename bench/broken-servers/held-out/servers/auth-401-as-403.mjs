// Answers an unknown token with `403 forbidden` (a gateway that treats "not allowed" and "not known" alike).
import { problem, proxied } from '../lib.mjs';
export default proxied(
  'auth-401-as-403',
  'broken',
  'No or a wrong bearer token is `401 unauthorized` with `WWW-Authenticate: Bearer`.',
  {
    response(req, res) {
      if (res.status === 401) return problem(403, 'forbidden', { detail: 'Access denied.' });
    },
  },
);
