// Errors are what a host application is most likely to forward to its logs or an error tracker. The API client's
// errors, against the real sandbox, must carry a code and plain parameters but never a card ID or the token:
// not in the message, the params, the cause chain, nor anything JSON.stringify or String() shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@kaiku-scanner/sandbox';
import { createApiClient, isKaikuError } from '@kaiku-scanner/core';

const TOKEN = 'privacy-err-token-51c9';
const SECRET = 'provider-secret-9d2e';
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, memory: true, seed: true, token: TOKEN });
});

afterAll(async () => {
  await sandbox?.close();
});

/** Everything an error tracker would serialise: message, stack, code, params, every cause. */
function everything(error: unknown): string {
  const parts: string[] = [];
  let e: unknown = error;
  for (let depth = 0; e !== undefined && e !== null && depth < 10; depth++) {
    parts.push(String(e));
    if (e instanceof Error) parts.push(e.message, e.stack ?? '');
    try {
      parts.push(JSON.stringify(e, Object.getOwnPropertyNames(e)));
      parts.push(JSON.stringify(e));
    } catch {
      parts.push('(unserialisable)');
    }
    e = (e as { cause?: unknown }).cause;
  }
  return parts.join('\n');
}

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('API client errors never carry a card ID or the token', () => {
  it('unknown card (404)', async () => {
    const client = createApiClient({ baseUrl: sandbox.url, getToken: () => TOKEN, retry: 0 });
    const error = await failure(() => client.lookupCard('A999000001'));
    expect(isKaikuError(error)).toBe(true);
    const text = everything(error);
    expect(text).not.toContain('A999000001');
    expect(text).not.toContain(TOKEN);
  });

  it('wrong token (401): neither the wrong nor the right token, nor the card', async () => {
    const client = createApiClient({ baseUrl: sandbox.url, getToken: () => `${TOKEN}-wrong`, retry: 0 });
    const error = await failure(() => client.lookupCard('A045198723'));
    expect(isKaikuError(error) && error.code).toBe('http-401');
    const text = everything(error);
    expect(text).not.toContain('A045198723');
    expect(text).not.toContain(TOKEN);
  });

  it('a token provider that throws: its error (which may hold secrets) is dropped', async () => {
    const client = createApiClient({
      baseUrl: sandbox.url,
      getToken: () => {
        throw new Error(`refresh failed for ${SECRET}`);
      },
      retry: 0,
    });
    const error = await failure(() => client.lookupCard('A045198723'));
    const text = everything(error);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('A045198723');
  });

  it('network failure (nothing listening): no card ID, no URL with it', async () => {
    const closed = await startSandbox({ port: 0, memory: true });
    const url = closed.url;
    await closed.close();
    const client = createApiClient({ baseUrl: url, getToken: () => TOKEN, retry: 0 });
    const error = await failure(() => client.lookupCard('A045198723'));
    expect(isKaikuError(error)).toBe(true);
    const text = everything(error);
    expect(text).not.toContain('A045198723');
    expect(text).not.toContain(TOKEN);
  });

  it('a malformed card ID is refused before any request, without echoing it', async () => {
    const client = createApiClient({ baseUrl: sandbox.url, getToken: () => TOKEN, retry: 0 });
    const error = await failure(() => client.lookupCard('A04519872'));
    expect(isKaikuError(error)).toBe(true);
    expect(everything(error)).not.toContain('A04519872');
  });
});
