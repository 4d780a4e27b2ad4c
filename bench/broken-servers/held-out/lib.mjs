// Shorthands for the held-out servers: as `../lib/define.mjs`, plus a venue that has named an agent.
import { OTHER_VENUE, VENUE, startBase } from '../lib/base.mjs';
import { startProxy } from '../lib/proxy.mjs';

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

export const isUsages = (req) => req.method === 'GET' && /^\/v1\/venues\/[^/]+\/usages(\?|$)/.test(req.path);
export const isPost = (req, re) => req.method === 'POST' && re.test(req.path.split('?')[0]);
export const bearer = (req) => /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
export { problem } from '../lib/proxy.mjs';
