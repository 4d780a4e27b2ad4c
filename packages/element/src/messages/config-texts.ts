/**
 * Texts of the element's configuration problems (an attribute or property set to something it cannot use), shown
 * in place of the scanning controls. They name the setting as the host page spells it (`show-start`,
 * `shows[1].cap`, `wedgeOptions.layuot`), so whoever set up the page can find it.
 */
import { defineMessages } from '@kaiku-scanner/core/base';

type Invalid = { readonly setting: string; readonly expected?: string | undefined };
type Unknown = { readonly setting: string; readonly suggestion?: string | undefined };

export const configMessages = defineMessages({
  'config-invalid': {
    fi: (p: Invalid) =>
      `Skannerin asetuksen ${p.setting} arvo ei kelpaa${p.expected ? ` (odotetaan esim. ${p.expected})` : ''}. Kortteja ei voi lukea ennen kuin ylläpitäjä korjaa asetuksen.`,
    sv: (p: Invalid) =>
      `Skannerns inställning ${p.setting} har ett ogiltigt värde${p.expected ? ` (till exempel ${p.expected} väntas)` : ''}. Kort kan inte läsas förrän administratören har rättat inställningen.`,
    en: (p: Invalid) =>
      `The scanner's setting ${p.setting} has a value it cannot use${p.expected ? ` (expected e.g. ${p.expected})` : ''}. Cards cannot be read until an administrator fixes the setting.`,
  },
  'config-unknown-field': {
    fi: (p: Unknown) =>
      `Skannerilla ei ole asetusta ${p.setting}${p.suggestion ? ` – tarkoititko ${p.suggestion}?` : '.'} Kortteja ei voi lukea ennen kuin ylläpitäjä korjaa asetuksen.`,
    sv: (p: Unknown) =>
      `Skannern har ingen inställning ${p.setting}${p.suggestion ? ` – menade du ${p.suggestion}?` : '.'} Kort kan inte läsas förrän administratören har rättat inställningen.`,
    en: (p: Unknown) =>
      `The scanner has no setting ${p.setting}${p.suggestion ? `; did you mean ${p.suggestion}?` : '.'} Cards cannot be read until an administrator fixes the setting.`,
  },
});
