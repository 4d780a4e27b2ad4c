// Answers an empty batch with an empty result list instead of refusing it.
import { isPost, proxied } from '../lib.mjs';
export default proxied(
  'batch-empty-ok',
  'broken',
  'A batch holds 1–100 items: `{ items: [] }` does not match the schema (`400 invalid-request`).',
  {
    request(req) {
      if (
        isPost(req, /^\/v1\/usages\/batch$/) &&
        Array.isArray(req.json?.items) &&
        req.json.items.length === 0
      )
        return {
          status: 200,
          headers: { 'content-type': 'application/json' },
          json: { results: [] },
          jsonChanged: true,
        };
    },
  },
);
