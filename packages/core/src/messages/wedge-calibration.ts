import { defineTexts } from './define.js';

/** Texts of the wedge calibration's refusals (see `wedge.ts` for the area's tables). */
export const wedgeCalibrationMessages = defineTexts({
  fi: {
    'calibration-no-burst': 'Kalibrointi ei havainnut lukijan lukemaa. Lue kortti lukijalla uudelleen.',
    'calibration-no-card':
      'Lukemasta ei löytynyt Kaikukortin tunnusta millään näppäimistöasettelulla. Lue kelvollinen kortti.',
    'calibration-ambiguous':
      'Lukeman voi tulkita kahdeksi eri tunnukseksi asettelusta riippuen. Kirjoita kortin tunnus kalibrointia varten ja lue kortti uudelleen.',
    'calibration-mismatch':
      'Luettu tunnus ei vastaa annettua tunnusta millään asettelulla. Tarkista tunnus ja lue sama kortti.',
    'calibration-timeout': 'Kalibrointi päättyi: korttia ei luettu ajoissa.',
  },
  sv: {
    'calibration-no-burst': 'Kalibreringen såg ingen läsning från läsaren. Läs kortet med läsaren på nytt.',
    'calibration-no-card':
      'Läsningen innehöll inget Kaikukortti-nummer med någon tangentbordslayout. Läs ett giltigt kort.',
    'calibration-ambiguous':
      'Läsningen kan tolkas som två olika nummer beroende på layout. Skriv in kortets nummer för kalibreringen och läs kortet på nytt.',
    'calibration-mismatch':
      'Det lästa numret motsvarar inte det angivna med någon layout. Kontrollera numret och läs samma kort.',
    'calibration-timeout': 'Kalibreringen avbröts: inget kort lästes i tid.',
  },
  en: {
    'calibration-no-burst':
      'Calibration saw no reading from the reader. Scan the card with the reader again.',
    'calibration-no-card':
      'No Kaikukortti card ID was found in the reading with any keyboard layout. Scan a valid card.',
    'calibration-ambiguous':
      'The reading matches two different IDs depending on the layout. Type the card ID for calibration and scan the card again.',
    'calibration-mismatch':
      'The reading does not match the given ID with any layout. Check the ID and scan the same card.',
    'calibration-timeout': 'Calibration ended: no card was scanned in time.',
  },
});

/** A stable code a wedge calibration fails with, e.g. `'calibration-timeout'`. */
export type WedgeCalibrationCode = keyof typeof wedgeCalibrationMessages;
