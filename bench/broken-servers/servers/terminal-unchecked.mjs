// An invalid terminal name is silently dropped instead of refused (the vendor "sanitises" it).
import { proxied } from '../lib/define.mjs';
const dropTerminal = (u) => {
  if (u && typeof u === 'object' && 'terminal' in u) {
    delete u.terminal;
    return true;
  }
};
export default proxied(
  'terminal-unchecked',
  'broken',
  '`terminal` (...) with no run of four digits so that a card ID never passes as one; never personal data; refused as `invalid-request` naming `terminal` otherwise',
  {
    async response(req, res) {
      if (req.method !== 'POST' || !req.path.startsWith('/v1/usages') || res.status !== 400) return;
      if (!(res.json?.issues ?? []).some((i) => /(^|\.)terminal$/.test(i.path))) return;
      const json = structuredClone(req.json);
      if (!(dropTerminal(json) || (json.items ?? []).map((i) => dropTerminal(i.usage)).some(Boolean))) return;
      return req.up({ ...req, body: Buffer.from(JSON.stringify(json)) });
    },
  },
);
