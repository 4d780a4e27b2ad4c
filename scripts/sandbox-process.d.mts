import type { ChildProcess } from 'node:child_process';

export type SandboxCli = {
  /** The sandbox's URL, with a trailing slash. */
  readonly url: string;
  /** What it printed until it listened (a venue register's terminal tokens). */
  readonly said: string;
  readonly child: ChildProcess;
  /** Everything the process has written to stderr so far (it also reaches this process's stderr). */
  stderr(): string;
  close(): Promise<void>;
};

export function startSandboxCli(
  args: readonly string[],
  options?: { port?: number; quiet?: boolean; command?: string },
): Promise<SandboxCli>;
