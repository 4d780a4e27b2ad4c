import { parseArgs } from 'node:util';
import { printableLogText } from '../http/mask.js';
import { runConformance } from './run-conformance.js';

export const CONFORMANCE_HELP = `kaiku-sandbox conformance — checks that a server speaks the Kaikukanta contract

Usage: kaiku-sandbox conformance --base-url URL --token T [options]

  --base-url URL          the server under test (only this origin is contacted; redirects are not followed)
  --token T               a bearer token it accepts
  --venue ID              the venue to register test usages for (default teatteri-hilla)
  --cards A,B,C           at least 3 active client cards that may register usages (default: the sandbox seed)
  --unregistered-card ID  a card the server does not know (default A999000001)
  --inactive-card ID      a registered, inactive card (default A999005380)
  --other-venue ID        a second venue, and
  --other-token T         a token bound to it: checks that a token acts for its own venue only (403) and that
                          idempotency keys are scoped per venue (skipped, and said so, without them)
  --budget N              at most N requests (default 120)
  --timeout-ms N          per request (default 10000)

It registers real usages on shows of its own (conformance-<run>-…): use a test venue.
Exit codes: 0 every check passed, 1 a check failed, 2 usage error.`;

/** Runs the kit from the command line; resolves with the exit code. */
export async function runConformanceCli(
  argv: readonly string[],
  print: (line: string) => void,
): Promise<number> {
  // Failures quote what the server under test said: never its control characters to the terminal.
  const out = (line: string): void => print(line.split('\n').map(printableLogText).join('\n'));
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        'base-url': { type: 'string' },
        token: { type: 'string' },
        venue: { type: 'string' },
        cards: { type: 'string' },
        'unregistered-card': { type: 'string' },
        'inactive-card': { type: 'string' },
        'other-venue': { type: 'string' },
        'other-token': { type: 'string' },
        budget: { type: 'string' },
        'timeout-ms': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    out(`${error instanceof Error ? error.message : String(error)}\n\n${CONFORMANCE_HELP}`);
    return 2;
  }
  if (values.help) {
    out(CONFORMANCE_HELP);
    return 0;
  }
  const baseUrl = values['base-url'];
  const budget = Number(values.budget ?? 120);
  const timeoutMs = Number(values['timeout-ms'] ?? 10_000);
  const cards = values.cards
    ?.split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  const problem =
    !baseUrl || !/^https?:\/\//.test(baseUrl)
      ? '--base-url must be an http(s) URL'
      : !values.token
        ? '--token is required'
        : !(Number.isInteger(budget) && budget > 0)
          ? '--budget must be a positive integer'
          : !(timeoutMs > 0)
            ? '--timeout-ms must be positive'
            : cards && cards.length < 3
              ? '--cards needs at least 3 cards'
              : (values['other-venue'] === undefined) !== (values['other-token'] === undefined)
                ? '--other-venue and --other-token go together'
                : undefined;
  if (problem) {
    out(`${problem}\n\n${CONFORMANCE_HELP}`);
    return 2;
  }
  const report = await runConformance({
    baseUrl: baseUrl!,
    token: values.token!,
    budget,
    timeoutMs,
    ...(values.venue ? { venueId: values.venue } : {}),
    ...(cards ? { activeCards: cards } : {}),
    ...(values['unregistered-card'] ? { unregisteredCard: values['unregistered-card'] } : {}),
    ...(values['inactive-card'] ? { inactiveCard: values['inactive-card'] } : {}),
    ...(values['other-venue'] && values['other-token']
      ? { otherVenue: { venueId: values['other-venue'], token: values['other-token'] } }
      : {}),
  });
  for (const check of report.checks) {
    out(
      `${check.skipped ? 'skip' : check.ok ? 'ok  ' : 'FAIL'} ${check.name}${check.skipped ? ` (${check.skipped})` : ''}`,
    );
    for (const failure of check.failures) out(`       ${failure}`);
  }
  const failed = report.checks.filter((c) => !c.ok).length;
  const skipped = report.checks.filter((c) => c.skipped).length;
  out(
    `${report.checks.length - failed - skipped}/${report.checks.length} checks passed${skipped ? `, ${skipped} skipped` : ''}, ${report.requests} requests`,
  );
  return failed === 0 ? 0 : 1;
}
