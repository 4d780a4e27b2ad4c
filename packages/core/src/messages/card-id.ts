/** Messages for card-ID refusals (`parseCardId`). Texts never repeat the raw reading: it may be a card ID. */
import { defineTexts } from './define.js';

/**
 * Texts of the card-ID refusal codes.
 *
 * @example
 * cardIdMessages['legacy-code'].en({});
 */
export const cardIdMessages = defineTexts({
  fi: {
    empty: 'Kortin tunnus puuttuu. Lue kortti uudelleen tai kirjoita tunnus.',
    'bad-prefix': 'Tunnus ei ala Kaikukortin tunnuksella ({prefixes}). Tarkista tunnus.',
    'bad-length': '{prefix}-alkuisessa tunnuksessa on {expected} merkkiä, tässä {length}. Tarkista tunnus.',
    'bad-character': 'Merkki {char} (kohta {position}) ei kuulu Kaikukortin tunnukseen.',
    'bad-checksum': 'Viivakoodin tarkistusmerkki puuttuu tai ei täsmää. Lue kortti uudelleen.',
    'unexpected-check-character':
      'Luku päättyy ylimääräiseen Code 39 -tarkistusmerkkiin. Aseta lukija jättämään se pois tai ota tarkistusmerkin käsittely käyttöön.',
    'legacy-code':
      'Tämä on vanha paikallisen kokeilun koodi. Kortti toimii vain, jos se on rekisteröity Kaikukantaan: ohjaa haltija kortinjakajalle.',
  },
  sv: {
    empty: 'Kortnumret saknas. Läs kortet på nytt eller skriv in numret.',
    'bad-prefix': 'Numret börjar inte som ett Kaikukortti-nummer ({prefixes}). Kontrollera numret.',
    'bad-length':
      'Ett nummer som börjar med {prefix} har {expected} tecken, det här har {length}. Kontrollera numret.',
    'bad-character': 'Tecknet {char} (position {position}) ingår inte i ett Kaikukortti-nummer.',
    'bad-checksum': 'Streckkodens kontrolltecken saknas eller stämmer inte. Läs kortet på nytt.',
    'unexpected-check-character':
      'Läsningen slutar med ett extra Code 39-kontrolltecken. Ställ in läsaren att utelämna det eller aktivera hanteringen av kontrolltecken.',
    'legacy-code':
      'Det här är en gammal kod från ett lokalt försök. Kortet fungerar bara om det är registrerat i Kaikukanta: hänvisa innehavaren till kortutdelaren.',
  },
  en: {
    empty: 'The card ID is missing. Scan the card again or type the ID.',
    'bad-prefix': 'The ID does not start like a Kaikukortti card ID ({prefixes}). Check the ID.',
    'bad-length':
      'A card ID starting with {prefix} has {expected} characters; this one has {length}. Check the ID.',
    'bad-character': 'The character {char} (position {position}) is not part of a Kaikukortti card ID.',
    'bad-checksum': 'The barcode check character is missing or does not match. Scan the card again.',
    'unexpected-check-character':
      'The reading ends with an extra Code 39 check character. Set the reader not to send it, or enable check-character handling.',
    'legacy-code':
      'This is an old local pilot code. The card only works once it is registered in Kaikukanta: refer the holder to the card distributor.',
  },
});

/**
 * A card-ID refusal code.
 *
 * @example
 * const code: CardIdErrorCode = 'bad-checksum';
 */
export type CardIdErrorCode = keyof typeof cardIdMessages;
