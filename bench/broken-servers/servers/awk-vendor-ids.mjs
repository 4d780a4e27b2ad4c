// Usage IDs in the vendor's own format (`KK-<n>`), not UUIDs. Written as legal when `usageId` was any string; the
// contract now asks for a UUID (docs/api.md, the result), so this server breaks it.
import { proxied, walk } from '../lib/define.mjs';
const toVendor = new Map();
const toBase = new Map();
function vendorId(id) {
  if (!toVendor.has(id)) {
    const v = `KK-${String(toVendor.size + 1).padStart(7, '0')}`;
    toVendor.set(id, v);
    toBase.set(v, id);
  }
  return toVendor.get(id);
}
export default proxied(
  'awk-vendor-ids',
  'broken',
  'Names usages in its own format (`KK-0000001`): the contract asks for a UUID `usageId`.',
  {
    request(req) {
      const m = /^\/v1\/usages\/([^/]+)\/void$/.exec(req.path);
      if (m)
        req.path = `/v1/usages/${encodeURIComponent(toBase.get(decodeURIComponent(m[1])) ?? `unknown-${m[1]}`)}/void`;
    },
    response(req, res) {
      if (!res.json || res.status >= 400) return;
      walk(res.json, (k, v, parent) => {
        if (k === 'usageId' && typeof v === 'string') parent[k] = vendorId(v);
      });
      res.jsonChanged = true;
    },
  },
);
