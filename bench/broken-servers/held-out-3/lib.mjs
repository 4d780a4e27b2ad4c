// Shorthands for the third batch: as `../held-out/lib.mjs`, plus the small helpers its servers share.
import { OTHER_VENUE, TOKENS, VENUE, startBase } from '../lib/base.mjs';
import { startProxy } from '../lib/proxy.mjs';

export { OTHER_VENUE, TOKENS, VENUE };
export { problem, setJson } from '../lib/proxy.mjs';
export { fetchAll, offsetPaging } from '../lib/list.mjs';
export { helsinkiDay, helsinkiOffset } from '../lib/define.mjs';

/** The kit's venue names the other venue its ticket agent (so the kit's own `forVenueId` usages stay refused). */
export const AGENTS = { agents: { [VENUE]: [OTHER_VENUE] } };

export const proxied = (name, kind, rule, hooks, options = {}) => ({
  name,
  kind,
  rule,
  start: (port) => startProxy(port, hooks, { name, options }),
});

export const patched = (name, kind, rule, patches, options = {}) => ({
  name,
  kind,
  rule,
  start: (port) => startBase({ port, patches, name, options }),
});

export const pathOf = (req) => req.path.split('?')[0];
export const isUsages = (req) => req.method === 'GET' && /^\/v1\/venues\/[^/]+\/usages$/.test(pathOf(req));
export const isPost = (req, re) => req.method === 'POST' && re.test(pathOf(req));
export const isTally = (req) => req.method === 'GET' && /^\/v1\/shows\/[^/]+\/tally$/.test(pathOf(req));
export const isVoid = (req) => isPost(req, /^\/v1\/usages\/[^/]+\/void$/);
export const isUsagePost = (req) => isPost(req, /^\/v1\/usages$/);
export const isBatch = (req) => isPost(req, /^\/v1\/usages\/batch$/);
export const isLookup = (req) => isPost(req, /^\/v1\/cards\/lookup$/);
export const bearer = (req) => /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
/** The venue a bench token acts for. */
export const venueOf = (token) =>
  token === TOKENS.otherToken
    ? OTHER_VENUE
    : token === TOKENS.token || token === TOKENS.secondToken
      ? VENUE
      : undefined;
export const json = (status, body, headers = {}) => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  json: body,
  jsonChanged: true,
});
/** The Helsinki calendar day `days` from an instant, as `YYYY-MM-DD`. */
export const dayShift = (day, days) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
