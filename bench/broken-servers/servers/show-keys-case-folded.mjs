// Member names matched case-insensitively (a lenient deserializer): `show.Cap` is read as `cap`.
import { proxied } from '../lib/define.mjs';
const KNOWN = ['id', 'name', 'start', 'kind', 'seats', 'cap'];
function fold(show) {
  if (!show || typeof show !== 'object') return false;
  let changed = false;
  for (const k of Object.keys(show)) {
    const known = KNOWN.find((n) => n.toLowerCase() === k.toLowerCase());
    if (known && known !== k) {
      show[known] ??= show[k];
      delete show[k];
      changed = true;
    }
  }
  return changed;
}
export default proxied(
  'show-keys-case-folded',
  'broken',
  'A show sent with `"Cap": 1` is refused, not stored uncapped (Nothing sent is silently dropped: every request body (...) refuses a key it does not know, naming it)',
  {
    request(req) {
      if (req.method !== 'POST' || !req.path.startsWith('/v1/usages') || !req.json) return;
      const changed = [fold(req.json.show), ...(req.json.items ?? []).map((i) => fold(i?.usage?.show))].some(
        Boolean,
      );
      if (changed) req.body = Buffer.from(JSON.stringify(req.json));
    },
  },
);
