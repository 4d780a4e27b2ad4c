import { describe, expect, it, vi } from 'vitest';
import { get as httpGet } from 'node:http';
import { runCli, HELP } from './cli.js';

vi.mock('@kaiku-scanner/core', () => import('../../core/src/index.js'));

describe('kaiku-sandbox CLI', () => {
  it('prints help', async () => {
    const lines: string[] = [];
    expect(await runCli(['--help'], (l) => lines.push(l))).toEqual({ code: 0 });
    expect(lines.join('\n')).toBe(HELP);
    expect(HELP).toMatch(/--db FILE[\s\S]*--memory[\s\S]*--seed/);
  });

  it.each([
    [['--port', 'abc']],
    [['--port', '70000']],
    [['--frobnicate']],
    [['--db', 'x.db', '--memory']],
    [['--rate-limit', '0']],
    [['--rate-limit', 'fast']],
    [['--allow-host', 'http://kassa.example']],
    [['--allow-host', 'kassa.example:8787']],
    [['--agent', 'teatteri-hilla']],
    [['--venue-token', 'a=t', '--venue-token', 'b=t']],
  ])('refuses %j with exit code 2 and the help', async (args) => {
    const lines: string[] = [];
    expect(await runCli(args, (l) => lines.push(l))).toEqual({ code: 2 });
    expect(lines.join('\n')).toContain('Usage: kaiku-sandbox');
  });

  it('reports a database that cannot be opened with exit code 1 and one line', async () => {
    const lines: string[] = [];
    expect(
      await runCli(['--db', '/nonexistent-dir/x/kaiku.db', '--port', '0'], (l) => lines.push(l)),
    ).toEqual({
      code: 1,
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^kaiku-sandbox could not start: /);
  });

  it('starts a seeded in-memory sandbox on an ephemeral port and logs masked request lines', async () => {
    const lines: string[] = [];
    const result = await runCli(['--port', '0'], (l) => lines.push(l));
    if ('code' in result) throw new Error('expected a running sandbox');
    try {
      const r = await fetch(`${result.url}v1/cards/A045198723`, { headers: { authorization: 'Bearer x' } });
      expect(r.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(lines[0]).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+\/ \(in memory\)/);
      expect(lines.join('\n')).toMatch(/GET \/v1\/cards\/A0451••••• 200/);
    } finally {
      await result.close();
    }
  });

  it('--venue-token and --agent: names such as __proto__ are names; an agent registers for the venue that named it', async () => {
    const result = await runCli(
      [
        '--port',
        '0',
        '--quiet',
        '--venue-token',
        'lippupiste=__proto__',
        '--venue-token',
        'teatteri-hilla=constructor',
      ].concat(['--agent', 'teatteri-hilla=lippupiste']),
      () => undefined,
    );
    if ('code' in result) throw new Error('expected a running sandbox');
    try {
      const usage = (venueId: string, forVenueId: string, key: string) =>
        fetch(`${result.url}v1/usages`, {
          method: 'POST',
          headers: {
            authorization: 'Bearer __proto__',
            'content-type': 'application/json',
            'idempotency-key': key,
          },
          body: JSON.stringify({
            venueId,
            forVenueId,
            channel: 'ticket-agent',
            show: { id: 'cli-agent', name: 'x', start: '2030-01-01T18:00:00+02:00', kind: 'show' },
            cardId: 'A045198723',
            childTickets: 0,
            mode: 'booking',
            clientTime: '2026-11-21T08:00:00Z',
          }),
        });
      expect((await usage('lippupiste', 'teatteri-hilla', 'cli-agent-1')).status).toBe(201);
      expect((await usage('lippupiste', 'kulttuuritalo-kaiku', 'cli-agent-2')).status).toBe(403);
      const list = await fetch(`${result.url}v1/venues/teatteri-hilla/usages?from=2030-01-01&to=2030-01-01`, {
        headers: { authorization: 'Bearer constructor' },
      });
      expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(1);
    } finally {
      await result.close();
    }
  });

  it('--rate-limit: a client over the limit gets 429 rate-limited with Retry-After; another token is not slowed', async () => {
    const result = await runCli(['--port', '0', '--quiet', '--rate-limit', '2'], () => undefined);
    if ('code' in result) throw new Error('expected a running sandbox');
    try {
      const get = (token: string) =>
        fetch(`${result.url}v1/cards/A045198723`, { headers: { authorization: `Bearer ${token}` } });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await get('terminal-1')).status);
      expect(statuses.slice(0, 2)).toEqual([200, 200]);
      const limited = await get('terminal-1');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(limited.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(await limited.json()).toMatchObject({ status: 429, code: 'rate-limited' });
      expect((await get('terminal-2')).status).toBe(200);
      // The health check is never limited (monitoring must see the server).
      expect((await fetch(`${result.url}v1/health`)).status).toBe(200);
    } finally {
      await result.close();
    }
  });

  it('--allow-host: a configured name is answered, any other name is 421 host-not-allowed', async () => {
    const result = await runCli(['--port', '0', '--quiet', '--allow-host', 'kassa.example'], () => undefined);
    if ('code' in result) throw new Error('expected a running sandbox');
    const status = (host: string) =>
      new Promise<number | undefined>((resolve, reject) => {
        const url = new URL(result.url);
        httpGet({ host: url.hostname, port: url.port, path: '/v1/health', headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        }).on('error', reject);
      });
    try {
      expect(await status('kassa.example:8787')).toBe(200);
      expect(await status('other.example')).toBe(421);
    } finally {
      await result.close();
    }
  });

  it('conformance: runs the kit against a running sandbox; exit 3 for n/a, 1 for a failure, 2 for usage', async () => {
    const server = await runCli(['--port', '0', '--quiet', '--token', 'cli-kit'], () => undefined);
    if ('code' in server) throw new Error('expected a running sandbox');
    try {
      const lines: string[] = [];
      const result = await runCli(['conformance', '--base-url', server.url, '--token', 'cli-kit'], (l) =>
        lines.push(l),
      );
      // Without a second venue and token five checks cannot run (two as batch items), nor the named-agent one without
      // --other-is-agent; a fast server never shows a 409 in flight.
      expect(lines.join('\n')).toMatch(/^24\/31 checks passed, 0 failed, 7 n\/a; \d+ requests/m);
      expect(result).toEqual({ code: 3 });
      const wrong = await runCli(
        ['conformance', '--base-url', server.url, '--token', 'wrong'],
        () => undefined,
      );
      expect(wrong).toEqual({ code: 1 });
    } finally {
      await server.close();
    }
    expect(await runCli(['conformance', '--token', 'x'], () => undefined)).toEqual({ code: 2 });
    expect(
      await runCli(
        ['conformance', '--base-url', 'http://x/', '--token', 'x', '--cards', 'A1'],
        () => undefined,
      ),
    ).toEqual({ code: 2 });
  });
});
