import { intlTags, type UiLocale } from './translations/index.js';

/** Dates and numbers in the locale's own format; show times in Finnish time whatever the terminal's zone. */
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
  const dt = new Intl.DateTimeFormat(tag, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Helsinki',
  });
  // A calendar date (YYYY-MM-DD) is no instant: format it at noon UTC in UTC so no zone shifts the day.
  const d = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
  const made: Formatter = {
    number: (n) => num.format(n),
    dateTime: (iso) => {
      const t = Date.parse(iso);
      return Number.isNaN(t) ? iso : dt.format(t);
    },
    date: (isoDate) => {
      const t = Date.parse(`${isoDate.slice(0, 10)}T12:00:00Z`);
      return Number.isNaN(t) ? isoDate : d.format(t);
    },
  };
  cache.set(locale, made);
  return made;
}
