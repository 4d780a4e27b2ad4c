// Imports a bundled CLI from ../dist. In a checkout before `npm run build` there is none: say so, not a stack trace.
export async function runBuilt(name) {
  try {
    await import(`../dist/${name}.js`);
  } catch (e) {
    const missing = e?.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes(`dist/${name}.js`);
    if (!missing) throw e;
    process.stderr.write(
      `kaiku-${name.replace('-cli', '')}: this checkout is not built yet. Run \`npm run build\` once, then try again; or, without a build:\n` +
        `  node --import tsx --conditions=source packages/cli/src/${name}.ts --help\n`,
    );
    process.exitCode = 1;
  }
}
