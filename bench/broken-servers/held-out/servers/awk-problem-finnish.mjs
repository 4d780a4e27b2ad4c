// Legal: problem `title` and `detail` written in Finnish (they are for people; `code` stays stable).
import { proxied } from '../lib.mjs';
export default proxied(
  'awk-problem-finnish',
  'awkward',
  'Legal: `title`/`detail` are for people and may change; only `code` (and `reasons`) are stable.',
  {
    response(req, res) {
      if (res.status < 400 || !res.json?.code) return;
      res.json.title = `Pyyntö hylättiin (${res.status})`;
      res.json.detail = 'Kaikukanta ei hyväksynyt pyyntöä. Katso koodi.';
      res.jsonChanged = true;
    },
  },
);
