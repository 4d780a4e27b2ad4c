// The conformance kit against our own sandbox (it must pass every check) and against servers that break the
// contract in typical ways (each must fail the check that covers it).
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox } from '../start-sandbox.js';
import type { Sandbox } from '../start-sandbox.js';
import { runConformance } from './run-conformance.js';
import { runConformanceCli } from './conformance-cli.js';

vi.mock('@kaiku-scanner/core', () => import('../../../core/src/index.js'));

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    memory: true,
    seed: true,
    venueTokens: { 'kit-token': 'teatteri-hilla', 'kit-token-kaiku': 'kulttuuritalo-kaiku' },
  });
});
afterAll(() => sandbox.close());

describe('the conformance kit', () => {
  it('passes every check against the sandbox, within its request budget', async () => {
    const report = await runConformance({
      baseUrl: sandbox.url,
      token: 'kit-token',
      otherVenue: { venueId: 'kulttuuritalo-kaiku', token: 'kit-token-kaiku' },
    });
    expect(report.checks.filter((c) => !c.ok || c.skipped)).toEqual([]);
    expect(report.checks.map((c) => c.name)).toEqual([
      'health',
      'auth',
      'card look-up',
      'idempotency',
      'cap atomicity',
      'refusal codes',
      'batch',
      'venue binding',
      'idempotency scope',
      'usage list',
    ]);
    expect(report.ok).toBe(true);
    expect(report.requests).toBeLessThanOrEqual(120);
  });

  it('says which checks it skipped without a second venue', async () => {
    const report = await runConformance({ baseUrl: sandbox.url, token: 'kit-token' });
    expect(report.checks.filter((c) => c.skipped).map((c) => c.name)).toEqual([
      'venue binding',
      'idempotency scope',
    ]);
  });

  it('fails a server whose tokens act for any venue', async () => {
    // The sandbox without --venue-token: any token for any venue.
    const open = await startSandbox({ memory: true, seed: true });
    try {
      const report = await runConformance({
        baseUrl: open.url,
        token: 'kit-token',
        otherVenue: { venueId: 'kulttuuritalo-kaiku', token: 'kit-token-kaiku' },
      });
      const failed = report.checks.filter((c) => !c.ok).map((c) => c.name);
      expect(failed).toEqual(['venue binding']);
    } finally {
      await open.close();
    }
  });

  it('fails a server with venue-bound tokens that lets one venue act for another (forVenueId)', async () => {
    // In front of the sandbox: a usage with a forVenueId is sent with that venue's token, as a server that took
    // `forVenueId` as permission would register it.
    const tokenOf: Record<string, string> = {
      'kulttuuritalo-kaiku': 'kit-token-kaiku',
      'teatteri-hilla': 'kit-token',
    };
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const headers = { ...req.headers } as Record<string, string>;
      delete headers.host;
      let body = Buffer.concat(chunks);
      const usage =
        req.url === '/v1/usages' ? (JSON.parse(body.toString() || '{}') as Record<string, string>) : {};
      if (usage.forVenueId && tokenOf[usage.forVenueId]) {
        headers.authorization = `Bearer ${tokenOf[usage.forVenueId]}`;
        body = Buffer.from(JSON.stringify({ ...usage, venueId: usage.forVenueId }));
        headers['content-length'] = String(body.length);
      }
      const upstream = await fetch(new URL(req.url!, sandbox.url), {
        method: req.method!,
        headers,
        ...(body.length ? { body } : {}),
      });
      res.writeHead(upstream.status, Object.fromEntries(upstream.headers));
      res.end(Buffer.from(await upstream.arrayBuffer()));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const report = await runConformance({
        baseUrl: url,
        token: 'kit-token',
        otherVenue: { venueId: 'kulttuuritalo-kaiku', token: 'kit-token-kaiku' },
      });
      const binding = report.checks.find((c) => c.name === 'venue binding')!;
      expect(binding.ok).toBe(false);
      expect(binding.failures.join('\n')).toMatch(/forVenueId\): status 201, expected 403/);
    } finally {
      server.close();
    }
  });

  it('stops at its budget and reports what it could not check', async () => {
    const report = await runConformance({ baseUrl: sandbox.url, token: 'kit-token', budget: 5 });
    expect(report.requests).toBe(5);
    expect(report.ok).toBe(false);
    expect(report.checks.at(-1)!.failures.join()).toMatch(/budget \(5\) is used up/);
  });

  it('fails a server that answers 200 {} to everything, and one whose errors are not problem+json', async () => {
    for (const answer of [
      (res: ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
      (res: ServerResponse) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>no</h1>'),
    ]) {
      const server = createServer((req, res) => {
        req.resume();
        answer(res);
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
        const report = await runConformance({ baseUrl: url, token: 't' });
        expect(report.ok).toBe(false);
        expect(report.checks.filter((c) => c.ok && !c.skipped).map((c) => c.name)).toEqual([]);
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
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const headers = { ...req.headers } as Record<string, string>;
      if (headers['idempotency-key'])
        headers['idempotency-key'] = `${headers['idempotency-key']}-${Math.random()}`;
      delete headers.host;
      const upstream = await fetch(new URL(req.url!, sandbox.url), {
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
      const report = await runConformance({ baseUrl: url, token: 'kit-token' });
      const idem = report.checks.find((c) => c.name === 'idempotency')!;
      expect(idem.ok).toBe(false);
      expect(idem.failures.join('\n')).toMatch(/replay|Idempotent-Replayed|201/);
    } finally {
      server.close();
    }
  });
});
