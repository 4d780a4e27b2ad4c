import { parseArgs } from 'node:util';
import { visibleText } from '@kaiku-scanner/core/contract';
import { maskCardIds } from '../http/mask.js';
import { runConformance } from './run-conformance.js';

export const CONFORMANCE_HELP = `kaiku-sandbox conformance — checks that a server speaks the Kaikukanta contract

Usage: kaiku-sandbox conformance --base-url URL --token T [options]

  --base-url URL          the server under test (only this origin is contacted; redirects are not followed)
  --token T               a bearer token it accepts, bound to --venue (or --token-env NAME, default KAIKU_TOKEN:
                          each token option X also reads the variable named by --X-env, kept out of argv)
  --venue ID              the venue to register test usages for (default teatteri-hilla)
  --cards A,B,C           at least 3 active client cards that may register usages, one with a registered minor
  --unregistered-card ID  a card the server does not know        --inactive-card ID   a registered, inactive card
  --use-ban-card ID       a card under a use ban                 --in-transfer-card ID a card in transfer
  --expired-card ID       a card past its last valid day         --community-card ID  an active community card
                          (the card defaults are the sandbox's seeded cards)
  --other-venue ID        a second venue, and --other-token T a token bound to it (tenancy, key scope)
  --other-is-agent        --venue has named --other-venue its ticket agent (the named-agent check needs it)
  --second-token T        another token of --venue (a refreshed one): a retry with it replays, never registers again
  --expired-token T       a token that has expired (refused like a wrong one)
  --race-clients N        parallel clients in the cap race (default 10), --race-trials N trials (default 5)
  --budget N              at most N requests (default 600), --timeout-ms N each (default 10000)
  --wall-seconds N        the whole run (default 300); 429/503 Retry-After waits count
  --json                  the report as JSON on stdout (each check: rule, verdict, failures, exchanges)

It registers real usages on shows of its own (conformance-<run>-…, two weeks ahead): use a test venue.
Exit codes: 0 every check passed, 1 a check failed, 2 usage error, 3 none failed but some could not run or did not
observe what they check (listed as "n/a" with the reason).`;

/** `--use-ban-card` → `useBan`: the test cards of each state. */
const CARD_OPTIONS = Object.fromEntries(
  ['unregistered', 'inactive', 'use-ban', 'in-transfer', 'expired', 'community'].map((n) => [
    `${n}-card`,
    n.replace(/-(.)/g, (_m, c: string) => c.toUpperCase()),
  ]),
);

const NUMBERS = 'race-clients race-trials budget timeout-ms wall-seconds'.split(' ');
const TOKENS = ['token', 'other-token', 'second-token', 'expired-token'];
const TEXTS = ['base-url', 'venue', 'cards', 'other-venue', ...TOKENS, ...TOKENS.map((t) => `${t}-env`)];
const OPTIONS = Object.fromEntries(
  [...TEXTS, ...NUMBERS, ...Object.keys(CARD_OPTIONS)].map((n) => [n, { type: 'string' as const }]),
);

/** Runs the kit from the command line; resolves with the exit code. */
export async function runConformanceCli(
  argv: readonly string[],
  print: (line: string) => void,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  // Failures quote what the server under test said: never its control characters or a card ID to the terminal.
  const out = (line: string): void => print(maskCardIds(visibleText(line, true)));
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        ...OPTIONS,
        json: { type: 'boolean' },
        'other-is-agent': { type: 'boolean' },
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
  // A token from argv, else from the variable --X-env names (the main token: KAIKU_TOKEN by default).
  const fromEnv = (name: string) =>
    name === 'token' || values[`${name}-env`]
      ? env[(values[`${name}-env`] as string) ?? 'KAIKU_TOKEN']
      : undefined;
  const str = (name: string): string | undefined =>
    (values[name] as string | undefined) ?? (TOKENS.includes(name) ? fromEnv(name) : undefined);
  const num = (name: string, fallback: number): number => Number(str(name) ?? fallback);
  const baseUrl = str('base-url');
  const active = str('cards')
    ?.split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  const positive = NUMBERS.find((n) => !(Number.isInteger(num(n, 1)) && num(n, 1) > 0));
  const problem =
    !baseUrl || !/^https?:\/\//.test(baseUrl)
      ? '--base-url must be an http(s) URL'
      : TOKENS.some((t) => values[`${t}-env`] && !str(t))
        ? `--${TOKENS.find((t) => values[`${t}-env`] && !str(t))}-env names an empty variable`
        : !str('token')
          ? '--token (or $KAIKU_TOKEN, --token-env) is required'
          : positive
            ? `--${positive} must be a positive whole number`
            : active && active.length < 3
              ? '--cards needs at least 3 cards'
              : (str('other-venue') === undefined) !== (str('other-token') === undefined)
                ? '--other-venue and --other-token go together'
                : undefined;
  if (problem) {
    out(`${problem}\n\n${CONFORMANCE_HELP}`);
    return 2;
  }
  const cards = Object.fromEntries(
    Object.entries(CARD_OPTIONS).flatMap(([flag, field]) => (str(flag) ? [[field, str(flag)]] : [])),
  );
  let report: Awaited<ReturnType<typeof runConformance>>;
  try {
    report = await runConformance({
      baseUrl: baseUrl!,
      token: str('token')!,
      budget: num('budget', 600),
      timeoutMs: num('timeout-ms', 10_000),
      wallClockMs: num('wall-seconds', 300) * 1000,
      race: { clients: num('race-clients', 10), trials: num('race-trials', 5) },
      cards: { ...cards, ...(active ? { active } : {}) },
      ...(str('venue') ? { venueId: str('venue')! } : {}),
      ...(values['other-is-agent'] ? { otherIsAgent: true } : {}),
      ...(str('second-token') ? { secondToken: str('second-token')! } : {}),
      ...(str('expired-token') ? { expiredToken: str('expired-token')! } : {}),
      ...(str('other-venue') && str('other-token')
        ? { otherVenue: { venueId: str('other-venue')!, token: str('other-token')! } }
        : {}),
    });
  } catch (error) {
    // The SDK's base-URL refusals (`insecure-base-url`, `invalid-base-url`): a usage error, nothing was sent.
    out(`${(error as { code?: string }).code ?? 'error'}: ${error instanceof Error ? error.message : ''}`);
    return 2;
  }
  if (values.json) out(JSON.stringify(report, null, 2));
  else {
    const label = { pass: 'ok  ', fail: 'FAIL', 'not-observed': 'n/a ', 'could-not-run': 'n/a ' } as const;
    for (const check of report.checks) {
      const note = check.note ? `: ${check.note}` : '';
      out(`${label[check.verdict]} ${check.name} (docs/api.md${check.rule})${note}`);
      for (const failure of check.failures) out(`       ${failure}`);
      if (check.verdict === 'fail')
        for (const e of check.exchanges.slice(-4)) out(`         sent ${e.sent} → ${e.got}`);
    }
    // Every rule of the contract, by the worst verdict of its checks; a rule without one is flagged.
    for (const rule of report.rules) {
      const verdicts = report.checks.filter((c) => rule.checks.includes(c.name)).map((c) => c.verdict);
      const worst = (['fail', 'could-not-run', 'not-observed', 'pass'] as const).find((v) =>
        verdicts.includes(v),
      );
      out(`rule ${rule.id}: ${worst ? label[worst] : 'NO CHECK'} ${rule.says} (${rule.checks.join(', ')})`);
    }
    const count = (v: string) => report.checks.filter((c) => c.verdict === v).length;
    out(
      `${count('pass')}/${report.checks.length} checks passed, ${count('fail')} failed, ${report.checks.length - count('pass') - count('fail')} n/a; ${report.requests} requests (${report.waits} waits asked by the server), ${report.seconds.toFixed(1)} s; registered ${JSON.stringify(report.registered.usages)} on shows conformance-${report.registered.run}-…`,
    );
  }
  return { pass: 0, fail: 1, incomplete: 3 }[report.verdict];
}
