// `/__kaiku-flaky/NAME.js`: a module whose first request fails (503, as a lost network or a busy server answers) and
// whose later ones load, whatever their query: `export const tries = N` (the request's count for that name).
const asked = new Map();

export function flakyModules(ctx, next) {
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
