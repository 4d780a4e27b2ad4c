/**
 * Texts for the sales-report import and the usage-report export: file-level errors (`report-*`), per-row errors
 * (`row-*`) and the template's column names. No parameter carries a card ID: these texts reach logs and terminals.
 */
import { defineTexts, type Locale, type LocalizedText } from './define.js';
import { ownValue } from '../schemas/own-value.js';

/**
 * Column names of the official template (toimintamalli 2019 §9.2), per language: the usage-report
 * export writes them and header errors name the missing ones with them.
 */
export const REPORT_COLUMN_LABELS = {
  cardId: { fi: 'Kortin tunnus', sv: 'Kortets kod', en: 'Card ID' },
  adults: { fi: 'Lippu aikuiselle', sv: 'Biljett för vuxna', en: 'Adult tickets' },
  children: { fi: 'Lippu lapselle', sv: 'Biljett för barn', en: 'Child tickets' },
  event: { fi: 'Esityksen nimi', sv: 'Föreställningens namn', en: 'Show' },
  date: { fi: 'Päivämäärä', sv: 'Datum', en: 'Date' },
  time: { fi: 'Kellonaika', sv: 'Klockslag', en: 'Time' },
  mode: { fi: 'Käyttötapa', sv: 'Användning', en: 'Mode' },
  group: { fi: 'Ryhmäkäynti', sv: 'Gruppbesök', en: 'Group visit' },
  acceptance: { fi: 'Tarkistus', sv: 'Kontroll', en: 'Check' },
  status: { fi: 'Lähetyksen tila', sv: 'Sändningsstatus', en: 'Sync status' },
  reason: { fi: 'Syy', sv: 'Orsak', en: 'Reason' },
  key: { fi: 'Kirjaustunniste', sv: 'Registreringsnyckel', en: 'Idempotency key' },
  details: { fi: 'Kirjauksen tiedot', sv: 'Registreringsuppgifter', en: 'Registration details' },
  venue: { fi: 'Tapahtumapaikka', sv: 'Plats', en: 'Venue' },
  total: { fi: 'Yhteensä', sv: 'Sammanlagt', en: 'Total' },
} as const satisfies Record<string, LocalizedText>;

/**
 * A conflict's cell (`UsageReportRow.conflicts`): the card was also admitted elsewhere — where and when — while that
 * terminal could not reach the register; the row counts once.
 */
export const REPORT_CONFLICT_TEXT = {
  fi: (where: string, time: string) => `Päästetty sisään myös: ${where} klo ${time}, ei laskettu`,
  sv: (where: string, time: string) => `Insläppt även: ${where} kl. ${time}, inte räknad`,
  en: (where: string, time: string) => `Also admitted: ${where} at ${time}, not counted`,
} as const;
/** The usage report's conflict column (only in a report that has one; the import reads no field from it). */
export const REPORT_CONFLICT_LABEL = { fi: 'Ristiriita', sv: 'Konflikt', en: 'Conflict' } as const;
/** Where, when a conflict's terminal gave no name. */
export const REPORT_CONFLICT_NOWHERE = {
  fi: 'toinen pääte',
  sv: 'en annan terminal',
  en: 'another terminal',
} as const;

/** The usage mode as the report writes it (and reads it back, in any of the languages). */
export const REPORT_MODE_LABELS = {
  booking: { fi: 'varaus', sv: 'bokning', en: 'booking' },
  collection: { fi: 'nouto', sv: 'avhämtning', en: 'collection' },
} as const satisfies Record<string, LocalizedText>;

/** How the card was checked when the sale was accepted (the outbox's report): online, or provisionally. */
export const REPORT_ACCEPTANCE_LABELS = {
  online: { fi: 'verkossa', sv: 'online', en: 'online' },
  provisional: { fi: 'alustava', sv: 'preliminär', en: 'provisional' },
} as const satisfies Record<string, LocalizedText>;

/** An outbox record's state as the outbox's report writes it; the import registers only `pending` rows. */
export const REPORT_STATUS_LABELS = {
  pending: { fi: 'odottaa', sv: 'väntar', en: 'pending' },
  'needs-attention': { fi: 'vaatii huomiota', sv: 'kräver åtgärd', en: 'needs attention' },
  synced: { fi: 'kirjattu', sv: 'registrerad', en: 'registered' },
  resolved: { fi: 'käsitelty', sv: 'hanterad', en: 'resolved' },
} as const satisfies Record<string, LocalizedText>;

const label = (field: string, locale: Locale) => ownValue(REPORT_COLUMN_LABELS, field)?.[locale] ?? field;
const size = (b: number): string => (b >= 1024 * 1024 ? `${Math.round(b / 1024 / 1024)} MiB` : `${b} B`);
/** `columns` is a comma-separated list of field names (`cardId, date`): each language names them its own way. */
const labels = (fields: string, locale: Locale) =>
  Array.from(fields.split(','), (f) => label(f.trim(), locale)).join(', ');

/**
 * Texts of the sales-report import and the usage report (file errors `report-*`, row errors `row-*`), in
 * Finnish, Swedish and English.
 *
 * @example
 * reportMessages['report-empty'].sv({});
 */
export const reportMessages = defineTexts({
  fi: {
    'report-empty': 'Tiedosto on tyhjä: siinä ei ole yhtään riviä.',
    'report-no-rows': 'Tiedostossa on otsikkorivi mutta ei yhtään myyntiriviä.',
    'report-binary': 'Tiedosto ei ole CSV- eikä XLSX-taulukko (se näyttää binääritiedostolta).',
    'report-legacy-xls': 'Vanhaa .xls-muotoa ei tueta: tallenna taulukko Excelissä muodossa .xlsx tai CSV.',
    'report-encoding-unsupported':
      'Merkistöä {encoding} ei tueta: tallenna tiedosto UTF-8- tai Windows-1252-merkistöllä.',
    'report-too-large': 'Tiedosto on liian suuri (yli {limit} tavua): tuonti keskeytettiin.',
    'report-too-many-rows': 'Tiedostossa on yli {limit} riviä: tuonti keskeytettiin.',
    'report-too-many-lines':
      'Tiedostossa on yli {limit} riviä tyhjät rivit mukaan lukien: tuonti keskeytettiin. Poista tyhjät rivit tai jaa raportti pienempiin osiin.',
    'report-record-too-long':
      'Rivi {row} on liian pitkä (puuttuuko lainausmerkki?): tiedostoa ei voi lukea pidemmälle.',
    'report-header-missing': (p: { columns: string }) =>
      `Otsikkoriviltä puuttuu sarake: ${labels(p.columns, 'fi')}.`,
    'report-header-duplicate': (p: { columns: string }) =>
      `Sarake on otsikkorivillä kahdesti: ${labels(p.columns, 'fi')}.`,
    'report-xlsx-unreadable': 'XLSX-tiedostoa ei voitu lukea: se on vioittunut tai ei ole Excel-työkirja.',
    'report-xlsx-too-large': (p: { limit: number }) =>
      `XLSX-tiedosto purkautuu liian suureksi (raja ${size(p.limit)}), joten sitä ei luettu. Tallenna raportti uudelleen Excelissä tai CSV-muodossa.`,
    'report-xlsx-too-deep':
      'XLSX-tiedoston rakenne on epätavallisen syvä (yli {limit} tasoa), joten sitä ei luettu. Tallenna raportti uudelleen Excelissä tai CSV-muodossa.',
    'report-xlsx-too-wide':
      'Taulukossa on tietoja liian kaukana oikealla (yli {limit} saraketta), joten sitä ei luettu. Poista ylimääräiset sarakkeet tai tallenna raportti CSV-muodossa.',
    'report-xlsx-too-many-cells':
      'Työkirjassa on liikaa soluja (yli {limit}), joten sitä ei luettu. Jaa raportti pienempiin osiin.',
    'report-xlsx-too-complex':
      'Työkirjassa on liikaa rivejä, tekstejä tai muotoiluja (yli {limit}), joten sitä ei luettu. Tallenna raportti CSV-muodossa tai jaa se pienempiin osiin.',
    'report-too-slow':
      'Tiedoston lukeminen kesti yli {limit} s, joten se keskeytettiin. Jaa raportti pienempiin osiin.',
    'report-xlsx-too-large-for-browser': (p: { limit: number }) =>
      `XLSX-tiedosto on liian suuri luettavaksi selaimessa (yli ${size(p.limit)}). Tallenna raportti CSV-muodossa tai tuo se kaiku-import-komennolla.`,
    'report-sheet-missing':
      'Työkirjassa ei ole taulukkoa "{sheet}" (taulukot: {sheets}): tarkista taulukon nimi tai järjestysnumero.',
    'report-more-sheets':
      'Vain taulukko "{sheet}" luettiin. Myös taulukoissa {sheets} on myyntiraportin otsikkorivi: tuo ne erikseen valitsemalla taulukko (sheet / --sheet).',
    'report-unreadable': 'Tiedoston lukeminen epäonnistui.',
    'report-aborted': 'Tuonti keskeytettiin.',
    'report-server-failed':
      'Yhteys Kaikukantaan katkesi ({reason}): tuonti keskeytettiin. Tuo tiedosto uudelleen; jo kirjatut rivit eivät kirjaudu kahdesti.',
    'report-no-show-list':
      'Kaikukannalla ei ole esityslistaa (GET /v1/venues/{venue}/shows), joten rivejä ei voi yhdistää paikan esityksiin: tuonti keskeytettiin. Kerro tuonnille paikan esitykset (kaiku-import --shows esitykset.json) tai kirjaa rivit tiedoston omilla esitystunnuksilla (--new-shows).',
    'report-options-invalid': 'Virheellinen asetus: {option}.',
    'row-card-id-missing': 'Kortin tunnus puuttuu.',
    'row-adults-not-one': 'Aikuisten lippuja pitää olla täsmälleen yksi (rivillä: "{value}").',
    'row-mode-invalid': 'Käyttötavan pitää olla varaus tai nouto (rivillä: "{value}").',
    'row-group-unknown':
      'Sarakkeen Ryhmäkäynti tunnus "{group}" ei vastaa raportissa yhtään saman esityksen yhteisökortin riviä, joten ryhmän jäsentä ei kirjattu. Lisää ryhmän yhteisökortin rivi tai tyhjennä solu, jos kortilla käytiin omalla käynnillä.',
    'row-group-duplicate':
      'Sarakkeen Ryhmäkäynti tunnus "{group}" on jo rivin {firstRow} yhteisökortilla: ryhmäkäynnillä on vain yksi yhteisökortti. Riviä ei kirjattu.',
    'row-group-member-children':
      'Ryhmän jäsenen rivillä ei voi olla lasten lippuja: alle 16-vuotiaat asiakkaat merkitään ryhmän yhteisökortin riville.',
    'row-needs-attention':
      'Kaikukanta hylkäsi tämän kirjauksen jo kerran (Lähetyksen tila: vaatii huomiota), joten sitä ei tuotu. Selvitä syy skannerin jonosta ja kirjaa käyttö vasta sitten.',
    'row-status-invalid':
      'Lähetyksen tilan pitää olla tyhjä tai "odottaa" (rivillä: "{value}"); vain odottavat kirjaukset tuodaan.',
    'row-acceptance-invalid': 'Tarkistuksen pitää olla verkossa tai alustava (rivillä: "{value}").',
    'row-children-invalid': 'Lasten lippujen määrän pitää olla kokonaisluku 0–20 (rivillä: "{value}").',
    'row-event-missing': 'Tapahtuman nimi puuttuu.',
    'row-event-too-long': 'Tapahtuman nimi on liian pitkä (yli {limit} merkkiä).',
    'row-date-missing': 'Päivämäärä puuttuu.',
    'row-date-invalid': 'Päivämäärä ei kelpaa: "{value}" (käytä muotoa 3.2.2020 tai 2020-02-03).',
    'row-date-weekday':
      'Viikonpäivä ja päivämäärä eivät täsmää: "{value}" (tarkista kumpi on oikein ja korjaa toinen).',
    'row-time-invalid': 'Kellonaika ei kelpaa: "{value}" (käytä muotoa 18.30 tai 18:30).',
    'row-formula': (p: { field: string }) =>
      `Sarakkeen "${label(p.field, 'fi')}" solu alkaa kaavamerkillä (=, +, -, @) tai on kaava: riviä ei tuotu turvallisuussyistä. Liitä solut arvoina (Liitä määräten → Arvot) tai poista merkki solun alusta.`,
    'row-encoding-mixed':
      'Rivin merkistö poikkeaa muun tiedoston merkistöstä ({encoding}): tallenna tiedosto yhdellä merkistöllä.',
    'row-quote-unclosed':
      'Rivin lainausmerkki jää auki, joten seuraavat {lines} riviä luettiin yhdeksi soluksi eikä niitä tuotu: lisää puuttuva lainausmerkki tai poista ylimääräinen.',
    'row-encoding-unknown':
      'Rivin merkistöä ei tunnistettu (ä näkyisi Š-kirjaimena: Macintosh-merkistö?): tallenna tiedosto muodossa CSV UTF-8.',
    'row-control-characters': 'Rivillä on ohjausmerkkejä tai binääridataa.',
    'row-key-invalid':
      'Kirjaustunniste puuttuu tai on muuttunut: skanneri kirjoittaa sen muodossa 8-4-4-4-12 pientä heksamerkkiä (0–9, a–f). Riviä ei kirjattu. Palauta solu sellaisena kuin skanneri sen kirjoitti, tai tyhjennä sekä Kirjaustunniste että Kirjauksen tiedot, jos rivi kirjataan uutena käyttönä.',
    'row-details-invalid': (p: { path: string; problem: string; suggestion?: string }) =>
      p.problem === 'missing'
        ? 'Kirjauksen tiedot puuttuvat, vaikka rivillä on kirjaustunniste. Riviä ei kirjattu: palauta solu skannerin raportista.'
        : `Kirjauksen tiedot eivät ole sellaisina kuin skanneri ne kirjoitti${p.path ? ` (kohta ${p.path}${p.suggestion ? `; tarkoititko ${p.suggestion}?` : ''})` : ''}. Riviä ei kirjattu: palauta solu skannerin raportista.`,
    'row-key-duplicate':
      'Sama kirjaustunniste on jo rivillä {firstRow}: yksi jonon kirjaus on raportissa vain kerran (ryhmäkäynnin rivejä lukuun ottamatta). Riviä ei kirjattu.',
    'row-key-mismatch': (p: { field: string }) =>
      `Rivi ei enää vastaa kirjausta, jolle sen kirjaustunniste kuuluu (${p.field === 'key' ? 'kortti, päivämäärä, kellonaika tai kirjauksen tiedot' : label(p.field, 'fi')} muuttunut raportin lataamisen jälkeen). Riviä ei kirjattu. Palauta rivi skannerin raportista, tai tyhjennä Kirjaustunniste ja Kirjauksen tiedot, jos muutettu rivi kirjataan uutena käyttönä.`,
    'row-key-target': (p: { target: string }): string =>
      p.target === 'venue'
        ? 'Käyttö jonotettiin toiselle tapahtumapaikalle kuin tälle tuonnille, joten sitä ei kirjattu tänne. Tuo raportti sen paikan nimissä, jolle käyttö kirjattiin.'
        : 'Käyttö jonotettiin toiseen Kaikukantaan (toiseen palvelinosoitteeseen) kuin johon tämä tuonti lähettää, tai skanneri ei tiennyt kohdettaan, joten sitä ei kirjattu tänne. Tuo raportti samaan Kaikukantaan, jota skanneri käytti.',
    'row-show-unknown':
      'Paikalla ei ole esitystä "{event}" {date} {time}, joten riviä ei kirjattu. Tarkista nimi ja aika, tai kerro tuonnille, mikä paikan esitys tämä on (kaiku-import --shows esitykset.json); uuden esityksen saa luoda vain erikseen pyytäen (--new-shows).',
    'row-show-ambiguous':
      'Rivin esitys "{event}" {date} {time} sopii usealle paikan esitykselle ({shows}), joten riviä ei kirjattu. Kerro tuonnille, mikä niistä se on (kaiku-import --shows esitykset.json).',
    'row-venue-unknown':
      'Tapahtumapaikka "{venue}" ei ole tämän tuonnin paikka eikä paikka, jonka puolesta tuonti saa kirjata, joten riviä ei kirjattu. Jos välitätte paikan lippuja, anna sen tunnus (kaiku-import --venue-name "{venue}=tunnus"); muuten tuo rivi paikan omassa tuonnissa.',
    'row-agent-not-authorized':
      'Kaikukanta ei salli tämän tunnuksen kirjata paikan {venue} käyttöjä: paikka ei ole nimennyt teitä lipunvälittäjäkseen. Riviä ei kirjattu; pyydä paikkaa lisäämään teidät välittäjäkseen tai tuo rivi paikan omassa tuonnissa.',
    'row-legacy-code':
      'Tunnus on vanha paikallisen kokeilun koodi, ei Kaikukortin tunnus, joten riviä ei kirjattu. Tarkista myyntijärjestelmästä, mikä kortti ostoon käytettiin, ja korjaa tunnus.',
    'row-duplicate': 'Rivi on täsmälleen sama kuin rivi {firstRow}: sitä ei kirjattu toiseen kertaan.',
  },
  sv: {
    'report-empty': 'Filen är tom: den innehåller inga rader.',
    'report-no-rows': 'Filen har en rubrikrad men inga försäljningsrader.',
    'report-binary': 'Filen är varken en CSV- eller XLSX-tabell (den ser ut som en binärfil).',
    'report-legacy-xls': 'Det gamla .xls-formatet stöds inte: spara tabellen i Excel som .xlsx eller CSV.',
    'report-encoding-unsupported':
      'Teckenkodningen {encoding} stöds inte: spara filen som UTF-8 eller Windows-1252.',
    'report-too-large': 'Filen är för stor (över {limit} byte): importen avbröts.',
    'report-too-many-rows': 'Filen har över {limit} rader: importen avbröts.',
    'report-too-many-lines':
      'Filen har över {limit} rader, tomma rader medräknade: importen avbröts. Ta bort de tomma raderna eller dela upp rapporten i mindre delar.',
    'report-record-too-long': 'Rad {row} är för lång (saknas ett citattecken?): filen kan inte läsas vidare.',
    'report-header-missing': (p) => `Rubrikraden saknar kolumn: ${labels(p.columns, 'sv')}.`,
    'report-header-duplicate': (p) => `Kolumnen finns två gånger på rubrikraden: ${labels(p.columns, 'sv')}.`,
    'report-xlsx-unreadable': 'XLSX-filen kunde inte läsas: den är skadad eller inte en Excel-arbetsbok.',
    'report-xlsx-too-large': (p) =>
      `XLSX-filen packas upp till för stor storlek (gräns ${size(p.limit)}) och lästes därför inte. Spara rapporten på nytt i Excel eller som CSV.`,
    'report-xlsx-too-deep':
      'XLSX-filens struktur är ovanligt djup (över {limit} nivåer) och lästes därför inte. Spara rapporten på nytt i Excel eller som CSV.',
    'report-xlsx-too-wide':
      'Bladet har data för långt till höger (över {limit} kolumner) och lästes därför inte. Ta bort överflödiga kolumner eller spara rapporten som CSV.',
    'report-xlsx-too-many-cells':
      'Arbetsboken har för många celler (över {limit}) och lästes därför inte. Dela upp rapporten i mindre delar.',
    'report-xlsx-too-complex':
      'Arbetsboken har för många rader, texter eller format (över {limit}) och lästes därför inte. Spara rapporten som CSV eller dela upp den i mindre delar.',
    'report-too-slow':
      'Läsningen av filen tog över {limit} s och avbröts. Dela upp rapporten i mindre delar.',
    'report-xlsx-too-large-for-browser': (p) =>
      `XLSX-filen är för stor för att läsas i webbläsaren (över ${size(p.limit)}). Spara rapporten som CSV eller importera den med kommandot kaiku-import.`,
    'report-sheet-missing':
      'Arbetsboken har inget blad "{sheet}" (bladen: {sheets}): kontrollera bladets namn eller nummer.',
    'report-more-sheets':
      'Endast bladet "{sheet}" lästes. Även bladen {sheets} har en rubrikrad för en försäljningsrapport: importera dem separat genom att välja bladet (sheet / --sheet).',
    'report-unreadable': 'Det gick inte att läsa filen.',
    'report-aborted': 'Importen avbröts.',
    'report-server-failed':
      'Förbindelsen till Kaikukanta bröts ({reason}): importen avbröts. Importera filen igen; redan registrerade rader registreras inte två gånger.',
    'report-no-show-list':
      'Kaikukanta har ingen föreställningslista (GET /v1/venues/{venue}/shows), så raderna kan inte matchas mot platsens föreställningar: importen avbröts. Ange platsens föreställningar för importen (kaiku-import --shows forestallningar.json) eller registrera raderna med filens egna föreställningskoder (--new-shows).',
    'report-options-invalid': 'Ogiltig inställning: {option}.',
    'row-card-id-missing': 'Kortets kod saknas.',
    'row-adults-not-one': 'Det ska finnas exakt en vuxenbiljett (på raden: "{value}").',
    'row-mode-invalid': 'Användningen ska vara bokning eller avhämtning (på raden: "{value}").',
    'row-group-unknown':
      'Koden "{group}" i kolumnen Gruppbesök motsvarar ingen rad med ett gemenskapskort för samma föreställning i rapporten, så gruppmedlemmen registrerades inte. Lägg till gruppens rad med gemenskapskortet eller töm cellen om kortet användes för ett eget besök.',
    'row-group-duplicate':
      'Koden "{group}" i kolumnen Gruppbesök finns redan på rad {firstRow} med ett gemenskapskort: ett gruppbesök har bara ett gemenskapskort. Raden registrerades inte.',
    'row-group-member-children':
      'En gruppmedlems rad kan inte ha barnbiljetter: klienter under 16 år anges på raden med gruppens gemenskapskort.',
    'row-needs-attention':
      'Kaikukanta har redan avvisat den här registreringen en gång (Sändningsstatus: kräver åtgärd), så den importerades inte. Ta reda på orsaken i skannerns kö och registrera användningen först därefter.',
    'row-status-invalid':
      'Sändningsstatus ska vara tom eller "väntar" (på raden: "{value}"); bara väntande registreringar importeras.',
    'row-acceptance-invalid': 'Kontrollen ska vara online eller preliminär (på raden: "{value}").',
    'row-children-invalid': 'Antalet barnbiljetter ska vara ett heltal 0–20 (på raden: "{value}").',
    'row-event-missing': 'Evenemangets namn saknas.',
    'row-event-too-long': 'Evenemangets namn är för långt (över {limit} tecken).',
    'row-date-missing': 'Datum saknas.',
    'row-date-invalid': 'Datumet är ogiltigt: "{value}" (använd formen 3.2.2020 eller 2020-02-03).',
    'row-date-weekday':
      'Veckodagen och datumet stämmer inte överens: "{value}" (kontrollera vilket som är rätt och rätta det andra).',
    'row-time-invalid': 'Klockslaget är ogiltigt: "{value}" (använd formen 18.30 eller 18:30).',
    'row-formula': (p) =>
      `Cellen i kolumnen "${label(p.field, 'sv')}" börjar med ett formeltecken (=, +, -, @) eller är en formel: raden importerades inte av säkerhetsskäl. Klistra in cellerna som värden (Klistra in special → Värden) eller ta bort tecknet i början av cellen.`,
    'row-encoding-mixed':
      'Radens teckenkodning skiljer sig från resten av filen ({encoding}): spara filen med en enda kodning.',
    'row-quote-unclosed':
      'Ett citattecken på raden stängs inte, så de följande {lines} raderna lästes som en enda cell och importerades inte: lägg till det saknade citattecknet eller ta bort det extra.',
    'row-encoding-unknown':
      'Radens teckenkodning kändes inte igen (ä skulle visas som Š: Macintosh-kodning?): spara filen som CSV UTF-8.',
    'row-control-characters': 'Raden innehåller styrtecken eller binärdata.',
    'row-key-invalid':
      'Registreringsnyckeln saknas eller har ändrats: skannern skriver den som 8-4-4-4-12 små hexadecimala tecken (0–9, a–f). Raden registrerades inte. Återställ cellen som skannern skrev den, eller töm både Registreringsnyckel och Registreringsuppgifter om raden ska registreras som en ny användning.',
    'row-details-invalid': (p) =>
      p.problem === 'missing'
        ? 'Registreringsuppgifterna saknas fast raden har en registreringsnyckel. Raden registrerades inte: återställ cellen från skannerns rapport.'
        : `Registreringsuppgifterna är inte som skannern skrev dem${p.path ? ` (fältet ${p.path}${p.suggestion ? `; menade du ${p.suggestion}?` : ''})` : ''}. Raden registrerades inte: återställ cellen från skannerns rapport.`,
    'row-key-duplicate':
      'Samma registreringsnyckel finns redan på rad {firstRow}: en registrering i kön står bara en gång i rapporten (utom raderna för ett gruppbesök). Raden registrerades inte.',
    'row-key-mismatch': (p) =>
      `Raden motsvarar inte längre registreringen som dess registreringsnyckel hör till (${p.field === 'key' ? 'kort, datum, klockslag eller registreringsuppgifter' : label(p.field, 'sv')} har ändrats efter att rapporten laddades ner). Raden registrerades inte. Återställ raden från skannerns rapport, eller töm Registreringsnyckel och Registreringsuppgifter om den ändrade raden ska registreras som en ny användning.`,
    'row-key-target': (p) =>
      p.target === 'venue'
        ? 'Användningen köades för en annan spelplats än den här importen gäller, så den registrerades inte här. Importera rapporten för den spelplats användningen gällde.'
        : 'Användningen köades för ett annat Kaikukanta (en annan serveradress) än den här importen skickar till, eller visste skannern inte sitt mål, så den registrerades inte här. Importera rapporten till samma Kaikukanta som skannern använde.',
    'row-show-unknown':
      'Platsen har ingen föreställning "{event}" {date} {time}, så raden registrerades inte. Kontrollera namn och tid, eller ange för importen vilken av platsens föreställningar det är (kaiku-import --shows forestallningar.json); en ny föreställning skapas bara på begäran (--new-shows).',
    'row-show-ambiguous':
      'Radens föreställning "{event}" {date} {time} passar flera av platsens föreställningar ({shows}), så raden registrerades inte. Ange för importen vilken det är (kaiku-import --shows forestallningar.json).',
    'row-venue-unknown':
      'Platsen "{venue}" är varken den här importens plats eller en plats som importen får registrera för, så raden registrerades inte. Om ni förmedlar platsens biljetter, ange dess kod (kaiku-import --venue-name "{venue}=kod"); annars importera raden för platsen själv.',
    'row-agent-not-authorized':
      'Kaikukanta tillåter inte det här kontot att registrera användningar för platsen {venue}: platsen har inte utsett er till sin biljettförmedlare. Raden registrerades inte; be platsen lägga till er som förmedlare eller importera raden för platsen själv.',
    'row-legacy-code':
      'Koden är en gammal kod från ett lokalt försök, inte ett Kaikukort, så raden registrerades inte. Kontrollera i försäljningssystemet vilket kort köpet gjordes med och rätta koden.',
    'row-duplicate': 'Raden är exakt likadan som rad {firstRow}: den registrerades inte en gång till.',
  },
  en: {
    'report-empty': 'The file is empty: it has no rows.',
    'report-no-rows': 'The file has a header row but no sales rows.',
    'report-binary': 'The file is neither a CSV nor an XLSX sheet (it looks like a binary file).',
    'report-legacy-xls': 'The old .xls format is not supported: save the sheet in Excel as .xlsx or CSV.',
    'report-encoding-unsupported':
      'The {encoding} encoding is not supported: save the file as UTF-8 or Windows-1252.',
    'report-too-large': 'The file is too large (over {limit} bytes): the import was stopped.',
    'report-too-many-rows': 'The file has over {limit} rows: the import was stopped.',
    'report-too-many-lines':
      'The file has over {limit} lines, blank ones included: the import was stopped. Delete the blank lines or split the report into smaller parts.',
    'report-record-too-long': 'Row {row} is too long (a missing quote?): the file cannot be read further.',
    'report-header-missing': (p) => `The header row lacks a column: ${labels(p.columns, 'en')}.`,
    'report-header-duplicate': (p) => `A column appears twice in the header row: ${labels(p.columns, 'en')}.`,
    'report-xlsx-unreadable': 'The XLSX file could not be read: it is damaged or not an Excel workbook.',
    'report-xlsx-too-large': (p) =>
      `The XLSX file unpacks to too much data (limit ${size(p.limit)}), so it was not read. Save the report again in Excel or as CSV.`,
    'report-xlsx-too-deep':
      "The XLSX file's structure is unusually deep (over {limit} levels), so it was not read. Save the report again in Excel or as CSV.",
    'report-xlsx-too-wide':
      'The sheet has data too far to the right (beyond {limit} columns), so it was not read. Remove the extra columns or save the report as CSV.',
    'report-xlsx-too-many-cells':
      'The workbook has too many cells (over {limit}), so it was not read. Split the report into smaller parts.',
    'report-xlsx-too-complex':
      'The workbook has too many rows, texts or formats (over {limit}), so it was not read. Save the report as CSV or split it into smaller parts.',
    'report-too-slow':
      'Reading the file took over {limit} s, so it was stopped. Split the report into smaller parts.',
    'report-xlsx-too-large-for-browser': (p) =>
      `The XLSX file is too large to read in the browser (over ${size(p.limit)}). Save the report as CSV or import it with the kaiku-import command.`,
    'report-sheet-missing':
      'The workbook has no sheet "{sheet}" (sheets: {sheets}): check the sheet\'s name or number.',
    'report-more-sheets':
      'Only the sheet "{sheet}" was read. The sheets {sheets} have a sales-report header row too: import each of them by choosing the sheet (sheet / --sheet).',
    'report-unreadable': 'Reading the file failed.',
    'report-aborted': 'The import was cancelled.',
    'report-server-failed':
      'The connection to Kaikukanta failed ({reason}): the import was stopped. Import the file again; rows already registered will not be registered twice.',
    'report-no-show-list':
      "Kaikukanta has no show list (GET /v1/venues/{venue}/shows), so the rows cannot be matched to the venue's shows: the import was stopped. Tell the import the venue's shows (kaiku-import --shows shows.json), or register the rows under the file's own show IDs (--new-shows).",
    'report-options-invalid': 'Invalid option: {option}.',
    'row-card-id-missing': 'The card ID is missing.',
    'row-adults-not-one': 'There must be exactly one adult ticket (the row has "{value}").',
    'row-mode-invalid': 'The mode must be booking or collection (the row has "{value}").',
    'row-group-unknown':
      'The Group visit "{group}" matches no community-card row of the same show in the report, so the group member was not registered. Add the group\'s community-card row, or empty the cell if the card was used on a visit of its own.',
    'row-group-duplicate':
      'The Group visit "{group}" is already on the community-card row {firstRow}: a group visit has one community card. The row was not registered.',
    'row-group-member-children':
      "A group member's row cannot have child tickets: clients under 16 go on the row of the group's community card.",
    'row-needs-attention':
      "Kaikukanta already refused this usage once (Sync status: needs attention), so it was not imported. Find out why in the scanner's queue before recording the usage.",
    'row-status-invalid':
      'The sync status must be empty or "pending" (the row has "{value}"); only pending usages are imported.',
    'row-acceptance-invalid': 'The check must be online or provisional (the row has "{value}").',
    'row-children-invalid':
      'The number of child tickets must be a whole number 0–20 (the row has "{value}").',
    'row-event-missing': 'The event name is missing.',
    'row-event-too-long': 'The event name is too long (over {limit} characters).',
    'row-date-missing': 'The date is missing.',
    'row-date-invalid': 'The date is not valid: "{value}" (use 3.2.2020 or 2020-02-03).',
    'row-date-weekday':
      'The weekday does not match the date: "{value}" (check which one is right and correct the other).',
    'row-time-invalid': 'The time is not valid: "{value}" (use 18.30 or 18:30).',
    'row-formula': (p) =>
      `The "${label(p.field, 'en')}" cell starts with a formula character (=, +, -, @) or is a formula: the row was not imported, for safety. Paste the cells as values (Paste Special → Values) or remove the character at the start of the cell.`,
    'row-encoding-mixed':
      "The row's encoding differs from the rest of the file ({encoding}): save the file in one encoding.",
    'row-quote-unclosed':
      'A quotation mark on this row is not closed, so the next {lines} lines were read as one cell and not imported: add the missing quotation mark or remove the extra one.',
    'row-encoding-unknown':
      "The row's encoding was not recognised (ä would read as Š: Macintosh encoding?): save the file as CSV UTF-8.",
    'row-control-characters': 'The row contains control characters or binary data.',
    'row-key-invalid':
      'The idempotency key is missing or was changed: the scanner writes it as 8-4-4-4-12 lower-case hex characters (0–9, a–f). The row was not registered. Restore the cell as the scanner wrote it, or empty both Idempotency key and Registration details to register the row as a new usage.',
    'row-details-invalid': (p) =>
      p.problem === 'missing'
        ? "The Registration details are missing although the row has an idempotency key. The row was not registered: restore the cell from the scanner's report."
        : `The Registration details are not as the scanner wrote them${p.path ? ` (field ${p.path}${p.suggestion ? `; did you mean ${p.suggestion}?` : ''})` : ''}. The row was not registered: restore the cell from the scanner's report.`,
    'row-key-duplicate':
      'The same idempotency key is already on row {firstRow}: a queued usage appears once in the report (except the rows of one group visit). The row was not registered.',
    'row-key-mismatch': (p) =>
      `The row no longer matches the usage its idempotency key belongs to (${p.field === 'key' ? 'card, date, time or registration details' : label(p.field, 'en')} changed after the report was downloaded). The row was not registered. Restore the row from the scanner's report, or empty Idempotency key and Registration details to register the changed row as a new usage.`,
    'row-key-target': (p) =>
      p.target === 'venue'
        ? 'The usage was queued for another venue than this import is for, so it was not registered here. Import the report for the venue the usage was queued for.'
        : 'The usage was queued for another Kaikukanta (another server address) than this import sends to, or the scanner did not know its target, so it was not registered here. Import the report into the Kaikukanta the scanner used.',
    'row-show-unknown':
      'The venue has no performance "{event}" on {date} {time}, so the row was not registered. Check the name and time, or tell the import which of the venue\'s shows it is (kaiku-import --shows shows.json); a new show is created only when asked (--new-shows).',
    'row-show-ambiguous':
      'The row\'s performance "{event}" on {date} {time} fits several of the venue\'s shows ({shows}), so the row was not registered. Tell the import which one it is (kaiku-import --shows shows.json).',
    'row-venue-unknown':
      'The venue "{venue}" is neither this import\'s venue nor one it may register for, so the row was not registered. If you sell that venue\'s tickets, give its ID (kaiku-import --venue-name "{venue}=id"); otherwise import the row for that venue itself.',
    'row-agent-not-authorized':
      'Kaikukanta does not let this account record usages for the venue {venue}: that venue has not named you its ticket agent. The row was not registered; ask the venue to add you as its agent, or import the row for that venue itself.',
    'row-legacy-code':
      'The code is an old local pilot code, not a Kaikukortti card ID, so the row was not registered. Check in the sales system which card the purchase used, and correct the ID.',
    'row-duplicate': 'The row is identical to row {firstRow}: it was not registered a second time.',
  },
});

/** A stable code of the sales-report import and the usage report, e.g. `'row-date-invalid'`. */
export type ReportMessageCode = keyof typeof reportMessages;
