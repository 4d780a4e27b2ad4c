// An unnamed ticket agent gets the generic `forbidden` code, not `agent-not-authorized`.
import { proxied } from '../lib/define.mjs';
const fix = (p) => {
  if (p?.code === 'agent-not-authorized') {
    p.code = 'forbidden';
    p.type = 'https://kaiku-scanner.dev/problems/forbidden';
    return true;
  }
};
export default proxied(
  'agent-refusal-generic-403',
  'broken',
  "register for another venue A's event (`forVenueId: A`): B's tokens when A has named B its ticket agent; otherwise `403 agent-not-authorized`, nothing recorded",
  {
    response(req, res) {
      if (!res.json) return;
      if (fix(res.json)) res.jsonChanged = true;
      for (const r of res.json.results ?? []) if (fix(r.problem)) res.jsonChanged = true;
    },
  },
);
