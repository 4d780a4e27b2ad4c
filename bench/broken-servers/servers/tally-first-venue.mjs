// GET tally looks the show ID up globally (the first venue that stored it), not in the token's venue.
import { patched } from '../lib/define.mjs';
export default patched(
  'tally-first-venue',
  'broken',
  "`GET /v1/shows/{showId}/tally` reads the show of the token's own venue.",
  [
    {
      file: 'http/api-routes.ts',
      from: "const owner = venue ?? (await ctx.repo.showOwner(id)) ?? '';",
      to: "const owner = (await ctx.repo.showOwner(id)) ?? venue ?? '';",
    },
  ],
);
