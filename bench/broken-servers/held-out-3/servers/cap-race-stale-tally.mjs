// An ORM loads the show's tally before it opens the write transaction (and awaits something in between): with more
// contenders than places, several read the same free place.
import { patched } from '../lib.mjs';
export default patched(
  'cap-race-stale-tally',
  'broken',
  'cap-race: concurrent registrations never exceed the cap.',
  [
    {
      file: 'usage/register-usage.ts',
      from: 'event: toUsageEvent(show, { ticketsGiven: repo.tally(owner, show.id).given }),',
      to: 'event: toUsageEvent(show, { ticketsGiven: staleGiven ?? repo.tally(owner, show.id).given }),',
    },
    {
      file: 'usage/register-usage.ts',
      from: 'function decide(repo: Repository, usage: UsageRequest, card: CardRecord, show: ShowConfig, now: Date) {',
      to: 'function decide(repo: Repository, usage: UsageRequest, card: CardRecord, show: ShowConfig, now: Date, staleGiven?: number) {',
    },
    {
      file: 'usage/register-usage.ts',
      from: 'const decision = decide(repo, usage, card, show, now);',
      to: 'const decision = decide(repo, usage, card, show, now, staleGiven);',
    },
    {
      file: 'usage/register-usage.ts',
      from: 'function decideAndWrite(ctx: RegisterContext, key: string, usage: UsageRequest, clientKey: string): Outcome {',
      to: 'function decideAndWrite(ctx: RegisterContext, key: string, usage: UsageRequest, clientKey: string, staleGiven?: number): Outcome {',
    },
    {
      file: 'usage/register-usage.ts',
      from: 'return decideAndWrite(ctx, key, usage, clientKey);',
      to: 'const staleGiven = ctx.repo.tally(usage.forVenueId ?? usage.venueId, usage.show.id).given;\n    await new Promise((ok) => setTimeout(ok, 40));\n    return decideAndWrite(ctx, key, usage, clientKey, staleGiven);',
    },
  ],
);
