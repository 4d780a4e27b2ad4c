// The demo box office: the element against the local sandbox, with a choice of demo shows.
import './page-setup.js';
import 'kaiku-scanner';
import type { ShowContext } from 'kaiku-scanner';

type DemoConfig = { baseUrl: string; demoCardsUrl: string };

/** Helsinki wall-clock time `hh:mm`, `days` from today, as an ISO instant with the right offset (EET/EEST). */
function helsinkiAt(days: number, time: string, now = new Date()): string {
  const day = new Date(now.getTime() + days * 86_400_000).toLocaleDateString('sv-SE', {
    timeZone: 'Europe/Helsinki',
  });
  for (const offset of ['+02:00', '+03:00']) {
    const iso = `${day}T${time}:00${offset}`;
    const local = new Date(iso).toLocaleTimeString('en-GB', {
      timeZone: 'Europe/Helsinki',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    if (local === time) return iso;
  }
  return `${day}T${time}:00+02:00`;
}

/** The sandbox's seeded shows at Teatteri Hilla (same IDs and settings as packages/sandbox/src/seed). */
export function demoShows(now = new Date()): ShowContext[] {
  return [
    {
      id: 'hilla-taikuri-matti',
      name: 'Taikuri Matti',
      kind: 'show',
      start: helsinkiAt(7, '18:00', now),
      seats: 120,
      cap: 6,
    },
    {
      id: 'hilla-pieni-nayttamo',
      name: 'Pienen näyttämön ilta',
      kind: 'small-show',
      start: helsinkiAt(3, '18:00', now),
      seats: 40,
      cap: 2,
    },
    {
      id: 'hilla-kamari',
      name: 'Kamarikonsertti kymmenelle',
      kind: 'small-show',
      start: helsinkiAt(5, '18:00', now),
      seats: 10,
      cap: 1,
    },
    {
      id: 'hilla-keramiikka',
      name: 'Keramiikkakurssi',
      kind: 'course',
      start: helsinkiAt(14, '17:00', now),
      seats: 12,
      cap: 2,
    },
    {
      id: 'hilla-vierailu',
      name: 'Vierailuesitys',
      kind: 'visiting-production',
      start: helsinkiAt(10, '18:00', now),
      seats: 300,
      cap: 4,
      visitingProducer: true,
    },
    {
      id: 'hilla-ensi-ilta',
      name: 'Ensi-ilta (varaus aukeaa kuukautta ennen)',
      kind: 'show',
      start: helsinkiAt(60, '18:00', now),
      seats: 200,
      cap: 10,
      bookingWindow: { opensBeforeStart: { months: 1 } },
    },
    {
      id: 'hilla-tanaan',
      name: 'Tämän illan esitys (liput noudetaan 30 min ennen)',
      kind: 'show',
      start: helsinkiAt(0, '23:30', now),
      seats: 150,
      cap: 8,
      collectionWindow: { opensBeforeStart: { minutes: 30 } },
    },
  ];
}

async function main(): Promise<void> {
  const config = (await (await fetch('/config.json')).json()) as DemoConfig;
  const scanner = document.querySelector('kaiku-scanner');
  if (!scanner) return;
  scanner.baseUrl = config.baseUrl;
  scanner.tokenProvider = () => 'demo-token';
  scanner.shows = demoShows();
  scanner.venueId = 'teatteri-hilla';
  scanner.showId = new URLSearchParams(location.search).get('show') ?? 'hilla-taikuri-matti';
  const lang0 = new URLSearchParams(location.search).get('lang');
  if (lang0) scanner.lang = lang0;
  const cards = document.querySelector<HTMLAnchorElement>('#demo-cards');
  if (cards) cards.href = config.demoCardsUrl;

  const lang = document.querySelector<HTMLSelectElement>('#lang');
  lang?.addEventListener('change', () => {
    scanner.lang = lang.value;
    document.documentElement.lang = lang.value;
  });
  const theme = document.querySelector<HTMLSelectElement>('#theme');
  theme?.addEventListener('change', () => {
    scanner.theme = theme.value as 'auto' | 'light' | 'dark';
  });

  const log = document.querySelector('#log');
  const names = [
    'kaiku-scan',
    'kaiku-card',
    'kaiku-before-register',
    'kaiku-usage-registered',
    'kaiku-usage-queued',
    'kaiku-sync',
    'kaiku-error',
  ] as const;
  for (const name of names) {
    scanner.addEventListener(name, (e) => {
      const li = document.createElement('li');
      li.textContent = `${new Date().toLocaleTimeString()} ${name} ${JSON.stringify(e.detail)}`;
      log?.prepend(li);
    });
  }
}

void main();
