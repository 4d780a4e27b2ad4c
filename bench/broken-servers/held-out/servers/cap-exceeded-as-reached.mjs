// Has one refusal for every cap problem: a usage that does not fit is `cap-reached` even with places left.
import { proxied } from '../lib.mjs';
export default proxied(
  'cap-exceeded-as-reached',
  'broken',
  'A booking that does not fit (places left, too few) is `cap-exceeded`; `cap-reached` is a full show.',
  {
    response(req, res) {
      if (res.status !== 422 || res.json?.code !== 'cap-exceeded') return;
      res.json.code = 'cap-reached';
      for (const r of res.json.reasons ?? []) if (r.code === 'cap-exceeded') r.code = 'cap-reached';
      res.jsonChanged = true;
    },
  },
);
