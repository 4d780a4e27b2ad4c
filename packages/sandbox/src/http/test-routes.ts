import type { IncomingMessage, ServerResponse } from 'node:http';
import { CardRecordSchema, ShowConfigSchema, ShowSchema } from '@kaiku-scanner/core';
import type { Repository } from '../db/repository.js';
import type { Clock } from '../clock.js';
import { seed } from '../seed/seed-data.js';
import { readJsonBody } from './read-body.js';
import { problems, sendJson, sendProblem } from './respond.js';

/** Settings the test-support endpoints change at run time. */
export type TestControls = { decideDelayMs: number };

/**
 * Test support under `/__sandbox/`, only when started with `testing: true` / `--testing`:
 * - `GET  /__sandbox/usages/count?cardId=&showId=` → `{ count }` (exactly-once checks);
 * - `GET  /__sandbox/keys?key=` → `{ state: 'pending' | 'done' | null }` (to time duplicate requests);
 * - `POST /__sandbox/reset` → empties usages and keys and re-seeds;
 * - `POST /__sandbox/clock` `{ offsetMs }` → moves the server clock;
 * - `POST /__sandbox/delay` `{ ms }` → waits between claiming a key and deciding (makes 409 observable);
 * - `POST /__sandbox/cards` (a CardRecord) and `POST /__sandbox/shows` (`{ venueId, show }`, the show with its windows and model version) add data.
 */
export async function handleTestRoute(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  env: { repo: Repository; clock: Clock; controls: TestControls },
): Promise<void> {
  const { repo, clock, controls } = env;
  const route = `${req.method} ${url.pathname}`;
  if (route === 'GET /__sandbox/usages/count') {
    const count = repo.countUsages(
      url.searchParams.get('cardId') ?? '',
      url.searchParams.get('showId') ?? '',
    );
    return sendJson(res, 200, { count });
  }
  if (route === 'GET /__sandbox/keys') {
    const row = repo.getKey(url.searchParams.get('key') ?? '');
    return sendJson(res, 200, { state: row?.state ?? null });
  }
  if (req.method !== 'POST') return sendProblem(res, problems.notFound());
  const body = await readJsonBody(req);
  const value = (body.ok ? body.value : {}) as Record<string, unknown>;
  switch (url.pathname) {
    case '/__sandbox/reset':
      repo.exec('DELETE FROM usages; DELETE FROM idempotency; DELETE FROM shows;');
      clock.offsetMs = 0;
      controls.decideDelayMs = 0;
      return sendJson(res, 200, seed(repo, clock.now()));
    case '/__sandbox/clock':
      clock.offsetMs = Number(value.offsetMs ?? 0) || 0;
      return sendJson(res, 200, { now: clock.now().toISOString(), offsetMs: clock.offsetMs });
    case '/__sandbox/delay':
      controls.decideDelayMs = Math.max(0, Number(value.ms ?? 0) || 0);
      return sendJson(res, 200, { ms: controls.decideDelayMs });
    case '/__sandbox/cards': {
      const card = CardRecordSchema.safeParse(value);
      if (!card.success) return sendProblem(res, problems.invalid([]));
      repo.putCard(card.data, 'test');
      return sendJson(res, 201, card.data);
    }
    case '/__sandbox/shows': {
      // The contract's show plus the venue's own settings (windows, visiting producer, model version).
      const show = ShowSchema.safeParse(value.show);
      const settings = ShowConfigSchema.safeParse(value.show);
      if (!show.success || !settings.success || typeof value.venueId !== 'string')
        return sendProblem(res, problems.invalid([]));
      const { visitingProducer, bookingWindow, collectionWindow, policyVersion } = settings.data;
      const config = {
        ...show.data,
        ...(visitingProducer === undefined ? {} : { visitingProducer }),
        ...(bookingWindow ? { bookingWindow } : {}),
        ...(collectionWindow ? { collectionWindow } : {}),
        ...(policyVersion ? { policyVersion } : {}),
      };
      repo.putShow(value.venueId, config, clock.now().toISOString());
      return sendJson(res, 201, config);
    }
    default:
      return sendProblem(res, problems.notFound());
  }
}
