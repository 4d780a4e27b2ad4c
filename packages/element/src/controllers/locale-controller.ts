import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { resolveLocale, whenTranslationReady, type UiLocale } from '../translations/index.js';

/** How long a render waits for Swedish or English strings before it paints in Finnish meanwhile. */
const STRINGS_WAIT_MS = 1500;

/** registry="venue": the venue register's words are waited for too. */
type Host = ReactiveControllerHost & HTMLElement & { readonly registry?: string };

/** The element's language (its `lang`, else the page's, followed as Shoelace does, else Finnish) and its strings. */
export class LocaleController implements ReactiveController {
  private pageLang = '';
  private observer: MutationObserver | undefined;
  /** The language whose strings failed to load (shown in Finnish meanwhile), until they load. */
  failed: UiLocale | undefined;

  /** `onLoadFailed`: once per failure, when a language's strings cannot be fetched (offline). */
  constructor(
    private readonly host: Host,
    private readonly onLoadFailed: () => void,
  ) {
    host.addController(this);
  }

  get locale(): UiLocale {
    return resolveLocale(this.host.lang) ?? resolveLocale(this.pageLang) ?? 'fi';
  }

  hostConnected(): void {
    this.readPageLang();
    this.observer = new MutationObserver(() => this.readPageLang());
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }

  private readPageLang(): void {
    const lang =
      this.host.parentElement?.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang;
    if (lang === this.pageLang) return;
    this.pageLang = lang;
    this.host.requestUpdate();
  }

  /** Runs `update` once the language's strings are there, in Finnish meanwhile after a failure or `STRINGS_WAIT_MS`. */
  schedule(update: () => void | Promise<unknown>): void | Promise<unknown> {
    const locale = this.locale;
    const pending = whenTranslationReady(locale, this.host.registry === 'venue');
    if (!pending) {
      this.failed = undefined;
      return update();
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), STRINGS_WAIT_MS);
    });
    return Promise.race([pending, timedOut]).then((loaded) => {
      clearTimeout(timer);
      if (loaded === false && this.failed !== locale) {
        // Said once, not at every render; the next render tries again.
        this.failed = locale;
        this.onLoadFailed();
      }
      // Rendered again either way: with the strings, or (a new try failing) with the notice and the event.
      if (loaded === 'timeout') void pending.then(() => this.host.requestUpdate());
      return loaded === true ? this.schedule(update) : update();
    });
  }
}
