import type { LocalizedText } from './services.js';

/**
 * The element's own codes that only the services can raise (they load after the first paint, and so do these
 * texts: `to-service-error.ts` is loaded with them). The first download's own texts are in element-messages.ts.
 */
const table = {
  'element-not-configured': {
    fi: 'Skanneria ei ole yhdistetty Kaikukantaan (base-url puuttuu). Pyydä ylläpitäjää tarkistamaan asetukset; kirjaa käyttö sillä välin paperille.',
    sv: 'Skannern är inte kopplad till Kaikukanta (base-url saknas). Be administratören kontrollera inställningarna; anteckna användningen på papper så länge.',
    en: 'The scanner is not connected to Kaikukanta (base-url is missing). Ask your administrator to check the settings; meanwhile write the usage down on paper.',
  },
  'element-not-ready': {
    fi: 'Skanneri käynnistyy vielä. Odota hetki ja lue kortti uudelleen.',
    sv: 'Skannern startar fortfarande. Vänta en stund och läs kortet på nytt.',
    en: 'The scanner is still starting. Wait a moment and scan the card again.',
  },
  'element-disposed': {
    fi: 'Skanneri on suljettu. Lataa sivu uudelleen.',
    sv: 'Skannern har stängts. Ladda om sidan.',
    en: 'The scanner has been shut down. Reload the page.',
  },
} satisfies Record<string, LocalizedText>;

export const lateElementMessages: Readonly<Record<string, LocalizedText | undefined>> = table;
