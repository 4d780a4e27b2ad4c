// `at` written as Helsinki wall-clock time without an offset (a local timestamp column serialised as is).
import { helsinkiOffset, proxied, walk } from '../lib/define.mjs';
export default proxied('already-used-local-at', 'broken',
  '`at`, the ISO instant the card\'s latest usage for the show was registered',
  { response(req, res) {
    if (!res.json) return;
    walk(res.json, (k, v) => { if (v?.code === 'already-used' && v.params?.at) { v.params.at = helsinkiOffset(v.params.at).local; res.jsonChanged = true; } });
  } });
