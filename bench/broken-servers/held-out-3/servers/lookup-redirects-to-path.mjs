// A caching gateway turns the look-up into the cacheable `GET /v1/cards/{cardId}`: `307` to a URL naming the card.
import { isLookup, proxied } from '../lib.mjs';
export default proxied(
  'lookup-redirects-to-path',
  'broken',
  'privacy: card IDs never go into a URL (a look-up is answered, not redirected to one).',
  {
    request(req) {
      const id = req.json?.cardId;
      if (isLookup(req) && typeof id === 'string' && /^[A-Z0-9]+$/.test(id))
        return {
          status: 307,
          headers: { location: `/v1/cards/${id}`, 'cache-control': 'max-age=300' },
          body: Buffer.alloc(0),
        };
    },
  },
);
