// JSON written by another serialiser: members in reverse order, pretty-printed, charset in the media type.
import { proxied } from '../lib/define.mjs';
const reorder = (v) =>
  Array.isArray(v)
    ? v.map(reorder)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .reverse()
            .map(([k, x]) => [k, reorder(x)]),
        )
      : v;
export default proxied(
  'awk-pretty-reordered',
  'awkward',
  'Legal: JSON member order and whitespace carry no meaning; `application/json; charset=utf-8` is JSON.',
  {
    response(req, res) {
      if (res.json === undefined) return;
      res.body = Buffer.from(JSON.stringify(reorder(res.json), null, 2) + '\n');
      res.json = undefined;
      res.jsonChanged = false;
      res.headers['content-type'] = res.headers['content-type'].replace(/;.*$/, '') + '; charset=utf-8';
    },
  },
);
