// The `group` object is mapped to a DTO field by field: what it does not know is left behind silently.
import { isBatch, isUsagePost, proxied } from '../lib.mjs';
const clean = (u) => {
  const g = u?.group;
  if (!g || typeof g !== 'object') return;
  for (const k of Object.keys(g)) if (k !== 'memberCardIds' && k !== 'under16Clients') delete g[k];
};
export default proxied(
  'group-extra-field-dropped',
  'broken',
  'unknown-fields: an unknown key in `group` is refused, naming it.',
  {
    request(req) {
      if (isUsagePost(req)) clean(req.json);
      else if (isBatch(req)) req.json?.items?.forEach((i) => clean(i?.usage));
      else return;
      req.jsonChanged = true;
    },
  },
);
