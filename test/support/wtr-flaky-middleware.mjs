// Test routes of the browser suite:
// - `/__kaiku-flaky/NAME.js`: a module whose first request fails (503, as a lost network or a busy server answers)
//   and whose later ones load, whatever their query: `export const tries = N` (the request's count for that name);
// - `/__kaiku-once/NAME.wasm`: the zxing-cpp decoder on the first request, 410 Gone after it; `/__kaiku-once/NAME.count`
//   says how many times it was asked (so a test waits for a load to begin instead of guessing a time);
// - the element's Swedish strings (translations/sv.*) fail (503) while the page has the cookie `kaiku-lose-sv=1`.
import { readFileSync } from 'node:fs';

const asked = new Map();
const WASM = new URL('../../packages/core/src/input/decode/zxing_reader.wasm', import.meta.url);

export function flakyModules(ctx, next) {
  if (/\/translations\/sv\.(js|ts)$/.test(ctx.path) && ctx.cookies.get('kaiku-lose-sv') === '1') {
    ctx.status = 503;
    ctx.body = 'lost';
    return undefined;
  }
  const once = /^\/__kaiku-once\/([\w-]+)\.(wasm|count)$/.exec(ctx.path);
  if (once) return servedOnce(ctx, once[1], once[2]);
  const name = /^\/__kaiku-flaky\/([\w-]+)\.js$/.exec(ctx.path)?.[1];
  if (!name) return next();
  const tries = (asked.get(name) ?? 0) + 1;
  asked.set(name, tries);
  if (tries === 1) {
    ctx.status = 503;
    ctx.body = 'lost';
    return undefined;
  }
  ctx.type = 'application/javascript';
  ctx.body = `export const tries = ${tries};`;
  return undefined;
}

function servedOnce(ctx, name, what) {
  const key = `once:${name}`;
  if (what === 'count') {
    ctx.type = 'text/plain';
    ctx.set('cache-control', 'no-store');
    ctx.body = String(asked.get(key) ?? 0);
    return undefined;
  }
  const tries = (asked.get(key) ?? 0) + 1;
  asked.set(key, tries);
  if (tries > 1) {
    ctx.status = 410;
    ctx.body = 'served once';
    return undefined;
  }
  ctx.type = 'application/wasm';
  ctx.body = readFileSync(WASM);
  return undefined;
}
