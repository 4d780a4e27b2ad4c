import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// A fresh clone after `npm install` has the bin scripts but no `dist` until `npm run build`.
describe('the bin scripts before a build', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kaiku-cli-'));
  cpSync(path.join(import.meta.dirname, '../bin'), path.join(dir, 'bin'), { recursive: true });

  it.each(['kaiku-report', 'kaiku-import'])('%s --help says to build, without a stack trace', (name) => {
    const run = spawnSync(process.execPath, [path.join(dir, 'bin', `${name}.js`), '--help'], {
      encoding: 'utf8',
    });
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 1, stdout: '' });
    expect(run.stderr).toContain('npm run build');
    expect(run.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|\n\s+at /);
  });

  it('runs the built CLI once there is one', () => {
    mkdirSync(path.join(dir, 'dist'));
    writeFileSync(path.join(dir, 'dist', 'report-cli.js'), "process.stdout.write('built');");
    const out = execFileSync(process.execPath, [path.join(dir, 'bin', 'kaiku-report.js')], {
      encoding: 'utf8',
    });
    expect(out).toBe('built');
  });
});
