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
      from: 'event: toUsageEvent(show, { ticketsGiven: (await repo.tally(owner, show.id)).given }),',
      to: 'event: toUsageEvent(show, { ticketsGiven: staleGiven ?? (await repo.tally(owner, show.id)).given }),',
    },
    {
      file: 'usage/register-usage.ts',
      from: '  show: ShowConfig,\n  now: Date,\n) {\n  const owner',
      to: '  show: ShowConfig,\n  now: Date,\n  staleGiven?: number,\n) {\n  const owner',
    },
    {
      file: 'usage/register-usage.ts',
      from: 'const decision = await decide(ctx, repo, usage, card, show, now);',
      to: 'const decision = await decide(ctx, repo, usage, card, show, now, staleGiven);',
    },
    {
      file: 'usage/register-usage.ts',
      from: '  clientKey: string,\n): Promise<Outcome> {',
      to: '  clientKey: string,\n  staleGiven?: number,\n): Promise<Outcome> {',
    },
    {
      file: 'usage/register-usage.ts',
      from: 'return await decideAndWrite(ctx, key, usage, clientKey);',
      to: 'const staleGiven = (await ctx.repo.tally(usage.forVenueId ?? usage.venueId, usage.show.id)).given;\n    await new Promise((ok) => setTimeout(ok, 40));\n    return await decideAndWrite(ctx, key, usage, clientKey, staleGiven);',
    },
  ],
);
