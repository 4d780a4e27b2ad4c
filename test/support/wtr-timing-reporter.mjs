// Prints each test file's wall time and the slowest files when the run ends, so a CI log says where the browser
// suite's minutes went. Files run one at a time (concurrency 1): a file's time is from the previous file's end
// (or the run's start) to its own.
import { writeSync } from 'node:fs';
import path from 'node:path';

export function timingReporter({ slowest = 12 } = {}) {
  let last = 0;
  const times = [];
  return {
    start() {
      last = Date.now();
    },
    reportTestFileResults({ testFile }) {
      const now = Date.now();
      times.push([path.relative(process.cwd(), testFile), now - last]);
      last = now;
    },
    onTestRunFinished() {
      const total = times.reduce((sum, [, ms]) => sum + ms, 0);
      const lines = [...times]
        .sort((a, b) => b[1] - a[1])
        .slice(0, slowest)
        .map(([file, ms]) => `  ${(ms / 1000).toFixed(1).padStart(6)} s  ${file}`);
      const all = times.map(([file, ms]) => `${file}=${ms}`).join(' ');
      writeSync(
        1,
        `\nkaiku-timing: ${times.length} files in ${(total / 1000).toFixed(1)} s; slowest:\n${lines.join('\n')}\n` +
          `kaiku-timing-all: ${all}\n`,
      );
    },
  };
}
