// A small HTTP proxy in front of a base sandbox: a vendor's gateway that alters requests or answers.
import { createServer } from 'node:http';
import { startBase } from './base.mjs';

const HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'expect',
  'host',
  'content-length',
  'te',
  'trailer',
  'proxy-connection',
]);

/**
 * `hooks.request(req)` may change `{ method, path, headers, body }` or return an answer `{ status, headers, body }`;
 * `hooks.response(req, res)` may change the upstream answer `{ status, headers, body }` (body a Buffer; `json` parsed
 * when it is JSON). `up(req)` lets hooks send requests of their own upstream.
 */
export async function startProxy(port, hooks = {}, baseOptions = {}) {
  const base = await startBase(baseOptions);
  const upstream = base.baseUrl.replace(/\/$/, '');
  const up = async ({ method, path, headers = {}, body }) => {
    const r = await fetch(upstream + path, {
      method,
      headers,
      body: body?.length ? body : undefined,
      redirect: 'manual',
    });
    const buf = Buffer.from(await r.arrayBuffer());
    const h = {};
    r.headers.forEach((v, k) => {
      if (!HOP.has(k) && k !== 'content-encoding') h[k] = v;
    });
    let json;
    if (/json/.test(h['content-type'] ?? ''))
      try {
        json = JSON.parse(buf.toString('utf8'));
      } catch {
        /* not JSON */
      }
    return { status: r.status, headers: h, body: buf, json };
  };
  const server = createServer(async (inc, out) => {
    try {
      const chunks = [];
      for await (const c of inc) chunks.push(c);
      const headers = {};
      for (const [k, v] of Object.entries(inc.headers))
        if (!HOP.has(k)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const body = Buffer.concat(chunks);
      let json;
      if (body.length)
        try {
          json = JSON.parse(body.toString('utf8'));
        } catch {
          /* not JSON */
        }
      const req = { method: inc.method, path: inc.url, headers, body, json, up };
      let res = hooks.request ? await hooks.request(req) : undefined;
      if (!res) {
        if (req.json !== undefined && req.jsonChanged) req.body = Buffer.from(JSON.stringify(req.json));
        res = await up(req);
        if (hooks.response) res = (await hooks.response(req, res)) ?? res;
      }
      let payload = res.body;
      if (res.json !== undefined && (res.jsonChanged || !payload))
        payload = Buffer.from(JSON.stringify(res.json));
      if (typeof payload === 'string') payload = Buffer.from(payload);
      payload ??= Buffer.alloc(0);
      if (res.chunks) {
        // Chunked transfer coding: no Content-Length, the body in `res.chunks` pieces with a pause between them.
        out.writeHead(res.status, res.headers);
        const size = Math.ceil(payload.length / res.chunks) || 1;
        for (let at = 0; at < payload.length; at += size) {
          out.write(payload.subarray(at, at + size));
          await new Promise((ok) => setTimeout(ok, 20));
        }
        out.end();
      } else {
        out.writeHead(res.status, { ...res.headers, 'content-length': String(payload.length) });
        out.end(payload);
      }
    } catch (error) {
      out.writeHead(502, { 'content-type': 'application/problem+json' });
      out.end(
        JSON.stringify({
          type: 'about:blank',
          title: 'Bad gateway',
          status: 502,
          code: 'internal-error',
          detail: String(error?.message ?? error),
        }),
      );
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const { port: bound } = server.address();
  return {
    baseUrl: `http://127.0.0.1:${bound}/`,
    tokens: base.tokens,
    up,
    async stop() {
      server.closeAllConnections?.();
      await new Promise((ok) => server.close(ok));
      await base.stop();
    },
  };
}

/** JSON helpers for hooks. */
export const setJson = (msg, json) => Object.assign(msg, { json, jsonChanged: true });
export const problem = (status, code, extra = {}) => ({
  status,
  headers: { 'content-type': 'application/problem+json' },
  json: { type: `https://kaiku-scanner.dev/problems/${code}`, title: code, status, code, ...extra },
  jsonChanged: true,
});
