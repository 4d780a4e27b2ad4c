// The real sandbox in its own process, from source, for tests and benches: the sandbox's own command line, as a
// vendor runs it (scripts/sandbox-process.mjs, which `npm start` uses too).
import { startSandboxCli, type SandboxCli } from '../../scripts/sandbox-process.mjs';

export { startSandboxCli, type SandboxCli };
export type SandboxProcess = Pick<SandboxCli, 'url' | 'close'>;

/** The seeded sandbox with its test endpoints and its SQLite database in `db` (a file path), or in memory. */
export async function startSandboxProcess(db?: string): Promise<SandboxProcess> {
  return startSandboxCli([...(db ? ['--db', db, '--seed'] : ['--memory']), '--testing']);
}
