/**
 * Texts for the camera's stable codes (`startCameraScan`): each says what happened and what the clerk can do.
 * No text repeats a reading: it may be a card ID.
 */
import { defineMessages } from './define.js';

/** Parameters naming the browser feature that is missing. */
type FeatureParams = { readonly feature: string };

/**
 * The camera's codes and their texts.
 *
 * @example
 * cameraMessages['camera-in-use'].sv({}); // 'Kameran används av ett annat program …'
 */
export const cameraMessages = defineMessages({
  'camera-permission-denied': {
    fi: () =>
      'Kameran käyttö on estetty. Salli kamera selaimen osoiterivin lukkokuvakkeesta tai laitteen asetuksista ja yritä uudelleen. Upotetulla sivulla isäntäsivun iframe tarvitsee allow="camera".',
    sv: () =>
      'Kameran är blockerad. Tillåt kameran via låsikonen i webbläsarens adressfält eller i enhetens inställningar och försök igen. På en inbäddad sida behöver värdsidans iframe allow="camera".',
    en: () =>
      'Camera access is blocked. Allow the camera from the lock icon in the address bar or in the device settings, then try again. In an embedded page the host iframe needs allow="camera".',
  },
  'camera-not-found': {
    fi: () => 'Kameraa ei löytynyt. Liitä kamera tai käytä viivakoodinlukijaa tai kirjoita kortin tunnus.',
    sv: () =>
      'Ingen kamera hittades. Anslut en kamera eller använd streckkodsläsaren eller skriv in kortnumret.',
    en: () => 'No camera was found. Connect a camera, or use the barcode reader or type the card ID.',
  },
  'camera-in-use': {
    fi: () =>
      'Kamera on toisen sovelluksen tai välilehden käytössä, tai laite ei vastaa. Sulje muut kameraa käyttävät sovellukset ja yritä uudelleen.',
    sv: () =>
      'Kameran används av ett annat program eller en annan flik, eller svarar inte. Stäng andra program som använder kameran och försök igen.',
    en: () =>
      'The camera is in use by another app or tab, or is not responding. Close other apps using the camera and try again.',
  },
  'camera-insecure-context': {
    fi: () =>
      'Selain sallii kameran vain suojatulla yhteydellä. Avaa sivu https://-osoitteella (tai localhost-osoitteella testatessa).',
    sv: () =>
      'Webbläsaren tillåter kameran bara över en säker anslutning. Öppna sidan med en https://-adress (eller localhost vid test).',
    en: () =>
      'The browser allows the camera only on a secure connection. Open the page over https:// (or localhost when testing).',
  },
  'camera-overconstrained': {
    fi: () => 'Valittu kamera ei tue pyydettyjä asetuksia. Valitse toinen kamera tai poista kameran valinta.',
    sv: () =>
      'Den valda kameran stöder inte de begärda inställningarna. Välj en annan kamera eller ta bort valet.',
    en: () =>
      'The selected camera does not support the requested settings. Choose another camera or clear the choice.',
  },
  'camera-aborted': {
    fi: () => 'Kameran käynnistys peruttiin.',
    sv: () => 'Starten av kameran avbröts.',
    en: () => 'Starting the camera was cancelled.',
  },
  'camera-unsupported': {
    fi: () =>
      'Tämä selain ei tue kameralla lukemista. Päivitä selain tai käytä viivakoodinlukijaa tai kirjoita kortin tunnus.',
    sv: () =>
      'Den här webbläsaren stöder inte läsning med kamera. Uppdatera webbläsaren eller använd streckkodsläsaren eller skriv in kortnumret.',
    en: () =>
      'This browser cannot scan with the camera. Update the browser, or use the barcode reader or type the card ID.',
  },
  'camera-ended': {
    fi: () => 'Kamerakuva katkesi (kamera irrotettiin tai lupa peruttiin). Käynnistä kamera uudelleen.',
    sv: () =>
      'Kamerabilden bröts (kameran kopplades från eller tillståndet återkallades). Starta kameran igen.',
    en: () =>
      'The camera feed ended (the camera was unplugged or permission was revoked). Start the camera again.',
  },
  'camera-feature-unsupported': {
    fi: (p: FeatureParams) => `Tämä kamera ei tue toimintoa: ${p.feature}.`,
    sv: (p: FeatureParams) => `Den här kameran stöder inte funktionen: ${p.feature}.`,
    en: (p: FeatureParams) => `This camera does not support: ${p.feature}.`,
  },
  'camera-stopped': {
    fi: () => 'Kamera on jo pysäytetty. Käynnistä lukeminen uudelleen.',
    sv: () => 'Kameran har redan stoppats. Starta läsningen igen.',
    en: () => 'The camera has already been stopped. Start scanning again.',
  },
  'camera-decoder-failed': {
    fi: () => 'Viivakoodien tunnistus ei käynnistynyt. Lataa sivu uudelleen tai käytä viivakoodinlukijaa.',
    sv: () => 'Streckkodsavkodningen kunde inte starta. Ladda om sidan eller använd streckkodsläsaren.',
    en: () => 'Barcode decoding could not start. Reload the page or use the barcode reader.',
  },
  'camera-decoder-degraded': {
    fi: () =>
      'Kamera lukee kortteja varalukijalla, joka tunnistaa osan korteista huonommin. Pyydä ylläpitoa tarkistamaan sovelluksen asennus (zxing_reader.wasm puuttuu tai on estetty). Viivakoodinlukija toimii normaalisti.',
    sv: () =>
      'Kameran läser korten med en reservläsare som känner igen en del kort sämre. Be supporten kontrollera installationen (zxing_reader.wasm saknas eller är blockerad). Streckkodsläsaren fungerar som vanligt.',
    en: () =>
      'The camera is reading cards with a fallback decoder that misses some cards. Ask support to check the installation (zxing_reader.wasm is missing or blocked). The barcode reader works as usual.',
  },
  'camera-module-url-missing': {
    fi: () =>
      'Kameralla lukeminen ei käynnisty: sivun koonti kadotti koodin osoitteen (esbuildin format: "iife"). Pyydä ylläpitoa kokoamaan sivu muodossa format: "esm". Viivakoodinlukija toimii normaalisti.',
    sv: () =>
      'Kameraläsningen startar inte: sidans bygge tappade kodens adress (esbuilds format: "iife"). Be supporten bygga sidan med format: "esm". Streckkodsläsaren fungerar som vanligt.',
    en: () =>
      'Camera scanning cannot start: the page\'s build lost the address of its code (esbuild\'s format: "iife"). Ask support to build the page with format: "esm". The barcode reader works as usual.',
  },
  'camera-failed': {
    fi: () => 'Kameraa ei voitu käynnistää. Yritä uudelleen tai käynnistä selain uudelleen.',
    sv: () => 'Kameran kunde inte startas. Försök igen eller starta om webbläsaren.',
    en: () => 'The camera could not be started. Try again or restart the browser.',
  },
});

/** A stable code of camera scanning, e.g. `'camera-permission-denied'`. */
export type CameraMessageCode = keyof typeof cameraMessages;
