import { parseCardId } from '@kaiku-scanner/core';
import type { CardRecord } from '@kaiku-scanner/core/contract';
import type { Repository, ShowConfig } from '../db/repository.js';
import { addDays, helsinkiDay, helsinkiTime } from '../clock.js';

export { helsinkiDay };

/** A seeded card with what it demonstrates (shown on the demo-cards page). */
export type SeedCard = CardRecord & { readonly label: string };

export const SEED_VENUE = { id: 'teatteri-hilla', name: 'Teatteri Hilla' } as const;
export const SEED_PARTNER_VENUE = { id: 'kulttuuritalo-kaiku', name: 'Kulttuuritalo Kaiku' } as const;

/** An ID that is valid in form but deliberately not registered (404 `card-not-registered`). */
export const UNREGISTERED_CARD_ID = 'A999000001';

/** Cards of every prefix and state, relative to `today` (Helsinki): expired yesterday, expiring today… */
export function seedCards(today: string): SeedCard[] {
  const year = addDays(today, 300);
  const card = (id: string, fields: Partial<CardRecord>, label: string): SeedCard => {
    // Prefix and kind come from the parser, the one source of the card-ID grammar: a seed it refuses is a bug.
    const parsed = parseCardId(id);
    if (!parsed.ok) throw new Error(`seed card ${id}: ${parsed.error.code}`);
    const { prefix, kind } = parsed as { prefix: CardRecord['prefix']; kind: CardRecord['kind'] };
    return { id, prefix, kind, status: 'active', validUntil: year, minors: 0, label, ...fields };
  };
  return [
    card('A045198723', { minors: 2, renewedAt: addDays(today, -65) }, 'Active, 2 minors (renewed)'),
    card('A999005458', { minors: 0 }, 'Active, no minors'),
    card('A999005429', { minors: 1 }, 'Active, 1 minor'),
    card('A999005461', { minors: 3 }, 'Active, 3 minors'),
    card('A999005380', { status: 'inactive' }, 'Inactive'),
    card('A999991234', { status: 'use-ban', minors: 1 }, 'Use ban'),
    card('A999005403', { status: 'in-transfer' }, 'In transfer'),
    card('A999005416', { validUntil: addDays(today, -1), minors: 1 }, 'Expired yesterday'),
    card('A999005422', { validUntil: today, minors: 2 }, 'Expires today (still valid)'),
    card('AM12345678', { minors: 1 }, 'Paper card with a mobile twin (AM), 1 minor'),
    card('X000011986', {}, 'Mobile-only client card (X)'),
    card('X000011656', { minors: 2 }, 'Mobile-only client card (X), 2 minors'),
    card('Y110029399', {}, 'Community card (Y)'),
    card('YM11002940', {}, 'Community card with a mobile twin (YM)'),
    card('Z000010669', {}, 'Mobile-only community card (Z)'),
    card('Y110029402', { status: 'inactive' }, 'Community card, inactive'),
  ];
}

/** Shows of each cap kind, at the seed venue, relative to `today`. */
export function seedShows(today: string): ShowConfig[] {
  const show = (
    [id, name, kind]: [string, string, string],
    [days, time]: [number, string],
    seats?: number,
    cap?: number,
    rules = {},
  ): ShowConfig => ({
    id,
    name,
    kind: kind as ShowConfig['kind'],
    start: helsinkiTime(addDays(today, days), time),
    ...(seats === undefined ? {} : { seats }),
    ...(cap === undefined ? {} : { cap }),
    ...rules,
  });
  return [
    show(['hilla-taikuri-matti', 'Taikuri Matti', 'show'], [7, '18:00'], 120, 6),
    show(['hilla-pieni-nayttamo', 'Pienen näyttämön ilta', 'small-show'], [3, '18:00'], 40, 2),
    show(['hilla-kamari', 'Kamarikonsertti kymmenelle', 'small-show'], [5, '18:00'], 10, 1),
    show(['hilla-keramiikka', 'Keramiikkakurssi', 'course'], [14, '17:00'], 12, 2),
    show(['kaiku-festivaali', 'Kaiku-festivaali', 'festival'], [30, '12:00'], 3000, 20),
    show(['kaiku-torikonsertti', 'Torikonsertti', 'mass-event'], [21, '19:00'], 5000, 20),
    show([`uimahalli-${today}`, 'Uimahalli (päivä)', 'swimming-hall'], [0, '06:00'], undefined, 20),
    show(['hilla-vierailu', 'Vierailuesitys', 'visiting-production'], [10, '18:00'], 300, 4, {
      visitingProducer: true,
    }),
    show(['hilla-ensi-ilta', 'Ensi-ilta (varaus aukeaa kuukautta ennen)', 'show'], [60, '18:00'], 200, 10, {
      bookingWindow: { opensBeforeStart: { months: 1 } },
    }),
    show(
      ['hilla-tanaan', 'Tämän illan esitys (liput noudetaan 30 min ennen)', 'show'],
      [0, '23:30'],
      150,
      8,
      { collectionWindow: { opensBeforeStart: { minutes: 30 } } },
    ),
    show(['kaiku-nayttely', 'Näyttely (ei ylärajaa)', 'exhibition'], [2, '10:00']),
  ];
}

/**
 * Writes the seed (idempotent: re-seeding replaces cards and show settings, keeps usages); with `venue`, only that
 * venue's shows (a venue-bound token's reset: the venues and the national card register are not its own).
 */
export async function seed(
  repo: Repository,
  now: Date,
  venue?: string,
): Promise<{ cards: number; shows: number }> {
  const today = helsinkiDay(now);
  const cards = venue === undefined ? seedCards(today) : [];
  const venueOf = (show: ShowConfig) =>
    show.id.startsWith('kaiku-') ? SEED_PARTNER_VENUE.id : SEED_VENUE.id;
  const shows = seedShows(today).filter((show) => venue === undefined || venueOf(show) === venue);
  await repo.immediate(async (tx) => {
    if (venue === undefined) {
      await tx.putVenue(SEED_VENUE.id, SEED_VENUE.name);
      await tx.putVenue(SEED_PARTNER_VENUE.id, SEED_PARTNER_VENUE.name);
    }
    for (const { label, ...card } of cards) await tx.putCard(card, label);
    for (const show of shows) await tx.putShow(venueOf(show), show, now.toISOString());
  });
  return { cards: cards.length, shows: shows.length };
}
