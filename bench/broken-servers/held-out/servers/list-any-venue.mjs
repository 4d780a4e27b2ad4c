// Checks the token on the usage list but not its venue: any venue reads any venue's usages.
import { patched } from '../lib.mjs';
export default patched(
  'list-any-venue',
  'broken',
  "Only the venue's own tokens read its usage list; another venue's token gets `403 forbidden`.",
  [
    {
      file: 'http/api-routes.ts',
      from: 'const refusal = otherVenue(venue, venueId) ?? oddParams(url, QUERY_PARAMS);',
      to: 'const refusal = oddParams(url, QUERY_PARAMS);',
    },
  ],
);
