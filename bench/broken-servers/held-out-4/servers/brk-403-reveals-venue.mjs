// Broken: the usage list of a venue that does not exist is `404 not-found`; only an existing other venue gets `403`.
import { isUsages, pathOf, problem, proxied } from '../lib.mjs';
const KNOWN = new Set(['teatteri-hilla', 'kulttuuritalo-kaiku']);
export default proxied(
  'brk-403-reveals-venue',
  'broken',
  'a `403` is the same whether the other venue exists or not.',
  {
    request(req) {
      if (isUsages(req) && !KNOWN.has(decodeURIComponent(pathOf(req).split('/')[3])))
        return problem(404, 'not-found');
    },
  },
);
