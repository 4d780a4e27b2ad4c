// A slow device for the camera benches (issue 66.1), three ways, each named in a bench's `--conditions`:
// - `devtools4`, `devtools6`: Chromium's own CPU throttling (DevTools `Emulation.setCPUThrottlingRate`). It slows the
//   page's thread only: Chromium refuses it for workers ("Operation is only supported for pages, not workers"), so a
//   loop that decodes in a worker is not slowed there. Kept because it is what DevTools users mean by a slow device.
// - `cpu4`, `cpu6`: the whole browser (every process and thread, the decoding worker included) in a Linux cgroup with
//   a CPU quota of this machine's cores ÷ N: a device N times slower with as many cores. Needs a writable cgroup
//   (root); refused by name otherwise.
// - `busy2`: N busy-loop processes beside the browser for as long as it runs (a till PC whose sales system is busy).
// `none`: as the machine is.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export type SlowDevice = {
  readonly name: string;
  readonly devtools?: number;
  readonly cpu?: number;
  readonly busy?: number;
};

const PATTERN = /^(none|devtools|cpu|busy)(\d+(?:\.\d+)?)?$/;

/** `none`, `devtools4`, `cpu6`, `busy2`, …; anything else is refused naming it. */
export function parseSlowDevice(name: string): SlowDevice {
  const m = PATTERN.exec(name);
  const n = Number(m?.[2]);
  if (!m || (m[1] === 'none') !== (m[2] === undefined) || (m[1] !== 'none' && !(n >= 1)))
    throw new Error(`unknown slow-device condition "${name}" (none, devtoolsN, cpuN, busyN)`);
  return m[1] === 'none' ? { name } : { name, [m[1]!]: n };
}

const CGROUP_V1 = '/sys/fs/cgroup/cpu';
const CGROUP_V2 = '/sys/fs/cgroup';

/** A cgroup whose CPU quota is this machine's cores ÷ `rate`, and a wrapper that starts Chromium inside it. */
function cgroupWrapper(rate: number, chromium: string, cacheDir: string): string {
  const cores = availableParallelism();
  const period = 100_000;
  const quota = Math.round((period * cores) / rate);
  const v1 = existsSync(`${CGROUP_V1}/cpu.cfs_quota_us`);
  const dir = join(v1 ? CGROUP_V1 : CGROUP_V2, `kaiku-slow-${rate}`);
  try {
    mkdirSync(dir, { recursive: true });
    if (v1) {
      writeFileSync(`${dir}/cpu.cfs_period_us`, String(period));
      writeFileSync(`${dir}/cpu.cfs_quota_us`, String(quota));
    } else writeFileSync(`${dir}/cpu.max`, `${quota} ${period}`);
  } catch (cause) {
    throw new Error(`the cpu${rate} condition needs a writable cgroup (${dir}): run the bench as root`, {
      cause,
    });
  }
  mkdirSync(cacheDir, { recursive: true });
  const wrapper = join(cacheDir, `chromium-slow-${rate}.sh`);
  writeFileSync(
    wrapper,
    `#!/bin/sh\necho $$ > ${JSON.stringify(`${dir}/cgroup.procs`)}\nexec ${JSON.stringify(chromium)} "$@"\n`,
    { mode: 0o755 },
  );
  return wrapper;
}

/** What the condition adds around one browser: its executable, busy loops beside it, the page's throttling. */
export type SlowSetup = {
  /** The executable to launch instead of Chromium (the `cpuN` wrapper), if any. */
  readonly executable?: string;
  /** Starts the busy loops (before the browser: it starts on a busy machine too); returns what ends them. */
  busy(): () => void;
  /** The page's part: DevTools throttling. */
  throttle(page: Page): Promise<void>;
};

export function slowSetup(device: SlowDevice, chromium: string, cacheDir: string): SlowSetup {
  return {
    ...(device.cpu ? { executable: cgroupWrapper(device.cpu, chromium, cacheDir) } : {}),
    busy() {
      const loops: ChildProcess[] = Array.from({ length: device.busy ?? 0 }, () =>
        spawn(process.execPath, ['-e', 'for (;;) Math.sqrt(Math.random())'], { stdio: 'ignore' }),
      );
      return () => loops.forEach((p) => p.kill('SIGKILL'));
    },
    async throttle(page) {
      if (!device.devtools) return;
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: device.devtools });
    },
  };
}

/**
 * CPU time (ms) used so far by the processes whose command line holds `marker` (a browser and its children share its
 * flags; the renderer and GPU processes are its children too), and by their descendants (Linux /proc; 0 elsewhere).
 */
export function treeCpuMs(marker: string): number {
  if (!existsSync('/proc/self/stat')) return 0;
  const children = new Map<number, number[]>();
  const own = new Map<number, number>();
  const roots: number[] = [];
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // After the command's closing parenthesis: state, ppid, … utime (the 14th field), stime (15th).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(pid, Number(fields[1]));
      own.set(pid, Number(fields[11]) + Number(fields[12]));
      children.set(Number(fields[1]), [...(children.get(Number(fields[1])) ?? []), pid]);
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) roots.push(pid);
    } catch {
      continue; // ended meanwhile
    }
  }
  let ticks = 0;
  const stack = roots.filter((pid) => !roots.includes(parent.get(pid) ?? -1));
  while (stack.length) {
    const pid = stack.pop()!;
    ticks += own.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return (ticks * 1000) / 100; // USER_HZ: 100 on Linux
}
