// The sandbox's request log never holds a full card ID: card IDs in the path (every prefix, any case), in unknown
// routes, in query strings and in request bodies, valid or not. Runs the real server (in memory) with its logger.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@kaiku-scanner/sandbox';

let sandbox: Sandbox;
const lines: string[] = [];
const TOKEN = 'privacy-log-token-7f3a';

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    memory: true,
    seed: true,
    testing: true,
    logger: (line) => lines.push(line),
  });
});

afterAll(async () => {
  await sandbox?.close();
});

/** Sends one request and returns the log lines it produced (the line is written when the response finishes). */
async function logOf(path: string, init: RequestInit = {}): Promise<string> {
  const before = lines.length;
  const res = await fetch(new URL(path, sandbox.url), {
    ...init,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
  });
  await res.text();
  for (let i = 0; i < 50 && lines.length === before; i++) await new Promise((r) => setTimeout(r, 2));
  return lines.slice(before).join('\n');
}

/** Card IDs in the product's format: A/Y/X/Z + 9 digits, AM/YM + 8 or 9 digits. */
const cardIds = fc.oneof(
  fc.tuple(fc.constantFrom('A', 'Y', 'X', 'Z'), fc.stringMatching(/^\d{9}$/)).map(([p, d]) => p + d),
  fc.tuple(fc.constantFrom('AM', 'YM'), fc.stringMatching(/^\d{8,9}$/)).map(([p, d]) => p + d),
);

const full = (log: string, id: string): boolean => log.toUpperCase().includes(id.toUpperCase());

describe('sandbox request log', () => {
  it('logs one masked line per request: prefix and four digits kept', async () => {
    const log = await logOf('v1/cards/A045198723');
    expect(log).toMatch(/^GET \/v1\/cards\/A0451••••• 200 \d+(\.\d+)?ms$/);
  });

  it('masks every card ID in the path, any prefix, upper or lower case, known or unknown route', async () => {
    await fc.assert(
      fc.asyncProperty(
        cardIds,
        fc.boolean(),
        fc.constantFrom(
          'v1/cards/%s',
          'v1/shows/%s/tally',
          'v1/venues/%s/usages',
          'v1/nope/%s',
          'v1/cards/%s/x',
        ),
        async (id, lower, route) => {
          const shown = lower ? id.toLowerCase() : id;
          const log = await logOf(route.replace('%s', shown));
          expect(log.length).toBeGreaterThan(0);
          expect(full(log, id)).toBe(false);
          // What stays readable: the prefix and the first four digits, then one bullet per hidden digit.
          const [, prefix = '', digits = ''] = /^([A-Za-z]+)(\d+)$/.exec(shown) ?? [];
          expect(log).toContain(`${prefix}${digits.slice(0, 4)}${'•'.repeat(digits.length - 4)}`);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never logs query strings or bodies (where card IDs and group members travel)', async () => {
    const q = await logOf('__sandbox/usages/count?cardId=A045198723&showId=hilla-taikuri-matti');
    expect(q).toBe(q.split('?')[0]);
    expect(full(q, 'A045198723')).toBe(false);
    const usage = {
      venueId: 'teatteri-hilla',
      show: {
        id: 'hilla-taikuri-matti',
        name: 'Taikuri Matti',
        start: '2026-12-03T18:00:00+02:00',
        kind: 'show',
      },
      cardId: 'A999005458',
      childTickets: 0,
      group: { memberCardIds: ['Y110029399'], under16Clients: 0 },
      channel: 'box-office',
      mode: 'booking',
      clientTime: new Date().toISOString(),
    };
    for (const body of [
      JSON.stringify(usage),
      '{"cardId":"A999005458"',
      JSON.stringify({ cardId: 'A999005458' }),
    ]) {
      const log = await logOf('v1/usages', { method: 'POST', body });
      expect(log).toMatch(/^POST \/v1\/usages \d{3} /);
      expect(full(log, 'A999005458')).toBe(false);
      expect(full(log, 'Y110029399')).toBe(false);
    }
    const batch = await logOf('v1/usages/batch', {
      method: 'POST',
      body: JSON.stringify({ items: [{ idempotencyKey: crypto.randomUUID(), usage }] }),
    });
    expect(full(batch, 'A999005458')).toBe(false);
  });

  it('never logs the bearer token or any header', async () => {
    await logOf('v1/cards/A999005458');
    await logOf('v1/usages', { method: 'POST', body: '{}' });
    expect(lines.join('\n')).not.toContain(TOKEN);
    expect(lines.join('\n')).not.toMatch(/bearer|authorization/i);
  });

  it('no line of the whole run holds a run of 7+ digits after a letter (an unmasked card ID)', () => {
    expect(lines.length).toBeGreaterThan(60);
    expect(lines.filter((l) => /[A-Za-z]{1,2}\d{7,}/.test(l))).toEqual([]);
  });
});
