/**
 * The wedge listener's texts for its own loading (part of `wedgeListenerMessages`): at hand before the classifier
 * and calibration, which load on demand (see `wedge.ts`).
 */
import { defineTexts } from './define.js';

/**
 * Texts of the listener's own loading failures (`wedge-unavailable`, `calibration-unavailable`, `wedge-no-target`).
 */
export const wedgeLoadMessages = defineTexts({
  fi: {
    'wedge-unavailable':
      'Viivakoodinlukijan ohjelmaa ei voitu ladata, joten korttia ei luettu. Tarkista verkkoyhteys ja lue kortti uudelleen.',
    'calibration-unavailable': 'Kalibrointia ei voitu ladata. Tarkista verkkoyhteys ja yritä uudelleen.',
    'wedge-no-target': 'Lukijan kuuntelulle ei ole kohdetta (sivua ei ole). Käynnistä kuuntelu selaimessa.',
  },
  sv: {
    'wedge-unavailable':
      'Programmet för streckkodsläsaren kunde inte laddas, så kortet lästes inte. Kontrollera nätverksanslutningen och läs kortet på nytt.',
    'calibration-unavailable':
      'Kalibreringen kunde inte laddas. Kontrollera nätverksanslutningen och försök igen.',
    'wedge-no-target':
      'Det finns inget mål att lyssna på läsaren (ingen sida). Starta lyssnandet i webbläsaren.',
  },
  en: {
    'wedge-unavailable':
      "The barcode reader's code could not be loaded, so the card was not read. Check the network connection and scan the card again.",
    'calibration-unavailable': 'Calibration could not be loaded. Check the network connection and try again.',
    'wedge-no-target':
      'There is nothing to listen on for the reader (no page). Start listening in the browser.',
  },
});
