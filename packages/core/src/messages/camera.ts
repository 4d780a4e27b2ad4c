/** Texts for the camera's codes: what happened, what the clerk can do; never a reading (it may be a card ID). */
import { defineTexts } from './define.js';

/** A refused `feature` (the constraint, kept in the params) in Finnish, Swedish, English: the buttons' words. */
const FEATURES: Readonly<Record<string, readonly string[]>> = {
  torch: ['valo', 'lampa', 'torch'],
  zoom: ['zoomaus', 'zoom', 'zoom'],
  exposureCompensation: ['valotuksen korjaus', 'exponeringskompensation', 'exposure compensation'],
};
const named = (p: { readonly feature: string }, language: number): string =>
  FEATURES[p.feature]?.[language] ?? p.feature;

/**
 * The camera's codes and their texts.
 *
 * @example
 * cameraMessages['camera-in-use'].sv({}); // 'Kameran används av ett annat program …'
 */
export const cameraMessages = defineTexts({
  fi: {
    'camera-permission-denied':
      'Kameran käyttö on estetty. Salli kamera selaimen osoiterivin lukkokuvakkeesta tai laitteen asetuksista ja yritä uudelleen. Upotetulla sivulla isäntäsivun iframe tarvitsee allow="camera".',
    'camera-not-found':
      'Kameraa ei löytynyt. Liitä kamera tai käytä viivakoodinlukijaa tai kirjoita kortin tunnus.',
    'camera-in-use':
      'Kamera on toisen sovelluksen tai välilehden käytössä, tai laite ei vastaa. Sulje muut kameraa käyttävät sovellukset ja yritä uudelleen.',
    'camera-insecure-context':
      'Selain sallii kameran vain suojatulla yhteydellä. Avaa sivu https://-osoitteella (tai localhost-osoitteella testatessa).',
    'camera-overconstrained':
      'Valittu kamera ei tue pyydettyjä asetuksia. Valitse toinen kamera tai poista kameran valinta.',
    'camera-aborted': 'Kameran käynnistys peruttiin.',
    'camera-unsupported':
      'Tämä selain ei tue kameralla lukemista. Päivitä selain tai käytä viivakoodinlukijaa tai kirjoita kortin tunnus.',
    'camera-ended': 'Kamerakuva katkesi (kamera irrotettiin tai lupa peruttiin). Käynnistä kamera uudelleen.',
    'camera-feature-unsupported': (p: { readonly feature: string }) =>
      `Tämä kamera ei tue toimintoa: ${named(p, 0)}.`,
    'camera-stopped': 'Kamera on jo pysäytetty. Käynnistä lukeminen uudelleen.',
    'camera-exposure-not-restored':
      'Kameran valotusta ei saatu palautettua heijastusta varten tehdystä tummennuksesta: kuva voi jäädä tummaksi. Kameran seuraava käynnistys palauttaa sen.',
    'camera-decoder-failed':
      'Viivakoodien tunnistus ei käynnistynyt. Lataa sivu uudelleen tai käytä viivakoodinlukijaa.',
    'camera-decoder-degraded':
      'Kamera lukee kortteja varalukijalla, joka tunnistaa osan korteista huonommin. Pyydä ylläpitoa tarkistamaan sovelluksen asennus (zxing_reader.wasm puuttuu tai on estetty). Viivakoodinlukija toimii normaalisti.',
    'camera-module-url-missing':
      'Kameralla lukeminen ei käynnisty: sivun koonti kadotti koodin osoitteen (esbuildin format: "iife"). Pyydä ylläpitoa kokoamaan sivu muodossa format: "esm". Viivakoodinlukija toimii normaalisti.',
    'camera-invalid-option': 'Kameran asetus ei kelpaa ({fields}): tarkista arvo.',
    'camera-failed': 'Kameraa ei voitu käynnistää. Yritä uudelleen tai käynnistä selain uudelleen.',
  },
  sv: {
    'camera-permission-denied':
      'Kameran är blockerad. Tillåt kameran via låsikonen i webbläsarens adressfält eller i enhetens inställningar och försök igen. På en inbäddad sida behöver värdsidans iframe allow="camera".',
    'camera-not-found':
      'Ingen kamera hittades. Anslut en kamera eller använd streckkodsläsaren eller skriv in kortnumret.',
    'camera-in-use':
      'Kameran används av ett annat program eller en annan flik, eller svarar inte. Stäng andra program som använder kameran och försök igen.',
    'camera-insecure-context':
      'Webbläsaren tillåter kameran bara över en säker anslutning. Öppna sidan med en https://-adress (eller localhost vid test).',
    'camera-overconstrained':
      'Den valda kameran stöder inte de begärda inställningarna. Välj en annan kamera eller ta bort valet.',
    'camera-aborted': 'Starten av kameran avbröts.',
    'camera-unsupported':
      'Den här webbläsaren stöder inte läsning med kamera. Uppdatera webbläsaren eller använd streckkodsläsaren eller skriv in kortnumret.',
    'camera-ended':
      'Kamerabilden bröts (kameran kopplades från eller tillståndet återkallades). Starta kameran igen.',
    'camera-feature-unsupported': (p) => `Den här kameran stöder inte funktionen: ${named(p, 1)}.`,
    'camera-stopped': 'Kameran har redan stoppats. Starta läsningen igen.',
    'camera-exposure-not-restored':
      'Kamerans exponering kunde inte återställas efter mörkläggningen mot reflexer: bilden kan förbli mörk. Nästa start av kameran återställer den.',
    'camera-decoder-failed':
      'Streckkodsavkodningen kunde inte starta. Ladda om sidan eller använd streckkodsläsaren.',
    'camera-decoder-degraded':
      'Kameran läser korten med en reservläsare som känner igen en del kort sämre. Be supporten kontrollera installationen (zxing_reader.wasm saknas eller är blockerad). Streckkodsläsaren fungerar som vanligt.',
    'camera-module-url-missing':
      'Kameraläsningen startar inte: sidans bygge tappade kodens adress (esbuilds format: "iife"). Be supporten bygga sidan med format: "esm". Streckkodsläsaren fungerar som vanligt.',
    'camera-invalid-option': 'Kamerans inställning är ogiltig ({fields}): kontrollera värdet.',
    'camera-failed': 'Kameran kunde inte startas. Försök igen eller starta om webbläsaren.',
  },
  en: {
    'camera-permission-denied':
      'Camera access is blocked. Allow the camera from the lock icon in the address bar or in the device settings, then try again. In an embedded page the host iframe needs allow="camera".',
    'camera-not-found':
      'No camera was found. Connect a camera, or use the barcode reader or type the card ID.',
    'camera-in-use':
      'The camera is in use by another app or tab, or is not responding. Close other apps using the camera and try again.',
    'camera-insecure-context':
      'The browser allows the camera only on a secure connection. Open the page over https:// (or localhost when testing).',
    'camera-overconstrained':
      'The selected camera does not support the requested settings. Choose another camera or clear the choice.',
    'camera-aborted': 'Starting the camera was cancelled.',
    'camera-unsupported':
      'This browser cannot scan with the camera. Update the browser, or use the barcode reader or type the card ID.',
    'camera-ended':
      'The camera feed ended (the camera was unplugged or permission was revoked). Start the camera again.',
    'camera-feature-unsupported': (p) => `This camera does not support: ${named(p, 2)}.`,
    'camera-stopped': 'The camera has already been stopped. Start scanning again.',
    'camera-exposure-not-restored':
      'The camera’s exposure could not be set back after darkening it against glare: the picture may stay dark. The camera’s next start sets it back.',
    'camera-decoder-failed': 'Barcode decoding could not start. Reload the page or use the barcode reader.',
    'camera-decoder-degraded':
      'The camera is reading cards with a fallback decoder that misses some cards. Ask support to check the installation (zxing_reader.wasm is missing or blocked). The barcode reader works as usual.',
    'camera-module-url-missing':
      'Camera scanning cannot start: the page\'s build lost the address of its code (esbuild\'s format: "iife"). Ask support to build the page with format: "esm". The barcode reader works as usual.',
    'camera-invalid-option': 'Invalid camera setting ({fields}): check its value.',
    'camera-failed': 'The camera could not be started. Try again or restart the browser.',
  },
});

/** A stable code of camera scanning, e.g. `'camera-permission-denied'`. */
export type CameraMessageCode = keyof typeof cameraMessages;
