/**
 * The wedge listener's texts for its own loading (part of `wedgeListenerMessages`): at hand before the classifier
 * and calibration, which load on demand (see `wedge.ts`).
 */
import { defineMessages } from './define.js';

/**
 * Texts of the listener's own loading failures (`wedge-unavailable`, `calibration-unavailable`, `wedge-no-target`).
 */
export const wedgeLoadMessages = defineMessages({
  'wedge-unavailable': {
    fi: () =>
      'Viivakoodinlukijan ohjelmaa ei voitu ladata, joten korttia ei luettu. Tarkista verkkoyhteys ja lue kortti uudelleen.',
    sv: () =>
      'Programmet för streckkodsläsaren kunde inte laddas, så kortet lästes inte. Kontrollera nätverksanslutningen och läs kortet på nytt.',
    en: () =>
      "The barcode reader's code could not be loaded, so the card was not read. Check the network connection and scan the card again.",
  },
  'calibration-unavailable': {
    fi: () => 'Kalibrointia ei voitu ladata. Tarkista verkkoyhteys ja yritä uudelleen.',
    sv: () => 'Kalibreringen kunde inte laddas. Kontrollera nätverksanslutningen och försök igen.',
    en: () => 'Calibration could not be loaded. Check the network connection and try again.',
  },
  'wedge-no-target': {
    fi: () => 'Lukijan kuuntelulle ei ole kohdetta (sivua ei ole). Käynnistä kuuntelu selaimessa.',
    sv: () => 'Det finns inget mål att lyssna på läsaren (ingen sida). Starta lyssnandet i webbläsaren.',
    en: () => 'There is nothing to listen on for the reader (no page). Start listening in the browser.',
  },
});
