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
        // The element's `property` decorator gives each attribute the property's name in kebab-case (`show-cap`).
        const kebab = (name) => name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
        for (const mod of customElementsManifest.modules ?? []) {
          for (const decl of mod.declarations ?? []) {
            for (const attribute of decl.attributes ?? []) attribute.name = kebab(attribute.name);
            for (const member of decl.members ?? [])
              if (typeof member.attribute === 'string') member.attribute = kebab(member.attribute);
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
