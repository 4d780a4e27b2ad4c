// Commands `kaiku-engine` (which engine runs: `{ engine }`) and `kaiku-engine-skip` (a test skipped in this engine
// by a capability check, with its reason; see test/support/engine-skip.ts). At the end of the run every such skip
// is printed, so no skip is silent. `kaiku-engine-distorted` records a key delivery the engine's driver distorted
// (test/support/keys.ts), which lets that test run again if it fails; those are printed too, and so are the keys
// as the page got them for a key test that failed although its delivery was not distorted (`kaiku-engine-keys-failed`).
import { selectedEngine } from './engines.mjs';

export function enginePlugin() {
  const skips = [];
  const distorted = [];
  const undistortedFailures = [];
  return {
    name: 'kaiku-engine',
    async executeCommand({ command, payload, session }) {
      if (command === 'kaiku-engine') return { engine: selectedEngine() };
      if (command === 'kaiku-engine-distorted') {
        distorted.push({ file: session.testFile, ...payload });
        return true;
      }
      if (command === 'kaiku-engine-keys-failed') {
        undistortedFailures.push({ file: session.testFile, ...payload });
        return true;
      }
      if (command !== 'kaiku-engine-skip') return undefined;
      if (typeof payload?.test !== 'string' || typeof payload?.reason !== 'string' || payload.reason === '')
        throw new Error('kaiku-engine-skip: payload { test, reason } (a skip always has a reason)');
      skips.push({ file: session.testFile, test: payload.test, reason: payload.reason });
      return true;
    },
    serverStop() {
      const engine = selectedEngine();
      const rel = (file) => file.replace(process.cwd() + '/', '');
      if (distorted.length > 0) {
        console.log(
          `\nkey deliveries the ${engine} driver distorted (a test that failed there ran again): ${distorted.length}`,
        );
        for (const d of distorted)
          console.log(`  - ${rel(d.file)} › ${d.test} (run ${d.attempt}): ${d.detail}`);
      }
      if (undistortedFailures.length > 0) {
        console.log(
          `\nkey tests that failed with their keys delivered as asked (${engine}), as the page got them:`,
        );
        for (const f of undistortedFailures) console.log(`  - ${rel(f.file)} › ${f.test}: ${f.keys}`);
      }
      if (skips.length === 0) {
        console.log(`\nengine skips (${engine}): none`);
        return;
      }
      console.log(`\nengine skips (${engine}): ${skips.length}`);
      for (const s of skips) console.log(`  - ${rel(s.file)} › ${s.test}: ${s.reason}`);
    },
  };
}
