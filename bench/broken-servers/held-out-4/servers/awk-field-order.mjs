// Legal: every JSON object is written with its members in reverse order (JSON objects are unordered).
import { proxied } from '../lib.mjs';
const reverse = (v) =>
  Array.isArray(v)
    ? v.map(reverse)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .reverse()
            .map(([k, x]) => [k, reverse(x)]),
        )
      : v;
export default proxied('awk-field-order', 'awkward', 'Legal: member order is not part of JSON.', {
  response(req, res) {
    if (res.json === undefined) return;
    res.json = reverse(res.json);
    res.jsonChanged = true;
  },
});
