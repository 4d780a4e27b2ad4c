// Refuses a wrong method with `405` but does not say which methods the path takes.
import { proxied } from '../lib.mjs';
export default proxied(
  'method-405-no-allow',
  'broken',
  '`405 method-not-allowed`: `Allow` lists the methods.',
  {
    response(req, res) {
      delete res.headers.allow;
    },
  },
);
