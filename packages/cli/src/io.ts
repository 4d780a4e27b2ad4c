/** What a CLI run touches: streams, environment, and a cancel signal. Injected so tests can run it in-process. */
export type CliIo = {
  readonly stdout: { isTTY?: boolean; columns?: number; write(text: string): unknown };
  readonly stderr: { isTTY?: boolean; columns?: number; write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
};

/** The real process's IO; Ctrl-C cancels the run (the import then reports what went in). */
export function processIo(): CliIo {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal };
}
