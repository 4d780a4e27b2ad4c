/** The CLIs' own texts (summary labels, usage errors) in Finnish, Swedish and English. */
import type { Locale } from '@kaiku-scanner/core';

type Text = { readonly [L in Locale]: string };

export const CLI_TEXT = {
  rowsRead: { fi: 'Rivejä luettu', sv: 'Lästa rader', en: 'Rows read' },
  registered: { fi: 'Kirjattu', sv: 'Registrerade', en: 'Registered' },
  alreadyRegistered: { fi: 'Jo aiemmin kirjattu', sv: 'Redan registrerade', en: 'Already registered' },
  valid: { fi: 'Kelvollisia (kuivaharjoitus)', sv: 'Giltiga (provkörning)', en: 'Valid (dry run)' },
  refused: {
    fi: 'Kaikukanta ei hyväksynyt',
    sv: 'Godkändes inte av Kaikukanta',
    en: 'Not accepted by Kaikukanta',
  },
  invalid: { fi: 'Virheellisiä', sv: 'Ogiltiga', en: 'Invalid' },
  skipped: { fi: 'Ohitettu (tyhjä/yhteensä)', sv: 'Överhoppade (tom/summa)', en: 'Skipped (blank/totals)' },
  notSent: { fi: 'Ei lähetetty', sv: 'Inte skickade', en: 'Not sent' },
  problems: { fi: 'Ongelmarivit', sv: 'Problemrader', en: 'Rows with problems' },
  row: { fi: 'rivi', sv: 'rad', en: 'row' },
  field: { fi: 'sarake', sv: 'kolumn', en: 'field' },
  card: { fi: 'kortti', sv: 'kort', en: 'card' },
  message: { fi: 'viesti', sv: 'meddelande', en: 'message' },
  more: { fi: 'ja {n} muuta riviä', sv: 'och {n} rader till', en: 'and {n} more rows' },
  rowsFile: {
    fi: 'Rivikohtainen raportti: {file}',
    sv: 'Rapport per rad: {file}',
    en: 'Per-row report: {file}',
  },
  dryRun: {
    fi: 'Kuivaharjoitus: mitään ei kirjattu. Korjaa yllä luetellut rivit tiedostoon ja kirjaa rivit ajamalla sama komento ilman valitsinta --dry-run (korjaamattomat rivit jäävät kirjaamatta).',
    sv: 'Provkörning: ingenting registrerades. Rätta raderna ovan i filen och registrera raderna genom att köra samma kommando utan --dry-run (rader som inte rättats registreras inte).',
    en: 'Dry run: nothing was registered. Correct the rows listed above in the file, then register the rows by running the same command without --dry-run (rows left uncorrected are not registered).',
  },
  shows: { fi: 'Esitykset', sv: 'Föreställningar', en: 'Performances' },
  showMatched: { fi: 'paikan esitys', sv: 'platsens föreställning', en: "the venue's show" },
  showMapped: { fi: '--shows-tiedostosta', sv: 'från --shows-filen', en: 'from the --shows file' },
  showNew: {
    fi: 'uusi esitys (tiedoston oma tunnus)',
    sv: 'ny föreställning (filens egen kod)',
    en: "a new show (the file's own ID)",
  },
  showUnmatched: {
    fi: 'ei yhdistetty (esityslistaa ei luettu)',
    sv: 'inte matchad (föreställningslistan lästes inte)',
    en: 'not matched (no show list read)',
  },
  unmatched: {
    fi: 'Rivejä ei yhdistetty paikan esityksiin: kuivaharjoitus lukee esityslistan vain, kun palvelin (--base-url tai KAIKU_BASE_URL) ja tunniste (KAIKU_TOKEN) on annettu.',
    sv: 'Raderna matchades inte mot platsens föreställningar: en provkörning läser föreställningslistan bara när servern (--base-url eller KAIKU_BASE_URL) och token (KAIKU_TOKEN) har angetts.',
    en: "The rows were not matched to the venue's shows: a dry run reads the show list only when given the server (--base-url or KAIKU_BASE_URL) and a token (KAIKU_TOKEN).",
  },
  showRows: { fi: '{n} riviä', sv: '{n} rader', en: '{n} rows' },
  ignored: {
    fi: 'Näitä sarakkeita ei luettu: {columns}.',
    sv: 'Dessa kolumner lästes inte: {columns}.',
    en: 'These columns were not read: {columns}.',
  },
  withoutKey: {
    fi: 'Skannerin raportin {n} riviltä puuttui kirjaustunniste (vanha raportti tai käsin lisätty rivi): ne kirjattiin tuonnin omilla tunnisteilla. Jos skannerin jonossa on yhä samat käytöt, tyhjennä jono, ettei Kaikukanta saa niitä kahdesti.',
    sv: '{n} rader i skannerns rapport saknade registreringsnyckel (en äldre rapport eller en rad som lagts till för hand): de registrerades med importens egna nycklar. Om samma användningar fortfarande står i skannerns kö, töm kön så att Kaikukanta inte får dem två gånger.',
    en: "{n} rows of the scanner's report had no idempotency key (an older report, or a row added by hand): they were registered under the import's own keys. If the scanner's queue still holds the same usages, clear it so that Kaikukanta does not get them twice.",
  },
  safeAgain: {
    fi: 'Tiedoston voi tuoda uudelleen: jo kirjatut rivit eivät kirjaudu kahdesti.',
    sv: 'Filen kan importeras igen: redan registrerade rader registreras inte två gånger.',
    en: 'The file can be imported again: rows already registered are not registered twice.',
  },
  notRead: {
    fi: 'Rivin {row} jälkeisiä rivejä ei luettu.',
    sv: 'Rader efter rad {row} lästes inte.',
    en: 'Rows after row {row} were not read.',
  },
  missingOption: {
    fi: 'Puuttuva valitsin: {option}',
    sv: 'Saknat alternativ: {option}',
    en: 'Missing option: {option}',
  },
  badOption: {
    fi: 'Virheellinen valitsin: {option}',
    sv: 'Ogiltigt alternativ: {option}',
    en: 'Invalid option: {option}',
  },
  noToken: {
    fi: 'Ympäristömuuttuja {name} (tunnisteelle) puuttuu tai on tyhjä.',
    sv: 'Miljövariabeln {name} (för token) saknas eller är tom.',
    en: 'The environment variable {name} (for the token) is missing or empty.',
  },
  fileMissing: {
    fi: 'Tiedostoa ei voi lukea: {file}',
    sv: 'Filen kan inte läsas: {file}',
    en: 'The file cannot be read: {file}',
  },
  fileWrite: {
    fi: 'Tiedostoon ei voi kirjoittaa: {file}',
    sv: 'Det går inte att skriva till filen: {file}',
    en: 'The file cannot be written: {file}',
  },
  unreachable: {
    fi: 'Kaikukantaan ei saada yhteyttä ({reason}): mitään ei kirjattu.',
    sv: 'Kaikukanta kan inte nås ({reason}): ingenting registrerades.',
    en: 'Kaikukanta cannot be reached ({reason}): nothing was registered.',
  },
  wrote: {
    fi: 'Kirjoitettu {file}: {rows} riviä, aikuisia {adults}, lapsia {children}.',
    sv: 'Skrev {file}: {rows} rader, vuxna {adults}, barn {children}.',
    en: 'Wrote {file}: {rows} rows, {adults} adult and {children} child tickets.',
  },
  'output-exists': {
    fi: 'Tiedosto on jo olemassa: {file}. Valitse toinen nimi tai korvaa tiedosto valitsimella --force.',
    sv: 'Filen finns redan: {file}. Välj ett annat namn eller skriv över filen med --force.',
    en: 'The file already exists: {file}. Choose another name, or overwrite it with --force.',
  },
  'output-is-input': {
    fi: 'Tulostiedosto on sama kuin luettava tiedosto: {file}. Valitse tulokselle toinen nimi.',
    sv: 'Utdatafilen är samma fil som läses: {file}. Välj ett annat namn för resultatet.',
    en: 'The output file is the file being read: {file}. Choose another name for the output.',
  },
  'output-path-unsafe': {
    fi: 'Tiedostonimessä on ohjausmerkkejä: {file}. Valitse tavallinen tiedostonimi.',
    sv: 'Filnamnet innehåller styrtecken: {file}. Välj ett vanligt filnamn.',
    en: 'The file name contains control characters: {file}. Choose a plain file name.',
  },
  seeHelp: { fi: 'Katso --help.', sv: 'Se --help.', en: 'See --help.' },
} as const satisfies Record<string, Text>;

/** A CLI text's name. */
export type CliTextKey = keyof typeof CLI_TEXT;

/** One CLI text in a language, with `{name}` placeholders filled. */
export function say(key: CliTextKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return CLI_TEXT[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** The language: `--lang`, else KAIKU_LANG, LC_ALL, LC_MESSAGES or LANG (fi*, sv*), else English. */
export function pickLocale(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Locale | undefined {
  const value = flag ?? env.KAIKU_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  const lang = value.slice(0, 2).toLowerCase();
  if (flag !== undefined && !['fi', 'sv', 'en'].includes(lang)) return undefined;
  return lang === 'fi' || lang === 'sv' ? lang : 'en';
}
