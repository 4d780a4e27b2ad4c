import type { ChildProcess } from 'node:child_process';

export type SandboxCli = {
  /** The sandbox's URL, with a trailing slash. */
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the process has written to stderr so far (it also reaches this process's stderr). */
  stderr(): string;
  close(): Promise<void>;
};

export function startSandboxCli(
  args: readonly string[],
  options?: { port?: number; quiet?: boolean },
): Promise<SandboxCli>;
