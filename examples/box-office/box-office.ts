// The demo box office: the element against the local sandbox, with a choice of demo shows.
import './page-setup.js';
import 'kaiku-scanner';
import type { ShowContext } from 'kaiku-scanner';
import { SEED_VENUE, helsinkiDay, seedShows } from '@kaiku-scanner/sandbox/seed';

type DemoConfig = {
  baseUrl: string;
  demoCardsUrl: string;
  /** The demo venue's register (`kaiku-sandbox venue-register`, started by `npm start`) and its terminals' tokens. */
  venueRegister?: { url: string; tokens: Record<string, string> };
};

/**
 * The sandbox's seeded shows at Teatteri Hilla, imported from the sandbox's seed (not a copy that can drift): dated
 * from today in Helsinki, as the sandbox dates them when it seeds.
 */
export function demoShows(now = new Date()): ShowContext[] {
  const today = helsinkiDay(now);
  return seedShows(today).filter((show) => show.id.startsWith('hilla-'));
}

/**
 * The event log shows card IDs by their last four, privacy mode or not: a log is read over the clerk's shoulder and
 * copied into bug reports, and an example that integrators copy must not read the element's storage.
 */
function masked(_key: string, value: unknown): unknown {
  return typeof value === 'string' && /^(A|AM|Y|YM|X|Z)[0-9]{4,}$/.test(value)
    ? '•'.repeat(value.length - 4) + value.slice(-4)
    : value;
}

/**
 * Calibrate the reader: the next scan teaches the element this reader's timing and layout (for this page). Offered
 * when a reading came too slowly for the default timing.
 */
function offerCalibration(scanner: HTMLElementTagNameMap['kaiku-scanner']): void {
  const button = document.querySelector<HTMLButtonElement>('#calibrate');
  const said = document.querySelector('#calibrate-result');
  scanner.addEventListener('kaiku-error', (e) => {
    if (e.detail.code !== 'reading-too-slow' || !said) return;
    said.textContent = 'Lukija on oletusta hitaampi: kalibroi se · The reader is slow: calibrate it';
    button?.focus();
  });
  button?.addEventListener('click', () => {
    if (said) said.textContent = 'Lue mikä tahansa kortti lukijalla… · Scan any card with the reader…';
    void scanner.calibrateScanner(20_000).then((r) => {
      if (r.ok) scanner.wedgeOptions = { profile: r.profile };
      if (said)
        said.textContent = r.ok
          ? 'Lukija kalibroitu · Reader calibrated'
          : `${r.error.code}: ${r.error.message.en}`;
    });
  });
}

async function main(): Promise<void> {
  const config = (await (await fetch('/config.json')).json()) as DemoConfig;
  const scanner = document.querySelector('kaiku-scanner');
  if (!scanner) return;
  const params = new URLSearchParams(location.search);
  // `?registry=none`: no API at all, usages kept in this terminal's register and downloaded for Kaikukanta's import.
  // `?registry=venue&terminal=Kassa 2`: one of the venue's terminals, recording into the venue's register.
  const withoutApi = params.get('registry') === 'none';
  const venue = params.get('registry') === 'venue' ? config.venueRegister : undefined;
  const terminal = params.get('terminal') ?? (withoutApi || venue ? 'Kassa 1' : undefined);
  if (terminal) scanner.terminalName = terminal;
  if (withoutApi) scanner.registry = 'none';
  else if (venue) {
    scanner.registry = 'venue';
    scanner.baseUrl = venue.url;
  } else scanner.baseUrl = config.baseUrl;
  // A venue register knows each terminal by its own token (a name it was not started with has none: refused).
  const token = venue ? (venue.tokens[terminal ?? ''] ?? '') : 'demo-token';
  scanner.tokenProvider = () => token;
  // The other mode keeps the terminal name: the register's usages are this venue's and this terminal's, offered
  // for sending only under the name they were kept by.
  const modeLink = document.querySelector<HTMLAnchorElement>('#mode-link');
  const other = new URLSearchParams(params);
  if (withoutApi) other.delete('registry');
  else other.set('registry', 'none');
  other.set('terminal', terminal ?? 'Kassa 1');
  if (modeLink) modeLink.href = `?${other.toString()}`;
  if (modeLink && withoutApi) modeLink.textContent = 'With the Kaikukanta API (sandbox)';
  scanner.shows = demoShows();
  scanner.venueId = SEED_VENUE.id;
  // The show and the mode being sold live in the address (`?show=…&mode=…`), so a reload comes back to them.
  scanner.showId = params.get('show') ?? 'hilla-taikuri-matti';
  if (params.get('mode') === 'collection') scanner.mode = 'collection';
  // (`input` crosses the element's shadow root; its `change`, which sets the mode, follows in the same task.)
  scanner.addEventListener('input', () => {
    setTimeout(() => {
      const now = new URLSearchParams(location.search);
      now.set('show', scanner.showId);
      now.set('mode', scanner.mode);
      history.replaceState(null, '', `?${now.toString()}`);
    });
  });
  const lang0 = params.get('lang');
  if (lang0) scanner.lang = lang0;
  offerCalibration(scanner);
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
    'kaiku-usage-voided',
    'kaiku-sync',
    'kaiku-error',
    'kaiku-report-exported',
  ] as const;
  for (const name of names) {
    scanner.addEventListener(name, (e) => {
      const li = document.createElement('li');
      li.textContent = `${new Date().toLocaleTimeString('fi-FI')} ${name} ${JSON.stringify(e.detail, masked)}`;
      log?.prepend(li);
    });
  }
}

void main();
