import { defineTexts } from './define.js';

/** The wedge listener's own loading failures: at hand before the classifier and calibration load (`wedge.ts`). */
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
