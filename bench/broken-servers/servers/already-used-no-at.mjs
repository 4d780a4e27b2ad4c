// The vendor never stored when a card was used: `already-used` says where, not when.
import { proxied, walk } from '../lib/define.mjs';
export default proxied('already-used-no-at', 'broken',
  '`already-used`, whose params say when (`at`, the ISO instant the card\'s latest usage for the show was registered (...)) and where (`terminal`',
  { response(req, res) {
    if (!res.json) return;
    let changed = false;
    walk(res.json, (k, v) => { if (v?.code === 'already-used' && v.params?.at) { delete v.params.at; changed = true; } });
    if (changed) res.jsonChanged = true;
  } });
