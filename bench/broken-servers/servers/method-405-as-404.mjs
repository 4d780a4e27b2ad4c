// The router knows routes by method and path together: a known path with another method is a 404.
import { problem, proxied } from '../lib/define.mjs';
export default proxied(
  'method-405-as-404',
  'broken',
  '405 `method-not-allowed`: the path exists, not for this method; `Allow` lists the methods',
  {
    response(req, res) {
      if (res.status === 405) return problem(404, 'not-found');
    },
  },
);
