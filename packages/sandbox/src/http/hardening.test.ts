// The sandbox as a hostile client finds it: test routes, Host checks, per-address limits, method and media-type
// answers, and Node's own replies (parse errors, oversized headers, timeouts, Expect, connection limit) — each
// answered with the contract's problem+json.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox } from '../start-sandbox.js';
import type { Sandbox, SandboxOptions } from '../start-sandbox.js';

vi.mock('@kaiku-scanner/core', () => import('../../../core/src/index.js'));

type Reply = { status: number; headers: Record<string, string>; body: string };

/** One raw HTTP exchange on its own connection (fetch would fix the Host header and the framing for us). */
function raw(port: number, text: string, { endAfterWrite = true } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    let data = '';
    const socket = connect(port, '127.0.0.1', () => (endAfterWrite ? socket.end(text) : socket.write(text)));
    const timer = setTimeout(() => socket.destroy(), 15_000);
    socket.on('data', (d: Buffer) => (data += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const head = /^HTTP\/1\.1 (\d{3})[^\r\n]*\r\n([\s\S]*?)\r\n\r\n([\s\S]*)$/.exec(data);
      if (!head) return reject(new Error(`no HTTP answer: ${JSON.stringify(data.slice(0, 200))}`));
      const headers = Object.fromEntries(
        head[2]!
          .split('\r\n')
          .map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      resolve({ status: Number(head[1]), headers, body: head[3]! });
    });
  });
}

function expectProblem(reply: Reply, status: number, code: string): void {
  expect(reply.status).toBe(status);
  expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(reply.body)).toMatchObject({ status, code });
}

const get = (path: string, headers = 'Host: localhost') =>
  `GET ${path} HTTP/1.1\r\n${headers}\r\nConnection: close\r\n\r\n`;

async function withSandbox(options: SandboxOptions, fn: (s: Sandbox) => Promise<void>): Promise<void> {
  const sandbox = await startSandbox({ memory: true, seed: true, ...options });
  try {
    await fn(sandbox);
  } finally {
    await sandbox.close();
  }
}

describe('test routes', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ memory: true, seed: true, testing: true, token: 'secret' });
  });
  afterAll(() => sandbox.close());
  const reset = (headers: Record<string, string>, body = '{}') =>
    fetch(`${sandbox.url}__sandbox/reset`, { method: 'POST', headers, body });

  it('require the configured token, like /v1/', async () => {
    const none = await reset({ 'content-type': 'application/json' });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'unauthorized' });
    expect((await reset({ authorization: 'Bearer other', 'content-type': 'application/json' })).status).toBe(
      401,
    );
    const count = await fetch(`${sandbox.url}__sandbox/usages/count?cardId=A045198723&showId=x`);
    expect(count.status).toBe(401);
    expect((await reset({ authorization: 'Bearer secret', 'content-type': 'application/json' })).status).toBe(
      200,
    );
  });

  it('refuse a simple cross-site request: text/plain is 415, a foreign Origin 403, nothing is reset', async () => {
    const plain = await reset({ authorization: 'Bearer secret', 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    expect(await plain.json()).toMatchObject({ code: 'unsupported-media-type' });
    const foreign = await reset({
      authorization: 'Bearer secret',
      'content-type': 'application/json',
      origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ code: 'forbidden' });
    const local = await reset({
      authorization: 'Bearer secret',
      'content-type': 'application/json',
      origin: 'http://localhost:5173',
    });
    expect(local.status).toBe(200);
  });

  it('refuse unknown or mistyped fields, naming them', async () => {
    const auth = { authorization: 'Bearer secret', 'content-type': 'application/json' };
    const clock = await fetch(`${sandbox.url}__sandbox/clock`, {
      method: 'POST',
      headers: auth,
      body: '{"offset":5}',
    });
    expect(clock.status).toBe(400);
    expect(await clock.json()).toMatchObject({
      issues: [{ path: 'offset', code: 'unknown-field', suggestion: 'offsetMs' }],
    });
    const delay = await fetch(`${sandbox.url}__sandbox/delay`, {
      method: 'POST',
      headers: auth,
      body: '{"ms":"9"}',
    });
    expect(await delay.json()).toMatchObject({ status: 400, issues: [{ path: 'ms', code: 'wrong-type' }] });
  });

  it('are off by default', async () => {
    await withSandbox({}, async (s) => {
      const res = await fetch(`${s.url}__sandbox/reset`, {
        method: 'POST',
        headers: { authorization: 'Bearer x', 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(404);
    });
  });
});

describe('Host allow-list (DNS rebinding)', () => {
  it('answers localhost names, IP addresses and configured names; 421 host-not-allowed otherwise', async () => {
    await withSandbox({ allowedHosts: ['kassa.example'] }, async (s) => {
      for (const host of [
        'localhost',
        `localhost:${s.port}`,
        'app.localhost',
        '127.0.0.1',
        '[::1]:80',
        'kassa.example:8787',
      ]) {
        expect((await raw(s.port, get('/v1/health', `Host: ${host}`))).status, host).toBe(200);
      }
      for (const host of ['evil.example', 'evil.example:8787', 'localhost.evil.example', '[', 'a b']) {
        const reply = await raw(s.port, get('/v1/health', `Host: ${host}`));
        expect(reply.status, host).toBeGreaterThanOrEqual(400);
        expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      expectProblem(await raw(s.port, get('/v1/health', 'Host: evil.example')), 421, 'host-not-allowed');
      expectProblem(await raw(s.port, get('http://evil.example/v1/health')), 421, 'host-not-allowed');
      expectProblem(
        await raw(s.port, `GET /v1/health HTTP/1.1\r\nConnection: close\r\n\r\n`),
        400,
        'invalid-request',
      );
    });
  });
});

describe('rate limit per client address', () => {
  it('rotating tokens does not evade it', async () => {
    await withSandbox({ rateLimit: { perSecond: 2, perAddress: 3 } }, async (s) => {
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) {
        const res = await fetch(`${s.url}v1/cards/A045198723`, {
          headers: { authorization: `Bearer rotate-${i}` },
        });
        statuses.push(res.status);
      }
      expect(statuses.filter((x) => x === 200).length).toBeLessThanOrEqual(12);
      expect(statuses).toContain(429);
    });
  });
});

describe('a body too large to read', () => {
  it('a 20 MiB chunked body is answered 413 payload-too-large, also to a client that reads only after sending', async () => {
    let reply = '';
    await withSandbox({}, async (sandbox) => {
      const port = Number(new URL(sandbox.url).port);
      reply = await new Promise<string>((resolve) => {
        let data = '';
        const socket = connect(port, '127.0.0.1', () => {
          socket.pause(); // like many HTTP/1.1 clients: the whole body first, then the answer
          socket.write(
            'POST /v1/usages HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer t\r\n' +
              'Content-Type: application/json\r\nIdempotency-Key: hardening-chunked-1\r\nTransfer-Encoding: chunked\r\n\r\n',
          );
          const chunk = `10000\r\n${' '.repeat(0x10000)}\r\n`;
          let sent = 0;
          const pump = (): void => {
            while (sent < 320 && !socket.destroyed) {
              sent++;
              if (!socket.write(chunk)) return void socket.once('drain', pump);
            }
            socket.write('0\r\n\r\n', () => socket.resume());
          };
          pump();
        });
        socket.on('data', (d: Buffer) => (data += d.toString()));
        socket.on('error', (e) => (data += ` [${e.message}]`)); // before: EPIPE / ECONNRESET, no answer read
        socket.on('close', () => resolve(data));
        setTimeout(() => socket.destroy(), 15_000);
      });
    });
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    expect(reply).toContain('"code":"payload-too-large"');
  });

  it('the 413 says Connection: close (it closes), and the drain after it stops at 32 MiB, not only after 2 s', async () => {
    await withSandbox({}, async (sandbox) => {
      const port = Number(new URL(sandbox.url).port);
      const { reply, sent } = await new Promise<{ reply: string; sent: number }>((resolve) => {
        let [data, sent] = ['', 0];
        const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true }, () => {
          socket.write(
            'POST /v1/usages HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer t\r\n' +
              'Content-Type: application/json\r\nIdempotency-Key: hardening-chunked-2\r\nTransfer-Encoding: chunked\r\n\r\n',
          );
          const chunk = `100000\r\n${' '.repeat(0x100000)}\r\n`;
          // Up to 256 MiB as fast as the server takes it; a bounded drain closes the connection long before.
          const pump = (): void => {
            while (sent < 256 && !socket.destroyed) {
              sent++;
              if (!socket.write(chunk)) return void socket.once('drain', pump);
            }
          };
          pump();
        });
        socket.on('data', (d: Buffer) => (data += d.toString()));
        socket.on('error', () => undefined);
        socket.on('close', () => resolve({ reply: data, sent }));
        setTimeout(() => socket.destroy(), 10_000);
      });
      expect(reply).toMatch(/^HTTP\/1\.1 413 [^]*\r\nConnection: close\r\n/i);
      expect(reply).not.toMatch(/keep-alive/i);
      expect(sent).toBeLessThan(64);
    });
  });
});

describe('every answer is the contract’s', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      memory: true,
      seed: true,
      limits: { headersTimeoutMs: 400, requestTimeoutMs: 800, maxConnections: 4 },
    });
  });
  afterAll(() => sandbox.close());
  const auth = { authorization: 'Bearer t' };

  it('405 method-not-allowed with Allow for a known path; HEAD answers like GET without a body', async () => {
    const del = await fetch(`${sandbox.url}v1/usages`, { method: 'DELETE', headers: auth });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('POST, OPTIONS');
    expect(await del.json()).toMatchObject({ code: 'method-not-allowed' });
    const getBatch = await fetch(`${sandbox.url}v1/usages/batch`, { headers: auth });
    expect(getBatch.status).toBe(405);
    const head = await fetch(`${sandbox.url}v1/health`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
    expect(await head.text()).toBe('');
  });

  it('413 payload-too-large and 415 unsupported-media-type are their own codes', async () => {
    const headers = { ...auth, 'idempotency-key': 'hardening-key-1' };
    const big = await fetch(`${sandbox.url}v1/usages`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: `"${'x'.repeat(1_100_000)}"`,
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: 'payload-too-large' });
    const form = await fetch(`${sandbox.url}v1/usages`, { method: 'POST', headers, body: 'a=b' });
    expect(form.status).toBe(415);
    expect(await form.json()).toMatchObject({ code: 'unsupported-media-type' });
  });

  it('an empty show ID is 400, not a tally that breaks its own schema', async () => {
    const res = await fetch(`${sandbox.url}v1/shows//tally`, { headers: auth });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid-request', issues: [{ path: 'showId' }] });
  });

  it('a ?venueId= query cannot override the path; unknown and repeated parameters are named', async () => {
    const base = `${sandbox.url}v1/venues/teatteri-hilla/usages?from=2020-01-01&to=2040-01-01`;
    const over = await fetch(`${base}&venueId=kulttuuritalo-kaiku`, { headers: auth });
    expect(over.status).toBe(400);
    expect(await over.json()).toMatchObject({ issues: [{ path: 'venueId', code: 'unknown-field' }] });
    const twice = await fetch(`${base}&from=2021-01-01`, { headers: auth });
    expect(await twice.json()).toMatchObject({ status: 400, issues: [{ path: 'from', code: 'duplicate' }] });
    expect((await fetch(base, { headers: auth })).status).toBe(200);
  });

  it('Node’s own refusals are problems: a malformed request 400, oversized headers 431, Expect 417', async () => {
    expectProblem(
      await raw(sandbox.port, 'GET / HTTP/9.9\r\nHost: localhost\r\n\r\n'),
      400,
      'invalid-request',
    );
    expectProblem(await raw(sandbox.port, 'G@T / HTTP/1.1\r\n\r\n'), 400, 'invalid-request');
    expectProblem(
      await raw(sandbox.port, `GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'y'.repeat(20_000)}\r\n\r\n`),
      431,
      'headers-too-large',
    );
    expectProblem(
      await raw(sandbox.port, 'GET /v1/health HTTP/1.1\r\nHost: localhost\r\nExpect: teapot\r\n\r\n'),
      417,
      'expectation-failed',
    );
    expectProblem(
      await raw(sandbox.port, 'CONNECT localhost:22 HTTP/1.1\r\nHost: localhost:22\r\n\r\n'),
      405,
      'method-not-allowed',
    );
  });

  it('a client that trickles its headers or body gets 408 request-timeout', async () => {
    const slowHead = await raw(sandbox.port, 'GET /v1/health HTTP/1.1\r\nHost: localhost\r\n', {
      endAfterWrite: false,
    });
    expectProblem(slowHead, 408, 'request-timeout');
    const slowBody = await raw(
      sandbox.port,
      'POST /v1/usages HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer t\r\nIdempotency-Key: slow-body-key\r\n' +
        'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"venueId":',
      { endAfterWrite: false },
    );
    expectProblem(slowBody, 408, 'request-timeout');
  });

  it('connections beyond the limit get 503 unavailable with Retry-After, and the server recovers', async () => {
    const held = await Promise.all(
      Array.from(
        { length: 4 },
        () =>
          new Promise<ReturnType<typeof connect>>((r) => {
            const s = connect(sandbox.port, '127.0.0.1', () => r(s));
            s.on('error', () => undefined);
          }),
      ),
    );
    try {
      const over = await raw(sandbox.port, get('/v1/health'));
      expectProblem(over, 503, 'unavailable');
      expect(over.headers['retry-after']).toBe('1');
    } finally {
      for (const s of held) s.destroy();
    }
    // The server counts a connection closed when its socket's close event comes, which under load can take longer
    // than any fixed pause: ask again, as a client honouring Retry-After would, until it answers or 5 s have passed.
    const deadline = Date.now() + 5000;
    let status = (await raw(sandbox.port, get('/v1/health'))).status;
    while (status === 503 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await raw(sandbox.port, get('/v1/health'))).status;
    }
    expect(status).toBe(200);
  });
});

describe('request log', () => {
  it('masks a card ID written with separators or invisible characters', async () => {
    const lines: string[] = [];
    await withSandbox({ logger: (l) => lines.push(l) }, async (s) => {
      for (const id of ['A045%20198%20723', 'A045-198-723', 'A045%E2%80%8B198723', 'A045%C2%AD198723']) {
        await fetch(`${s.url}v1/cards/${id}`, { headers: { authorization: 'Bearer t' } });
      }
      await new Promise((r) => setTimeout(r, 20));
    });
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      expect(line).toMatch(/^GET \/v1\/cards\/A045.*•.* 400 /);
      expect(line.replace(/[^\p{Nd}]/gu, '').startsWith('10451400')).toBe(true);
    }
  });
});

describe('request log injection', () => {
  it('a path with escape sequences or line breaks is logged as one line, with them shown as escapes', async () => {
    const lines: string[] = [];
    await withSandbox({ logger: (l) => lines.push(l) }, async (s) => {
      const hostile = '/x%1b]0;pwned%07%1b%5b2J%0d%0aGET%20/v1/forged%20200%201.0ms%e2%80%ae';
      expect((await raw(s.port, get(hostile))).status).toBe(404);
      await new Promise((r) => setTimeout(r, 20));
    });
    expect(lines).toHaveLength(1);
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(lines[0]).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(lines[0]).toContain('\\x1B]0;pwned\\x07');
    expect(lines[0]).toMatch(/ 404 [\d.]+ms$/);
  });
});

describe('tenancy', () => {
  it("show IDs are per venue: another venue's show of the same ID is another show, with its own cap", async () => {
    await withSandbox({}, async (s) => {
      const register = (venueId: string, cardId: string, key: string, forVenueId?: string) =>
        fetch(`${s.url}v1/usages`, {
          method: 'POST',
          headers: { authorization: 'Bearer t', 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify({
            venueId,
            ...(forVenueId ? { forVenueId, channel: 'ticket-agent' } : { channel: 'box-office' }),
            show: { id: 'shared-id', name: 'Ilta', start: '2030-01-01T18:00:00+02:00', kind: 'show', cap: 1 },
            cardId,
            childTickets: 0,
            mode: 'booking',
            clientTime: '2026-11-21T08:00:00Z',
          }),
        });
      expect((await register('teatteri-hilla', 'A999005458', 'tenancy-key-1')).status).toBe(201);
      // Kaiku's `shared-id` is Kaiku's own show: it neither spends Hilla's cap nor is refused for Hilla's ID.
      const other = await register('kulttuuritalo-kaiku', 'A999005429', 'tenancy-key-2');
      expect(await other.json()).toMatchObject({ showTally: { ticketsGiven: 1, cap: 1 } });
      // A ticket agent selling for the owning venue is that venue's sale: Hilla's cap (1) is used up.
      const agent = await register('kulttuuritalo-kaiku', 'A999005461', 'tenancy-key-3', 'teatteri-hilla');
      expect(await agent.json()).toMatchObject({ code: 'cap-reached' });
    });
  });
});
