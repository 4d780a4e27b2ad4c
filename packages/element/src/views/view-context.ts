import type { Translation } from '../translations/index.js';
import type { Formatter } from '../format.js';
import type { LocalizedText } from '../controllers/services.js';

/** What every view function needs: the UI strings, Intl formatting, and a core message in the current language. */
export type ViewContext = {
  readonly t: Translation;
  readonly fmt: Formatter;
  readonly text: (message: LocalizedText) => string;
};
