// The conformance kit against our own sandbox (it must pass every check) and against servers that break the
// contract in typical ways (each must fail the check that covers it). The tests run at once, each on a sandbox of
// its own (≈ 10 ms to start): a kit run mostly waits (on a show about to start, a slow or rate-limited server), and
// the usage list check reads the kit's whole day, which another run must not write to meanwhile.
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { startSandbox, type SandboxOptions } from '../start-sandbox.js';
import {
  CHECKS,
  runConformance,
  type ConformanceOptions,
  type ConformanceReport,
} from './run-conformance.js';
import { runConformanceCli } from './conformance-cli.js';
import { type Mutant, mutants, otherOffsets, slow, startMutant } from './mutants.test-support.js';
import { routeMutants } from './mutants-routes.test-support.js';
import { RULES, type RuleId } from './rules.js';
import { CARRIED } from './rule-routes.test-support.js';

vi.mock('@kaiku-scanner/core', () => import('../../../core/src/index.js'));

// A whole kit run (dozens of requests, a cap race, a show that starts in 3 s) takes 4–5 s idle, and several run at
// once (four at most: eight at once timed out at load 19, the suite's lanes side by side). The guard is for a hang,
// not a speed limit (that is `npm run bench`; `npm run bench conformance-kit` runs the whole kit against every
// mutant).
vi.setConfig({ testTimeout: 300_000, maxConcurrency: 4 });

const TOKENS = {
  'kit-token': 'teatteri-hilla',
  'kit-token-2': 'teatteri-hilla',
  'kit-token-kaiku': 'kulttuuritalo-kaiku',
};
/** Everything the kit can be given: a second venue, a refreshed token. */
const FULL: Omit<ConformanceOptions, 'baseUrl'> = {
  token: 'kit-token',
  secondToken: 'kit-token-2',
  otherVenue: { venueId: 'kulttuuritalo-kaiku', token: 'kit-token-kaiku' },
  otherIsAgent: true,
};
/** Our venue names the other one its ticket agent (the named-agent check). */
const AGENTS = { 'teatteri-hilla': ['kulttuuritalo-kaiku'] };
/** The sandbox as the kit is pointed at it: two venues, their tokens, the named agent. */
const SANDBOX: SandboxOptions = { memory: true, seed: true, venueTokens: TOKENS, agents: AGENTS };
const failed = (r: ConformanceReport) => r.checks.filter((c) => c.verdict === 'fail').map((c) => c.name);
/** What a correct server shows: everything passes but the in-progress 409, which a fast server never gives. */
function expectConformant(report: ConformanceReport): void {
  expect(
    report.checks
      .filter((c) => c.verdict !== 'pass')
      .map((c) => `${c.name}: ${c.verdict} ${c.failures.join('; ')}`),
  ).toEqual(['duplicates in flight: not-observed ']);
  expect(report.verdict).toBe('incomplete');
}

/** `test` with the URL of a sandbox of its own (`SANDBOX` unless `options`), closed after it. */
async function onSandbox<T>(test: (url: string) => Promise<T>, options = SANDBOX): Promise<T> {
  const sandbox = await startSandbox(options);
  try {
    return await test(sandbox.url);
  } finally {
    await sandbox.close();
  }
}
/** `test` with the URL of `mutant` in front of a sandbox of its own. */
const onMutant = <T>(mutant: Mutant, test: (url: string) => Promise<T>, options = SANDBOX) =>
  onSandbox(async (url) => {
    const proxy = await startMutant(url, mutant);
    try {
      return await test(proxy.url);
    } finally {
      proxy.close();
    }
  }, options);

describe.concurrent('the conformance kit', () => {
  it('passes every check against the sandbox, and says what it could not observe', async () => {
    const report = await onSandbox((url) => runConformance({ baseUrl: url, ...FULL }));
    expectConformant(report);
    expect(report.checks.length).toBeGreaterThanOrEqual(17);
    expect(report.checks.every((c) => c.rule.startsWith('#'))).toBe(true);
    expect(report.requests).toBeLessThanOrEqual(400);
    expect(report.registered.usages['teatteri-hilla']).toBeGreaterThan(10);
    // The rule × route table: every route that carries a rule is reached by that rule's checks (privacy reads
    // every answer, and every body goes in each spelling of JSON: those two reach what any check reached).
    const missing = Object.entries(CARRIED).flatMap(([rule, routes]) => {
      const everywhere = rule === 'privacy' || rule === 'json-media-type';
      const reach = report.checks.filter((c) => everywhere || c.rules.includes(rule as RuleId));
      return routes!.filter((r) => !reach.some((c) => c.routes.includes(r))).map((r) => `${rule} × ${r}`);
    });
    expect(missing).toEqual([]);
    expect(Object.values(CARRIED).flat().length).toBe(69);
    expect(report.checks.find((c) => c.name === 'cap race')?.note).toBe(
      '10 clients (5 cards) on a cap of 4: overshot in 0 of 5 trials',
    );
  });

  describe('passes correct servers that are awkward', () => {
    it('one that rate-limits each client (429 + Retry-After), over a slow link', async () => {
      // A burst of 4: the kit's parallel checks (8 and 10 at once) meet a 429 however slow the machine is. Each answer
      // takes 25 ms, over the 20 ms a token takes to come back: the kit's one-at-a-time requests never run the bucket
      // dry, so only those bursts wait (a second each; about 50 waits, 13 s), not every fifth request (60 s, more the
      // faster the machine).
      const limited = { ...SANDBOX, rateLimit: { perSecond: 50, burst: 4 } };
      const report = await onMutant(slow(25), (url) => runConformance({ baseUrl: url, ...FULL }), limited);
      expectConformant(report);
      expect(report.waits).toBeGreaterThan(0);
    });

    it('one that answers one usage a page whatever the limit (the kit walks them all, or says it could not)', async () => {
      const one = (m: string, at: string, n: string) => (+n >= 1 && +n <= 1000 ? `${at}1` : m);
      const onePerPage: Mutant = { request: (x) => void (x.path = x.path.replace(/([?&]limit=)(\d+)/, one)) };
      expectConformant(await onMutant(onePerPage, (url) => runConformance({ baseUrl: url, ...FULL })));
    });

    it('a slow one', async () => {
      expectConformant(await onMutant(slow(15), (url) => runConformance({ baseUrl: url, ...FULL })));
    });

    it('one that writes a time it sent before in another offset (a replay, a void again)', async () => {
      expectConformant(await onMutant(otherOffsets(), (url) => runConformance({ baseUrl: url, ...FULL })));
    });

    it('one whose venue has 1 100 usages on the day of the kit', async () => {
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(
        new Date(Date.now() + 14 * 86_400_000),
      );
      const report = await onSandbox(async (url) => {
        for (let b = 0; b < 11; b++) {
          const items = Array.from({ length: 100 }, (_, i) => ({
            idempotencyKey: `busy-day-${b}-${i}`,
            usage: {
              venueId: 'teatteri-hilla',
              show: { id: 'busy-day', name: 'Busy', start: `${day}T10:00:00+02:00`, kind: 'show' },
              cardId: 'A999005458',
              childTickets: 0,
              channel: 'box-office',
              mode: 'booking',
              clientTime: new Date().toISOString(),
            },
          }));
          const res = await fetch(new URL('v1/usages/batch', url), {
            method: 'POST',
            headers: { authorization: 'Bearer kit-token', 'content-type': 'application/json' },
            body: JSON.stringify({ items }),
          });
          expect(res.status).toBe(200);
        }
        return runConformance({ baseUrl: url, ...FULL });
      });
      expectConformant(report);
    });
  });

  it('says which checks could not run without a second venue or token', async () => {
    const report = await onSandbox((url) => runConformance({ baseUrl: url, token: 'kit-token' }));
    expect(report.checks.filter((c) => c.verdict === 'could-not-run').map((c) => c.name)).toEqual([
      'venue binding',
      'idempotency scope',
      'keys across a token refresh',
      'ticket agent',
      'venue binding (batch items)',
      'idempotency scope (batch items)',
    ]);
    expect(failed(report)).toEqual([]);
  });

  it('finds out from the first sale whether the other venue is our ticket agent', async () => {
    const agent = { ...FULL, otherIsAgent: false, only: ['ticket agent'] };
    const named = await onSandbox((url) => runConformance({ baseUrl: url, ...agent }));
    expect(named.checks.map((c) => [c.name, c.verdict])).toEqual([['ticket agent', 'pass']]);
    // Every check: none fails where the other venue is no agent of ours.
    const unnamed = { memory: true, seed: true, venueTokens: TOKENS };
    const report = await onSandbox(
      (url) => runConformance({ baseUrl: url, ...FULL, otherIsAgent: false }),
      unnamed,
    );
    expect(report.checks.find((c) => c.name === 'ticket agent')?.verdict).toBe('could-not-run');
    expect(failed(report)).toEqual([]);
  });

  it('runs only the checks it is given, in its own order, and refuses a name it does not have', async () => {
    const report = await onSandbox((url) =>
      runConformance({ baseUrl: url, ...FULL, only: ['auth', 'health'] }),
    );
    expect([report.verdict, ...report.checks.map((c) => c.name)]).toEqual(['pass', 'health', 'auth']);
    expect(report.rules.find((r) => r.id === 'void-window')?.checks).toEqual(['void']);
    for (const only of [['health', 'helth'], []])
      await expect(runConformance({ baseUrl: 'http://127.0.0.1:9/', token: 't', only })).rejects.toThrow(
        RangeError,
      );
  });

  it('fails a server whose tokens act for any venue', async () => {
    // The sandbox without --venue-token: any token for any venue (and any token at all).
    const open = { memory: true, seed: true };
    const report = await onSandbox((url) => runConformance({ baseUrl: url, ...FULL }), open);
    // Our token also voids our agent's sale.
    const wrong = [
      'auth',
      'venue binding',
      'show list',
      'ticket agent',
      'void',
      'venue binding (batch items)',
    ];
    expect(failed(report)).toEqual(wrong);
  });

  it('cannot run the checks that need the minors when a look-up omits them (never a guessed 0)', async () => {
    const withoutMinors: Mutant = {
      response(x, reply) {
        if (x.path === 'v1/cards/lookup') delete (reply.json as { minors?: unknown }).minors;
      },
    };
    const report = await onMutant(withoutMinors, (url) => runConformance({ baseUrl: url, ...FULL }));
    const needMinors = [
      'refusals with their reasons',
      'bookings against the cap',
      'collections against the cap',
    ];
    expect(needMinors.map((name) => report.checks.find((c) => c.name === name)?.verdict)).toEqual(
      needMinors.map(() => 'could-not-run'),
    );
    // The look-up check itself fails: a card record without `minors` breaks the contract.
    expect(failed(report)).toEqual(['card look-up']);
  });

  // Each mutant meets the checks that guard a rule it breaks, not the whole kit: one of them must fail. (The whole kit
  // against every mutant, with every check each fails: `npm run bench conformance-kit`.)
  describe('fails every server that breaks one rule', () => {
    const all = { ...mutants({ otherToken: 'kit-token-kaiku', active: 'A999005458' }), ...routeMutants() };
    it('has a mutant for every rule of the contract', () => {
      const broken = new Set(Object.values(all).flatMap((m) => m.breaks ?? []));
      expect(Object.keys(RULES).filter((id) => !broken.has(id as RuleId))).toEqual([]);
    });
    // Two checks read what the checks before them did: the usage list lists the day's usages (ours and the other
    // venue's: these register some), the privacy check every answer (the look-ups get errors and card records).
    const feeds: Record<string, string[]> = {
      'usage list': ['already used', 'venue binding'],
      'privacy: no card ID in answers': ['card look-up'],
    };
    for (const [name, mutant] of Object.entries(all)) {
      it(name, async () => {
        const guards = CHECKS.filter((c) => c.rules.some((r) => mutant.breaks?.includes(r))).map(
          (c) => c.name,
        );
        const only = [...guards, ...guards.flatMap((g) => feeds[g] ?? [])];
        const report = await onMutant(mutant, (url) => runConformance({ baseUrl: url, ...FULL, only }));
        expect(report.checks.map((c) => c.name).sort()).toEqual([...new Set(only)].sort());
        // A check that guards the rule it breaks is among those that fail.
        expect(failed(report).filter((c) => guards.includes(c))).not.toEqual([]);
      });
    }
  });

  it('prints JSON and exits 3 when nothing failed but something was not observed', async () => {
    const lines: string[] = [];
    const args = (url: string) => ['--base-url', url, '--token', 'kit-token', '--json'];
    expect(await onSandbox((url) => runConformanceCli(args(url), (l) => lines.push(l)))).toBe(3);
    const report = JSON.parse(lines.join('\n')) as ConformanceReport;
    expect(report.checks.find((c) => c.name === 'duplicates in flight')?.verdict).toBe('not-observed');
  });

  it('stops at its budget and reports what it could not check', async () => {
    const report = await onSandbox((url) => runConformance({ baseUrl: url, token: 'kit-token', budget: 5 }));
    expect(report.requests).toBe(5);
    expect(report.ok).toBe(false);
    const stopped = report.checks.filter((c) => /budget \(5\) is used up/.test(c.note ?? ''));
    expect(stopped.length).toBeGreaterThan(10);
    expect(stopped.every((c) => c.verdict === 'could-not-run')).toBe(true);
  });

  it('fails a server that answers 200 {} to everything, and one whose errors are not problem+json', async () => {
    for (const [i, answer] of [
      (res: ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
      (res: ServerResponse) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>no</h1>'),
    ].entries()) {
      const server = createServer((req, res) => {
        req.resume();
        answer(res);
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
        const report = await runConformance({ baseUrl: url, token: 't' });
        expect(report.ok).toBe(false);
        // Only the privacy check can pass: an HTML error quotes no card ID.
        expect(report.checks.filter((c) => c.verdict === 'pass').map((c) => c.name)).toEqual(
          i === 0 ? [] : ['privacy: no card ID in answers'],
        );
        // An HTML error page is named as what it likely is: a proxy's or firewall's, not the API's answer.
        const said = report.checks.flatMap((c) => c.failures).join('\n');
        if (i === 1)
          expect(said).toMatch(/text\/html, expected application\/problem\+json \(an intermediary\?/);
      } finally {
        server.close();
      }
    }
  });

  it('prints what a hostile server says with its control characters escaped', async () => {
    const server = createServer((req, res) => {
      req.resume();
      res
        .writeHead(400, { 'content-type': 'application/problem+json' })
        .end(JSON.stringify({ type: 'x', title: 'x', status: 400, code: '\u001b]0;pwned\u0007\u202e' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const lines: string[] = [];
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      expect(await runConformanceCli(['--base-url', url, '--token', 't'], (l) => lines.push(l))).toBe(1);
      const printed = lines.join('\n');
      expect(printed).toContain('\\x1B]0;pwned');
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      expect(printed).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    } finally {
      server.close();
    }
  });

  it('fails a server that registers a duplicate twice (no idempotency)', async () => {
    // A proxy in front of the sandbox that drops the Idempotency-Key: every retry is a new usage.
    const report = await onSandbox(async (sandbox) => {
      const server = createServer(async (req, res) => {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        const headers = { ...req.headers } as Record<string, string>;
        if (headers['idempotency-key'])
          headers['idempotency-key'] = `${headers['idempotency-key']}-${Math.random()}`;
        delete headers.host;
        const upstream = await fetch(new URL(req.url!, sandbox), {
          method: req.method!,
          headers,
          ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
        });
        res.writeHead(upstream.status, Object.fromEntries(upstream.headers));
        res.end(Buffer.from(await upstream.arrayBuffer()));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
        return await runConformance({ baseUrl: url, token: 'kit-token', only: ['idempotency'] });
      } finally {
        server.close();
      }
    });
    const idem = report.checks.find((c) => c.name === 'idempotency')!;
    expect(idem.ok).toBe(false);
    expect(idem.failures.join('\n')).toMatch(/replay|Idempotent-Replayed|201/);
  });
});

describe.concurrent('safe to point at a real server', () => {
  const listen = async (answer: (res: ServerResponse) => void) => {
    const server = createServer((req, res) => {
      req.resume();
      answer(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
      close: () => server.close(),
    };
  };

  it('refuses plain http to another machine before sending a token, as the SDK does (insecure-base-url)', async () => {
    const spy = vi.fn<typeof fetch>();
    await expect(
      runConformance({ baseUrl: 'http://192.0.2.1/api/', token: 't', fetch: spy }),
    ).rejects.toMatchObject({ code: 'insecure-base-url' });
    expect(spy).not.toHaveBeenCalled();
    const lines: string[] = [];
    const args = ['--base-url', 'http://kaikukanta.example/', '--token-env', 'KIT_TOKEN'];
    expect(await runConformanceCli(args, (l) => lines.push(l), { KIT_TOKEN: 't' })).toBe(2);
    expect(lines.join('\n')).toContain('insecure-base-url');
  });

  it('takes its tokens from the environment (--token-env, --other-token-env …), not only argv', async () => {
    const lines: string[] = [];
    const env = { KIT_A: 'kit-token', KIT_B: 'kit-token-kaiku' };
    const codes = await onSandbox(async (url) => {
      const args = ['--base-url', url, '--token-env', 'KIT_A', '--other-venue', 'kulttuuritalo-kaiku'];
      return [
        await runConformanceCli([...args, '--other-token-env', 'KIT_B', '--json'], (l) => lines.push(l), env),
        await runConformanceCli(['--base-url', url, '--token-env', 'KIT_NONE'], () => {}, env),
      ];
    });
    expect(codes).toEqual([3, 2]);
    const report = JSON.parse(lines.join('\n')) as ConformanceReport;
    expect(report.checks.find((c) => c.name === 'venue binding')?.verdict).toBe('pass');
  });

  // An answer as long as the client reads (1 GiB at most): only a client that stops reading at 8 MiB ends it. (A
  // 64 MiB answer and "under 48 MiB written" failed at load 15: the transport read ahead of a busy kit.)
  it('reads at most 8 MiB of an answer, and streams it (an endless health answer is cut off)', async () => {
    let written = 0;
    const server = await listen((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1 << 20, 0x20);
      const pump = (): void => {
        while (written < 1 << 30 && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    try {
      const report = await runConformance({ baseUrl: server.url, token: 't', budget: 1 });
      const health = report.checks.find((c) => c.name === 'health')!;
      expect(health.failures.join()).toMatch(/over 8 MiB/);
      expect(written).toBeLessThan(1 << 30);
    } finally {
      server.close();
    }
  });

  it('says a slow server could not be checked, naming the request and --timeout-ms, not that it failed', async () => {
    // A legal but slow registry (a 100-item batch at 300 ms an item) is no contract fault; nor is it silently passed.
    const server = await listen(() => undefined);
    try {
      const report = await runConformance({ baseUrl: server.url, token: 't', budget: 3, timeoutMs: 150 });
      const health = report.checks.find((c) => c.name === 'health')!;
      expect([health.verdict, report.verdict]).toEqual(['could-not-run', 'incomplete']);
      expect(health.note).toMatch(/GET \/v1\/health.*150 ms.*--timeout-ms/);
    } finally {
      server.close();
    }
  });

  it('masks card IDs in its report, --json and what it quotes from the server', async () => {
    const server = await listen((res) =>
      res
        .writeHead(400, { 'content-type': 'text/x-A045198723' })
        .end(JSON.stringify({ type: 'x', title: 'x', status: 400, code: 'A999005458' })),
    );
    try {
      for (const json of [[], ['--json']]) {
        const lines: string[] = [];
        await runConformanceCli(['--base-url', server.url, '--token', 't', ...json], (l) => lines.push(l));
        expect(lines.join('\n')).toMatch(/A0451•••••/);
        expect(lines.join('\n')).not.toMatch(/A045198723|A999005458/);
      }
      const report = await runConformance({ baseUrl: server.url, token: 't' });
      expect(JSON.stringify(report)).not.toMatch(/A045198723|A999005458/);
    } finally {
      server.close();
    }
  });
});
