// A pre-check in the gateway compares with `>=`: a booking that would exactly fill the show is refused.
import { bearer, isUsagePost, problem, proxied } from '../lib.mjs';
export default proxied(
  'cap-last-place-refused',
  'broken',
  'booking-counts: a booking that fits (given + asked = cap) is accepted.',
  {
    async request(req) {
      const int = (n) => n === undefined || Number.isInteger(n);
      const u = req.json;
      if (!isUsagePost(req) || u?.mode !== 'booking' || u.forVenueId || typeof u.show?.id !== 'string')
        return;
      if (!int(u.childTickets) || !int(u.group?.under16Clients) || !int(u.show.cap)) return; // the base refuses it
      const t = await req.up({
        method: 'GET',
        path: `/v1/shows/${encodeURIComponent(req.json.show?.id ?? '')}/tally`,
        headers: { authorization: `Bearer ${bearer(req)}` },
      });
      const g = req.json.group;
      const asked =
        1 + (req.json.childTickets ?? 0) + (g?.memberCardIds?.length ?? 0) + (g?.under16Clients ?? 0);
      const cap = t.json?.cap ?? (t.json?.usages ? null : (req.json.show?.cap ?? null));
      const given = t.json?.ticketsGiven ?? 0;
      if (cap !== null && given < cap && given + asked >= cap)
        return problem(422, 'cap-reached', { reasons: [{ code: 'cap-reached', params: { cap, given } }] });
    },
  },
);
