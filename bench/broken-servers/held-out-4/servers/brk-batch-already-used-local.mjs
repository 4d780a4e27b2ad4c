// Broken: in batch items only, `already-used`'s `at` is Helsinki wall-clock time without its offset.
import { helsinkiOffset, isBatch, proxied } from '../lib.mjs';
export default proxied(
  'brk-batch-already-used-local',
  'broken',
  'already-used `at` has its offset (batch items).',
  {
    response(req, res) {
      if (!isBatch(req) || !Array.isArray(res.json?.results)) return;
      for (const r of res.json.results)
        for (const reason of r.problem?.reasons ?? [])
          if (reason.code === 'already-used' && reason.params?.at)
            reason.params.at = helsinkiOffset(reason.params.at).local;
      res.jsonChanged = true;
    },
  },
);
