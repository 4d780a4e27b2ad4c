/**
 * Every text the element shows for a code, and the one lookup (`textOf`): here what the first download can show,
 * in `late-texts.ts` what only the services raise (loaded with them). Camera errors carry their own texts.
 */
import { KaikuError, cardIdMessages, fillText, isKaikuError, renderAll } from '@kaiku-scanner/core/base';
import type { LocalizedMessage, LocalizedText, MessageParams } from '@kaiku-scanner/core/base';
import { lazyModule } from '../lazy-module.js';
import type { ServiceError } from '../services/types.js';
import type { REGISTER_TEXTS } from '../translations/register-texts.js';
import { codesFor, type CodeTexts, type UiLocale } from '../translations/index.js';
import { fiCodes } from '../translations/fi.js';

/**
 * The notice that the chosen language's strings did not load, in every language at once: it is shown when they fail.
 */
const LANGUAGE_LOAD_FAILED: LocalizedText = {
  fi: 'Valitun kielen tekstit eivät latautuneet (verkkokatko?), joten näkymä on suomeksi. Lukeminen ja kirjaaminen toimivat tavalliseen tapaan.',
  sv: 'Texterna på det valda språket laddades inte (nätverksavbrott?), så vyn visas på finska. Läsning och registrering fungerar som vanligt.',
  en: 'The texts in the chosen language did not load (network down?), so the screen is in Finnish. Scanning and registering work as usual.',
};

/** A code the first paint shows (its texts: `fiCodes` and the language files' `svCodes`, `enCodes`). */
export type FirstCode = keyof CodeTexts;

/**
 * A first-paint code's text: Finnish at once, Swedish and English read whenever it is shown, from its language's
 * strings. Until they have loaded (or when they fail) the whole screen is in Finnish, and says so (`LocaleController`).
 */
function firstText(code: FirstCode, params: MessageParams): LocalizedText {
  const say = (locale: UiLocale) => fillText(codesFor(locale)[code], params);
  return {
    fi: say('fi'),
    get sv() {
      return say('sv');
    },
    get en() {
      return say('en');
    },
  };
}

/** The element's error codes (their texts: `fiCodes`, `serviceMessages` in late-texts.ts). */
export type ElementErrorCode =
  'element-load-failed' | 'element-not-configured' | 'element-not-ready' | 'element-disposed';

const lateTexts = lazyModule(() => import('./late-texts.js'));

/** The last load of the services' texts failed (until one succeeds). */
let lateFailed = false;

/** Loads the texts of the services' codes (once; a failed load is tried again by the next call). */
export function loadLateTexts(): Promise<unknown> {
  return lateTexts.load().then(
    (m) => {
      lateFailed = false;
      return m;
    },
    (e: unknown) => {
      lateFailed = true;
      throw e;
    },
  );
}

/** A message of a table rendered in every language. */
export const render = (message: unknown, params: MessageParams = {}): LocalizedText =>
  renderAll(message as LocalizedMessage, params);

const find = (tables: readonly Readonly<Record<string, unknown>>[], code: string): unknown =>
  tables.find((t) => Object.prototype.hasOwnProperty.call(t, code))?.[code];

/** Any code's text in every language, or undefined when none is known (yet); API aliases (`http-503`) too. */
export function textOf(code: string, params: MessageParams = {}): LocalizedText | undefined {
  if (Object.prototype.hasOwnProperty.call(fiCodes, code)) return firstText(code as FirstCode, params);
  const first = find([cardIdMessages], code);
  if (first) return render(first, params);
  const late = lateTexts.get();
  if (!late) return undefined;
  const found = find(late.tables, code) ?? find(late.tables, late.alias(code) ?? '');
  return found === undefined ? undefined : render(found, params);
}

/** A late code's text: undefined while it loads, the `element-load-failed` text when it could not load. */
export function lateText(code: string, params: MessageParams = {}): LocalizedText | undefined {
  return textOf(code, params) ?? (lateFailed ? elementText('element-load-failed') : undefined);
}

/** A register text (loaded with the services' texts) as `say` puts it; meanwhile as `lateText`, or empty. */
export function registerText(
  say: (text: LocalizedText) => string,
  pick: (r: typeof REGISTER_TEXTS) => LocalizedText,
): string {
  const r = lateTexts.get()?.REGISTER_TEXTS;
  const text = r ? pick(r) : lateFailed ? elementText('element-load-failed') : undefined;
  return text ? say(text) : '';
}

/** The text of one of the element's own codes (one with `{parameters}` needs them, by type). */
export function elementText<C extends FirstCode | 'language-load-failed'>(
  code: C,
  ...params: C extends FirstCode ? ParamsOf<(typeof fiCodes)[C]> : []
): LocalizedText {
  return code === 'language-load-failed'
    ? LANGUAGE_LOAD_FAILED
    : firstText(code as FirstCode, params[0] ?? {});
}

/** The parameters a text's `{name}` placeholders ask for: none, or an object of them. */
type ParamsOf<T> = T extends `${string}{${string}}${string}` ? [MessageParams] : [];

/** An error of the element's own, as a `KaikuError`; `detail` is for developers only. */
export function elementError(code: ElementErrorCode, detail: string): KaikuError {
  return new KaikuError(code, detail);
}

/** The texts an error carries itself in every language (`CameraError.text`), when well-formed. */
function carriedText(e: KaikuError): LocalizedText | undefined {
  const { fi, sv, en } = ((e as { text?: unknown }).text ?? {}) as Record<string, unknown>;
  return typeof fi === 'string' && typeof sv === 'string' && typeof en === 'string'
    ? { fi, sv, en }
    : undefined;
}

/** Any thrown value as a code plus text, never its raw message (it may hold a card ID); a server problem first. */
export function toServiceError(e: unknown): ServiceError {
  if (!isKaikuError(e)) return { code: 'unexpected', message: elementText('unexpected') };
  const problem = e.params.problemCode;
  // A refused sign-in is its HTTP code at every stage (`http-401`, `http-403`), never the server's word for it.
  const signIn = e.code === 'http-401' || e.code === 'http-403';
  const code = typeof problem === 'string' && problem !== '' && !signIn ? problem : e.code;
  return { code, message: textOf(code, e.params) ?? carriedText(e) ?? elementText('unexpected') };
}
