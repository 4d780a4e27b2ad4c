/** Messages for keyboard-wedge calibration refusals (see `wedge.ts` for the area's tables). */
import { defineMessages } from './define.js';

/**
 * Texts of the wedge calibration's refusals (`calibration-*`), in Finnish, Swedish and English.
 *
 * @example
 * wedgeCalibrationMessages['calibration-timeout'].en({});
 */
export const wedgeCalibrationMessages = defineMessages({
  'calibration-no-burst': {
    fi: () => 'Kalibrointi ei havainnut lukijan lukemaa. Lue kortti lukijalla uudelleen.',
    sv: () => 'Kalibreringen såg ingen läsning från läsaren. Läs kortet med läsaren på nytt.',
    en: () => 'Calibration saw no reading from the reader. Scan the card with the reader again.',
  },
  'calibration-no-card': {
    fi: () =>
      'Lukemasta ei löytynyt Kaikukortin tunnusta millään näppäimistöasettelulla. Lue kelvollinen kortti.',
    sv: () =>
      'Läsningen innehöll inget Kaikukortti-nummer med någon tangentbordslayout. Läs ett giltigt kort.',
    en: () => 'No Kaikukortti card ID was found in the reading with any keyboard layout. Scan a valid card.',
  },
  'calibration-ambiguous': {
    fi: () =>
      'Lukeman voi tulkita kahdeksi eri tunnukseksi asettelusta riippuen. Kirjoita kortin tunnus kalibrointia varten ja lue kortti uudelleen.',
    sv: () =>
      'Läsningen kan tolkas som två olika nummer beroende på layout. Skriv in kortets nummer för kalibreringen och läs kortet på nytt.',
    en: () =>
      'The reading matches two different IDs depending on the layout. Type the card ID for calibration and scan the card again.',
  },
  'calibration-mismatch': {
    fi: () =>
      'Luettu tunnus ei vastaa annettua tunnusta millään asettelulla. Tarkista tunnus ja lue sama kortti.',
    sv: () =>
      'Det lästa numret motsvarar inte det angivna med någon layout. Kontrollera numret och läs samma kort.',
    en: () => 'The reading does not match the given ID with any layout. Check the ID and scan the same card.',
  },
  'calibration-timeout': {
    fi: () => 'Kalibrointi päättyi: korttia ei luettu ajoissa.',
    sv: () => 'Kalibreringen avbröts: inget kort lästes i tid.',
    en: () => 'Calibration ended: no card was scanned in time.',
  },
});

/** A stable code a wedge calibration fails with, e.g. `'calibration-timeout'`. */
export type WedgeCalibrationCode = keyof typeof wedgeCalibrationMessages;
