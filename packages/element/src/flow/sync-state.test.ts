// The sync status as one consistent statement, over every combination of what the terminal knows (issue 18).
import { describe, expect, it } from 'vitest';
import { syncBadges, type SyncFacts } from './sync-state.js';

const base: SyncFacts = {
  online: true,
  unreachable: false,
  configured: true,
  known: true,
  pending: 0,
  needsAttention: 0,
  authFailure: undefined,
};
const say = (facts: Partial<SyncFacts>): string[] =>
  syncBadges({ ...base, ...facts }).map((b) => `${b.kind}:${b.tone}`);

describe('syncBadges', () => {
  it.each<[string, Partial<SyncFacts>, string[]]>([
    ['online, nothing waits', {}, ['all-sent:ok']],
    ['the outbox not read yet', { known: false }, []],
    ['offline, nothing waits: neutral, not green', { online: false }, ['offline:neutral']],
    ['offline, 2 queued', { online: false, pending: 2 }, ['offline:warn', 'pending:warn']],
    [
      'offline, 1 needs attention',
      { online: false, needsAttention: 1 },
      ['offline:neutral', 'attention:warn'],
    ],
    ['Kaikukanta not answering, nothing waits', { unreachable: true }, ['unreachable:neutral']],
    [
      'Kaikukanta not answering, 1 queued',
      { unreachable: true, pending: 1 },
      ['unreachable:warn', 'pending:warn'],
    ],
    ['sign-in refused', { authFailure: 'http-401' }, ['auth:danger']],
    ['sign-in refused, 3 queued', { authFailure: 'http-403', pending: 3 }, ['auth:danger', 'pending:warn']],
    ['2 queued online', { pending: 2 }, ['pending:warn']],
    ['1 needs attention', { needsAttention: 1 }, ['attention:warn']],
    ['queued and needs attention', { pending: 1, needsAttention: 2 }, ['pending:warn', 'attention:warn']],
    ['no API', { configured: false }, ['not-configured:danger']],
    ['no API, offline', { configured: false, online: false }, ['not-configured:danger']],
    ['offline while signed out', { online: false, authFailure: 'http-401' }, ['offline:neutral']],
  ])('%s', (_name, facts, expected) => {
    expect(say(facts)).toEqual(expected);
  });

  // Every combination: the statement never contradicts itself.
  const combos: SyncFacts[] = [];
  for (const online of [true, false])
    for (const unreachable of [true, false])
      for (const configured of [true, false])
        for (const known of [true, false])
          for (const pending of [0, 2])
            for (const needsAttention of [0, 1])
              for (const authFailure of [undefined, 'http-401'])
                combos.push({ online, unreachable, configured, known, pending, needsAttention, authFailure });

  it.each(combos.map((c) => [JSON.stringify(c), c] as const))('consistent: %s', (_name, c) => {
    const kinds = syncBadges(c).map((b) => b.kind);
    const allSent =
      c.configured &&
      c.online &&
      !c.unreachable &&
      !c.authFailure &&
      c.known &&
      !c.pending &&
      !c.needsAttention;
    expect(kinds.includes('all-sent')).toBe(allSent);
    // Green stands alone: never beside a connection problem, a waiting usage or one needing attention.
    if (kinds.includes('all-sent')) expect(kinds).toEqual(['all-sent']);
    // One word about the connection at most.
    expect(
      kinds.filter((k) => ['not-configured', 'offline', 'unreachable', 'auth'].includes(k)).length,
    ).toBeLessThanOrEqual(1);
    if (!c.configured) expect(kinds).toEqual(['not-configured']);
    else {
      expect(kinds.includes('offline')).toBe(!c.online);
      expect(kinds.includes('pending')).toBe(c.pending > 0);
      expect(kinds.includes('attention')).toBe(c.needsAttention > 0);
    }
  });
});
