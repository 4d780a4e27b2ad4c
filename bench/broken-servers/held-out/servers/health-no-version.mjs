// A health endpoint that says only `status` and `time`.
import { proxied } from '../lib.mjs';
export default proxied(
  'health-no-version',
  'broken',
  '`GET /v1/health` is `200 Health` — `status`, `version`, `time`.',
  {
    response(req, res) {
      if (!req.path.startsWith('/v1/health') || res.status !== 200) return;
      delete res.json.version;
      res.jsonChanged = true;
    },
  },
);
