import { defineTexts } from './define.js';

/** Errors of image decoding (`decodeImage`). "No barcode in this frame" is not an error: it is `null`. */
export const decodeMessages = defineTexts({
  fi: {
    'decode-unsupported-image': 'Kuvaa ei voi lukea: se on tyhjä, suljettu tai väärää tyyppiä.',
    'decode-invalid-region': 'Lukualue on virheellinen: anna se kuvan osuuksina väliltä 0–1.',
    'decode-invalid-formats': 'Tuntematon viivakoodityyppi: sallitut ovat qr_code ja code_39.',
    'decode-decoder-unavailable':
      'Viivakoodin lukijaa ei voitu ladata. Tarkista verkkoyhteys ja sivun sisältökäytäntö (CSP).',
  },
  sv: {
    'decode-unsupported-image': 'Bilden kan inte läsas: den är tom, stängd eller av fel typ.',
    'decode-invalid-region': 'Läsområdet är ogiltigt: ange det som andelar av bilden mellan 0 och 1.',
    'decode-invalid-formats': 'Okänd streckkodstyp: tillåtna är qr_code och code_39.',
    'decode-decoder-unavailable':
      'Streckkodsläsaren kunde inte laddas. Kontrollera nätverket och sidans innehållspolicy (CSP).',
  },
  en: {
    'decode-unsupported-image': 'The image cannot be read: it is empty, closed or of an unsupported type.',
    'decode-invalid-region': 'The scan region is invalid: give it as fractions of the image between 0 and 1.',
    'decode-invalid-formats': 'Unknown barcode format: the supported ones are qr_code and code_39.',
    'decode-decoder-unavailable':
      'The barcode decoder could not be loaded. Check the network and the page’s content security policy.',
  },
});
