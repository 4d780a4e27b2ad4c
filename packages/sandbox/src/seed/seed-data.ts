import type { CardRecord } from '@kaiku-scanner/core/contract';
import type { Repository, ShowConfig } from '../db/repository.js';
import { helsinkiDay } from '../clock.js';

export { helsinkiDay };

/** A seeded card with what it demonstrates (shown on the demo-cards page). */
export type SeedCard = CardRecord & { readonly label: string };

export const SEED_VENUE = { id: 'teatteri-hilla', name: 'Teatteri Hilla' } as const;
export const SEED_PARTNER_VENUE = { id: 'kulttuuritalo-kaiku', name: 'Kulttuuritalo Kaiku' } as const;

/** An ID that is valid in form but deliberately not registered (404 `card-not-registered`). */
export const UNREGISTERED_CARD_ID = 'A999000001';

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Helsinki local time `hh:mm` on `day` as an ISO instant with the right offset (EET/EEST). */
function helsinkiAt(day: string, time: string): string {
  for (const offset of ['+02:00', '+03:00']) {
    const iso = `${day}T${time}:00${offset}`;
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Helsinki',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(iso));
    if (local === time) return iso;
  }
  return `${day}T${time}:00+02:00`;
}

/** Cards of every prefix and state, relative to `today` (Helsinki): expired yesterday, expiring today… */
export function seedCards(today: string): SeedCard[] {
  const year = addDays(today, 300);
  const card = (id: string, fields: Partial<CardRecord>, label: string): SeedCard => {
    const prefix = (/^(AM|YM|A|Y|X|Z)/.exec(id)?.[1] ?? 'A') as CardRecord['prefix'];
    const kind = prefix.startsWith('Y') || prefix === 'Z' ? 'community' : 'client';
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
  const at = (days: number, time = '18:00') => helsinkiAt(addDays(today, days), time);
  return [
    { id: 'hilla-taikuri-matti', name: 'Taikuri Matti', kind: 'show', start: at(7), seats: 120, cap: 6 },
    {
      id: 'hilla-pieni-nayttamo',
      name: 'Pienen näyttämön ilta',
      kind: 'small-show',
      start: at(3),
      seats: 40,
      cap: 2,
    },
    {
      id: 'hilla-kamari',
      name: 'Kamarikonsertti kymmenelle',
      kind: 'small-show',
      start: at(5),
      seats: 10,
      cap: 1,
    },
    {
      id: 'hilla-keramiikka',
      name: 'Keramiikkakurssi',
      kind: 'course',
      start: at(14, '17:00'),
      seats: 12,
      cap: 2,
    },
    {
      id: 'kaiku-festivaali',
      name: 'Kaiku-festivaali',
      kind: 'festival',
      start: at(30, '12:00'),
      seats: 3000,
      cap: 20,
    },
    {
      id: 'kaiku-torikonsertti',
      name: 'Torikonsertti',
      kind: 'mass-event',
      start: at(21, '19:00'),
      seats: 5000,
      cap: 20,
    },
    {
      id: `uimahalli-${today}`,
      name: 'Uimahalli (päivä)',
      kind: 'swimming-hall',
      start: at(0, '06:00'),
      cap: 20,
    },
    {
      id: 'hilla-vierailu',
      name: 'Vierailuesitys',
      kind: 'visiting-production',
      start: at(10),
      seats: 300,
      cap: 4,
      visitingProducer: true,
    },
    {
      id: 'hilla-ensi-ilta',
      name: 'Ensi-ilta (varaus aukeaa kuukautta ennen)',
      kind: 'show',
      start: at(60),
      seats: 200,
      cap: 10,
      bookingWindow: { opensBeforeStart: { months: 1 } },
    },
    {
      id: 'hilla-tanaan',
      name: 'Tämän illan esitys (liput noudetaan 30 min ennen)',
      kind: 'show',
      start: at(0, '23:30'),
      seats: 150,
      cap: 8,
      collectionWindow: { opensBeforeStart: { minutes: 30 } },
    },
    { id: 'kaiku-nayttely', name: 'Näyttely (ei ylärajaa)', kind: 'exhibition', start: at(2, '10:00') },
  ];
}

/**
 * Writes the seed (idempotent: re-seeding replaces cards and show settings, keeps usages); with `venue`, only that
 * venue's shows (a venue-bound token's reset: the venues and the national card register are not its own).
 */
export function seed(repo: Repository, now: Date, venue?: string): { cards: number; shows: number } {
  const today = helsinkiDay(now);
  const cards = venue === undefined ? seedCards(today) : [];
  const venueOf = (show: ShowConfig) =>
    show.id.startsWith('kaiku-') ? SEED_PARTNER_VENUE.id : SEED_VENUE.id;
  const shows = seedShows(today).filter((show) => venue === undefined || venueOf(show) === venue);
  repo.transaction(() => {
    if (venue === undefined) {
      repo.putVenue(SEED_VENUE.id, SEED_VENUE.name);
      repo.putVenue(SEED_PARTNER_VENUE.id, SEED_PARTNER_VENUE.name);
    }
    for (const { label, ...card } of cards) repo.putCard(card, label);
    for (const show of shows) repo.putShow(venueOf(show), show, now.toISOString());
  });
  return { cards: cards.length, shows: shows.length };
}
