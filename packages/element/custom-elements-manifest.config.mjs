// `npm run analyze -w kaiku-scanner`: writes custom-elements.json from the sources (lit-aware).
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  // The check in npm test (scripts/check-cem.mjs) writes to a temporary folder (relative to this one: the analyzer
  // joins it to the cwd) and compares, leaving package.json alone.
  outdir: process.env.CEM_OUTDIR ?? '.',
  packagejson: !process.env.CEM_OUTDIR,
  litelement: true,
  plugins: [
    {
      // The analyzer also lists every `dispatchEvent(new X(...))` call as an unnamed event; the named, documented
      // `@event` entries are the real ones.
      name: 'kaiku-named-events-only',
      packageLinkPhase({ customElementsManifest }) {
        // Modules in path order: the glob lists files in directory order, which differs between checkouts.
        customElementsManifest.modules?.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
        for (const mod of customElementsManifest.modules ?? []) {
          for (const decl of mod.declarations ?? []) {
            if (decl.events)
              decl.events = decl.events.filter(
                (e) => typeof e.name === 'string' && e.name.startsWith('kaiku-'),
              );
          }
        }
      },
    },
  ],
};
