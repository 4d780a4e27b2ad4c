/**
 * Messages for card-ID refusals (`parseCardId`). Texts never repeat the raw reading: it may be a card ID.
 */
import { defineMessages } from './define.js';

/** Parameters of a refusal that names a character and its position (1-based). */
type CharParams = { readonly char: string; readonly position: number };
/** Parameters of a refusal for a wrong length: the prefix, the length read and the lengths expected. */
type LengthParams = { readonly prefix: string; readonly length: number; readonly expected: string };
/** Parameters of a refusal for an unknown prefix: the accepted ones. */
type PrefixParams = { readonly prefixes: string };

/**
 * Texts of the card-ID refusal codes.
 *
 * @example
 * cardIdMessages['legacy-code'].en({});
 */
export const cardIdMessages = defineMessages({
  empty: {
    fi: () => 'Kortin tunnus puuttuu. Lue kortti uudelleen tai kirjoita tunnus.',
    sv: () => 'Kortnumret saknas. Läs kortet på nytt eller skriv in numret.',
    en: () => 'The card ID is missing. Scan the card again or type the ID.',
  },
  'bad-prefix': {
    fi: (p: PrefixParams) => `Tunnus ei ala Kaikukortin tunnuksella (${p.prefixes}). Tarkista tunnus.`,
    sv: (p: PrefixParams) =>
      `Numret börjar inte som ett Kaikukortti-nummer (${p.prefixes}). Kontrollera numret.`,
    en: (p: PrefixParams) =>
      `The ID does not start like a Kaikukortti card ID (${p.prefixes}). Check the ID.`,
  },
  'bad-length': {
    fi: (p: LengthParams) =>
      `${p.prefix}-alkuisessa tunnuksessa on ${p.expected} merkkiä, tässä ${p.length}. Tarkista tunnus.`,
    sv: (p: LengthParams) =>
      `Ett nummer som börjar med ${p.prefix} har ${p.expected} tecken, det här har ${p.length}. Kontrollera numret.`,
    en: (p: LengthParams) =>
      `A card ID starting with ${p.prefix} has ${p.expected} characters; this one has ${p.length}. Check the ID.`,
  },
  'bad-character': {
    fi: (p: CharParams) => `Merkki ${p.char} (kohta ${p.position}) ei kuulu Kaikukortin tunnukseen.`,
    sv: (p: CharParams) => `Tecknet ${p.char} (position ${p.position}) ingår inte i ett Kaikukortti-nummer.`,
    en: (p: CharParams) =>
      `The character ${p.char} (position ${p.position}) is not part of a Kaikukortti card ID.`,
  },
  'bad-checksum': {
    fi: () => 'Viivakoodin tarkistusmerkki puuttuu tai ei täsmää. Lue kortti uudelleen.',
    sv: () => 'Streckkodens kontrolltecken saknas eller stämmer inte. Läs kortet på nytt.',
    en: () => 'The barcode check character is missing or does not match. Scan the card again.',
  },
  'unexpected-check-character': {
    fi: () =>
      'Luku päättyy ylimääräiseen Code 39 -tarkistusmerkkiin. Aseta lukija jättämään se pois tai ota tarkistusmerkin käsittely käyttöön.',
    sv: () =>
      'Läsningen slutar med ett extra Code 39-kontrolltecken. Ställ in läsaren att utelämna det eller aktivera hanteringen av kontrolltecken.',
    en: () =>
      'The reading ends with an extra Code 39 check character. Set the reader not to send it, or enable check-character handling.',
  },
  'legacy-code': {
    fi: () =>
      'Tämä on vanha paikallisen kokeilun koodi. Kortti toimii vain, jos se on rekisteröity Kaikukantaan: ohjaa haltija kortinjakajalle.',
    sv: () =>
      'Det här är en gammal kod från ett lokalt försök. Kortet fungerar bara om det är registrerat i Kaikukanta: hänvisa innehavaren till kortutdelaren.',
    en: () =>
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
