// Replays the first result as `200` but without saying so (`Idempotent-Replayed` dropped by the gateway).
import { proxied } from '../lib.mjs';
export default proxied(
  'idem-replay-no-header',
  'broken',
  'A replay is `200` + `Idempotent-Replayed: true` (the first result again).',
  {
    response(req, res) {
      delete res.headers['idempotent-replayed'];
    },
  },
);
