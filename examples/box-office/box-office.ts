// The demo box office: the element against the local sandbox, with a choice of demo shows.
import './page-setup.js';
import 'kaiku-scanner';
import type { ShowContext } from 'kaiku-scanner';
import { SEED_VENUE, helsinkiDay, seedShows } from '@kaiku-scanner/sandbox/seed';

type DemoConfig = { baseUrl: string; demoCardsUrl: string };

/**
 * The sandbox's seeded shows at Teatteri Hilla, imported from the sandbox's seed (not a copy that can drift): dated
 * from today in Helsinki, as the sandbox dates them when it seeds.
 */
export function demoShows(now = new Date()): ShowContext[] {
  const today = helsinkiDay(now);
  return seedShows(today).filter((show) => show.id.startsWith('hilla-'));
}

async function main(): Promise<void> {
  const config = (await (await fetch('/config.json')).json()) as DemoConfig;
  const scanner = document.querySelector('kaiku-scanner');
  if (!scanner) return;
  const params = new URLSearchParams(location.search);
  // `?registry=none`: no API at all, usages kept in this terminal's register and downloaded for Kaikukanta's import.
  const withoutApi = params.get('registry') === 'none';
  const terminal = params.get('terminal') ?? (withoutApi ? 'Kassa 1' : undefined);
  if (terminal) scanner.terminalName = terminal;
  if (withoutApi) scanner.registry = 'none';
  else scanner.baseUrl = config.baseUrl;
  scanner.tokenProvider = () => 'demo-token';
  const modeLink = document.querySelector<HTMLAnchorElement>('#mode-link');
  if (modeLink && withoutApi)
    Object.assign(modeLink, { href: '?', textContent: 'With the Kaikukanta API (sandbox)' });
  scanner.shows = demoShows();
  scanner.venueId = SEED_VENUE.id;
  scanner.showId = new URLSearchParams(location.search).get('show') ?? 'hilla-taikuri-matti';
  const lang0 = new URLSearchParams(location.search).get('lang');
  if (lang0) scanner.lang = lang0;
  const cards = document.querySelector<HTMLAnchorElement>('#demo-cards');
  if (cards) cards.href = config.demoCardsUrl;

  const lang = document.querySelector<HTMLSelectElement>('#lang');
  // `?lang=` chooses the language: the page's own chooser and <html lang> say the same.
  if (lang && lang0 && [...lang.options].some((o) => o.value === lang0)) {
    lang.value = lang0;
    document.documentElement.lang = lang0;
  }
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
    'kaiku-report-exported',
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
