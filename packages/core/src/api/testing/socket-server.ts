/**
 * A real HTTP server misbehaving at the socket level, for what msw cannot fake: connections reset before or during
 * the body, bodies shorter than their Content-Length, stalls, redirects.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { createApiClient } from '../create-api-client.js';
import type { KaikuApiError } from '../api-errors.js';

export type Fault = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A server on 127.0.0.1 for one test file: each request counts in `hits` and is answered by `fault`.
 *
 * @example
 * const socket = useSocketServer();
 * socket.fault = (req) => req.socket.destroy();
 */
export function useSocketServer() {
  const state = { fault: ((_req, res) => res.end()) as Fault, hits: 0, url: '' };
  let server: Server;
  beforeAll(async () => {
    server = createServer((req, res) => {
      state.hits++;
      req.resume();
      state.fault(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return state;
}

/** A client of the socket server: 2 quick retries, a 2 s timeout unless given. */
export const socketClient = (socket: { url: string }, timeoutMs = 2000) =>
  createApiClient({
    baseUrl: socket.url,
    getToken: () => 't',
    timeoutMs,
    retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 2 },
  });

/** The code a promise rejects with, or `resolved`. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as KaikuApiError).code;
  }
  return 'resolved';
}
