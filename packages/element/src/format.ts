import { intlTags, type UiLocale } from './translations/index.js';

/** Numbers in the locale's format, dates as d.m.yyyy; show times in Finnish time whatever the terminal's zone. */
export type Formatter = {
  readonly number: (n: number) => string;
  readonly dateTime: (iso: string) => string;
  readonly date: (isoDate: string) => string;
};

const cache = new Map<UiLocale, Formatter>();

export function formatterFor(locale: UiLocale): Formatter {
  const hit = cache.get(locale);
  if (hit) return hit;
  const tag = intlTags[locale];
  const num = new Intl.NumberFormat(tag);
  // Dates as d.m.yyyy in every language, as Kaikukanta's refusal texts write them ("valid until 21.11.2026"): one
  // format on one screen. Times in the language's own way (klo 19.00 / kl. 19.00 / 19:00), in Finnish time, the
  // hour in two digits as the core's texts write it (`formatHelsinki`): "klo 00.51" on both, never "klo 0.51".
  const day = new Intl.DateTimeFormat('fi-FI', {
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    timeZone: 'Europe/Helsinki',
  });
  const time = new Intl.DateTimeFormat(tag, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Europe/Helsinki',
  });
  const made: Formatter = {
    number: (n) => num.format(n),
    dateTime: (iso) => {
      const t = Date.parse(iso);
      const at = { fi: ' klo ', sv: ' kl. ', en: ' ' }[locale];
      return Number.isNaN(t) ? iso : `${day.format(t)}${at}${time.format(t)}`;
    },
    date: (isoDate) => {
      // A calendar date (YYYY-MM-DD) is no instant: noon UTC is the same day in Helsinki (UTC+2/+3).
      const t = Date.parse(`${isoDate.slice(0, 10)}T12:00:00Z`);
      return Number.isNaN(t) ? isoDate : day.format(t);
    },
  };
  cache.set(locale, made);
  return made;
}
