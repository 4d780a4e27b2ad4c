// `nextCursor` is always the last item seen: the page after the end is empty and points to itself, forever.
import { proxied } from '../lib/define.mjs';
export default proxied(
  'list-cursor-loop',
  'broken',
  '`200 { items: UsageRecord[], nextCursor }` (openapi: `nextCursor` string or null — null on the last page)',
  {
    response(req, res) {
      if (
        req.method !== 'GET' ||
        !/^\/v1\/venues\/[^/]+\/usages/.test(req.path) ||
        res.status !== 200 ||
        !res.json
      )
        return;
      if (res.json.nextCursor === null) {
        const cursor = new URL(req.path, 'http://x').searchParams.get('cursor');
        res.json.nextCursor = res.json.items.length
          ? `seq-end-${Buffer.from(req.path).toString('base64url').slice(-12)}`
          : (cursor ?? 'end');
        res.jsonChanged = true;
      }
    },
    request(req) {
      const url = new URL(req.path, 'http://x');
      const c = url.searchParams.get('cursor');
      if (c && (c.startsWith('seq-end-') || c === 'end'))
        return {
          status: 200,
          headers: { 'content-type': 'application/json' },
          json: { items: [], nextCursor: c },
          jsonChanged: true,
        };
    },
  },
);
