// Loaded with the services: the core's tables are picked one by one, so no text of an area never shown ships.
import {
  apiMessageCode,
  apiMessages,
  defineTexts,
  outboxMessages,
  rulesMessages,
  wedgeMessages,
} from '@kaiku-scanner/core/messages';

type Invalid = { readonly setting: string; readonly expected?: string | undefined };
type Unknown = { readonly setting: string; readonly suggestion?: string | undefined };

/** The element's codes only its services raise, and configuration problems named as the host spells them. */
export const serviceMessages = defineTexts({
  fi: {
    'element-not-configured':
      'Skannerin asetukset ovat vajaat: se tarvitsee Kaikukannan osoitteen (base-url) tai laitteen oman rekisterin (registry="none", venue-id ja terminal-name). Kortteja ei voi kirjata ennen kuin ylläpitäjä korjaa asetukset.',
    'element-not-ready': 'Skanneri käynnistyy vielä. Odota hetki ja lue kortti uudelleen.',
    'element-disposed': 'Skanneri on suljettu. Lataa sivu uudelleen.',
    'camera-decoder-main-thread':
      'Kamera lukee kortteja tavallista hitaammin (tunnistus ei saa omaa säiettään), mutta lukeminen toimii. Pyydä ylläpitoa tarkistamaan asennus (decode-worker.js ja Trusted Types -käytäntö kaiku-scanner).',
    'storage-blocked':
      'Selain ei anna tallentaa tälle laitteelle (sivuston tiedot estetty tai yksityinen ikkuna). Käytöt kirjataan vain, kun Kaikukanta vastaa: ilman yhteyttä niitä ei voi tallentaa myöhemmin lähetettäviksi.',
    'storage-evicted': ({ n }: { n: number }) =>
      `Selain on tyhjentänyt tämän laitteen tallennustilan: ${n === 1 ? '1 käyttö, jota ei ollut vielä lähetetty Kaikukantaan, katosi' : `${n} käyttöä, joita ei ollut vielä lähetetty Kaikukantaan, katosi`}. Ne eivät ole Kaikukannassa: kirjaa ne Kaikukannan lomakkeella tulostetusta vuororaportista tai lipunmyynnin tiedoista.`,
    'storage-evicted-register': ({ n }: { n: number }) =>
      `Selain on tyhjentänyt tämän laitteen tallennustilan: ${n === 1 ? '1 tälle päätteelle tallennettu käyttö katosi' : `${n} tälle päätteelle tallennettua käyttöä katosi`}. Ne olivat vain tällä laitteella, eivät Kaikukannassa: kirjaa ne Kaikukannan lomakkeella ennen tyhjennystä tulostetusta vuororaportista (tämän sivun vuorolista ei enää sisällä niitä).`,
    'storage-not-persisted':
      'Selain voi tyhjentää tämän laitteen tallennustilan: lähettämättömät käytöt voivat kadota, jos yhteys ei palaa pian.',
    'storage-not-persisted-register':
      'Selain ei ole luvannut säilyttää tämän laitteen tallennustilaa: se voi tyhjentää sen, kun levytila käy vähiin tai sivustoa ei ole käytetty vähään aikaan (Safari: 7 päivää), ja tälle päätteelle tallennetut käytöt katoaisivat. Lataa tiedosto Kaikukannan tuontiin jokaisen vuoron lopuksi.',
    'show-invalid':
      'Esityksen tiedot ovat virheelliset ({fields}). Kortteja ei voi kirjata ennen kuin ylläpitäjä korjaa esityksen asetukset.',
    'config-invalid': (p: Invalid) =>
      `Skannerin asetuksen ${p.setting} arvo ei kelpaa${p.expected ? ` (odotetaan esim. ${p.expected})` : ''}. Kortteja ei voi lukea ennen kuin ylläpitäjä korjaa asetuksen.`,
    'config-unknown-field': (p: Unknown) =>
      `Skannerilla ei ole asetusta ${p.setting}${p.suggestion ? ` – tarkoititko ${p.suggestion}?` : '.'} Kortteja ei voi lukea ennen kuin ylläpitäjä korjaa asetuksen.`,
  },
  sv: {
    'element-not-configured':
      'Skannerns inställningar är ofullständiga: den behöver Kaikukantas adress (base-url) eller enhetens eget register (registry="none", venue-id och terminal-name). Kort kan inte registreras förrän administratören har rättat inställningarna.',
    'element-not-ready': 'Skannern startar fortfarande. Vänta en stund och läs kortet på nytt.',
    'element-disposed': 'Skannern har stängts. Ladda om sidan.',
    'camera-decoder-main-thread':
      'Kameran läser korten långsammare än vanligt (avkodningen får ingen egen tråd), men läsningen fungerar. Be supporten kontrollera installationen (decode-worker.js och Trusted Types-policyn kaiku-scanner).',
    'storage-blocked':
      'Webbläsaren tillåter inte lagring på den här enheten (webbplatsdata blockerade eller privat fönster). Användningar registreras bara när Kaikukanta svarar: utan anslutning kan de inte sparas för att skickas senare.',
    'storage-evicted': ({ n }) =>
      `Webbläsaren har tömt enhetens lagring: ${n} ${n === 1 ? 'användning' : 'användningar'} som ännu inte hade skickats till Kaikukanta gick förlorade. De finns inte i Kaikukanta: registrera dem med Kaikukantas formulär utifrån den utskrivna skiftrapporten eller biljettförsäljningens uppgifter.`,
    'storage-evicted-register': ({ n }) =>
      `Webbläsaren har tömt enhetens lagring: ${n} ${n === 1 ? 'användning' : 'användningar'} som sparats på den här terminalen gick förlorade. De fanns bara på den här enheten, inte i Kaikukanta: registrera dem med Kaikukantas formulär utifrån en skiftrapport som skrevs ut före tömningen (skiftlistan här innehåller dem inte längre).`,
    'storage-not-persisted':
      'Webbläsaren kan tömma enhetens lagring: användningar som inte skickats kan gå förlorade om anslutningen inte återkommer snart.',
    'storage-not-persisted-register':
      'Webbläsaren har inte lovat att behålla enhetens lagring: den kan tömma den när diskutrymmet tar slut eller när webbplatsen inte har använts på en tid (Safari: 7 dagar), och användningar som sparats på den här terminalen skulle gå förlorade. Ladda ner filen för Kaikukantas import i slutet av varje skift.',
    'show-invalid':
      'Föreställningens uppgifter är felaktiga ({fields}). Kort kan inte registreras förrän administratören har rättat föreställningens inställningar.',
    'config-invalid': (p) =>
      `Skannerns inställning ${p.setting} har ett ogiltigt värde${p.expected ? ` (till exempel ${p.expected} väntas)` : ''}. Kort kan inte läsas förrän administratören har rättat inställningen.`,
    'config-unknown-field': (p) =>
      `Skannern har ingen inställning ${p.setting}${p.suggestion ? ` – menade du ${p.suggestion}?` : '.'} Kort kan inte läsas förrän administratören har rättat inställningen.`,
  },
  en: {
    'element-not-configured':
      'The scanner’s settings are incomplete: it needs Kaikukanta’s address (base-url) or the device’s own register (registry="none", venue-id and terminal-name). Cards cannot be registered until an administrator fixes the settings.',
    'element-not-ready': 'The scanner is still starting. Wait a moment and scan the card again.',
    'element-disposed': 'The scanner has been shut down. Reload the page.',
    'camera-decoder-main-thread':
      'The camera reads cards more slowly than usual (decoding cannot use its own thread), but scanning works. Ask support to check the installation (decode-worker.js and the Trusted Types policy kaiku-scanner).',
    'storage-blocked':
      'The browser does not allow storage on this device (site data blocked, or a private window). Usages are registered only while Kaikukanta answers: without a connection they cannot be saved to send later.',
    'storage-evicted': ({ n }) =>
      `The browser cleared this device's storage: ${n} ${n === 1 ? 'usage' : 'usages'} not yet sent to Kaikukanta ${n === 1 ? 'was' : 'were'} lost. They are not in Kaikukanta: enter them in Kaikukanta's form from the printed shift report or your ticket sales.`,
    'storage-evicted-register': ({ n }) =>
      `The browser cleared this device's storage: ${n} ${n === 1 ? 'usage' : 'usages'} recorded on this terminal ${n === 1 ? 'was' : 'were'} lost. They were only on this device, not in Kaikukanta: enter them in Kaikukanta's form from a shift report printed before the clearing (the shift list here no longer holds them).`,
    'storage-not-persisted':
      'The browser may clear this device’s storage: usages not yet sent could be lost if the connection does not return soon.',
    'storage-not-persisted-register':
      'The browser has not promised to keep this device’s storage: it may clear it when the disk runs low or the site has not been used for a while (Safari: 7 days), and the usages recorded on this terminal would be lost. Download the file for Kaikukanta’s import at the end of every shift.',
    'show-invalid':
      "The show's details are not valid ({fields}). Cards cannot be registered until an administrator fixes the show settings.",
    'config-invalid': (p) =>
      `The scanner's setting ${p.setting} has a value it cannot use${p.expected ? ` (expected e.g. ${p.expected})` : ''}. Cards cannot be read until an administrator fixes the setting.`,
    'config-unknown-field': (p) =>
      `The scanner has no setting ${p.setting}${p.suggestion ? `; did you mean ${p.suggestion}?` : '.'} Cards cannot be read until an administrator fixes the setting.`,
  },
});

/** The tables the services' codes come from. */
export const tables: ReadonlyArray<Readonly<Record<string, unknown>>> = [
  serviceMessages,
  rulesMessages,
  apiMessages,
  outboxMessages,
  wedgeMessages,
];

/** An API code's table code (`http-503` → `http-5xx`). */
export const alias: (code: string) => string | undefined = apiMessageCode;

/** The register's words: the views that say them render after the services, once these have loaded. */
export { REGISTER_TEXTS } from '../translations/register-texts.js';
