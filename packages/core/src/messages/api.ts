/**
 * Texts for the API client's error codes and the contract's own problem codes. Refusal codes of
 * the operating-model rules live in `rules.ts`; a server problem with such a code uses that text.
 */
import { defineMessages } from './define.js';
import { ownValue } from '../schemas/own-value.js';

/** Parameters with an HTTP status, when there was one. */
type Status = { status?: number };
/** Parameters naming the fields at fault, when known. */
type Fields = { fields?: string };
const mib = (bytes: number | undefined): string =>
  bytes === undefined ? '?' : bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MiB` : `${bytes} B`;
const seconds = (ms: number | undefined): string =>
  ms === undefined ? '' : ` (${Math.max(1, Math.round(ms / 1000))} s)`;

/**
 * Texts of the API client's error codes and the contract's problem codes, in Finnish, Swedish and English.
 *
 * @example
 * apiMessages.network.sv({}); // 'Ingen förbindelse till Kaikukanta. …'
 */
export const apiMessages = defineMessages({
  network: {
    fi: () => 'Kaikukantaan ei saada yhteyttä. Tarkista verkkoyhteys.',
    sv: () => 'Ingen förbindelse till Kaikukanta. Kontrollera nätverksanslutningen.',
    en: () => 'Kaikukanta cannot be reached. Check the network connection.',
  },
  timeout: {
    fi: (p: { timeoutMs?: number }) => `Kaikukanta ei vastannut ajoissa${seconds(p.timeoutMs)}.`,
    sv: (p: { timeoutMs?: number }) => `Kaikukanta svarade inte i tid${seconds(p.timeoutMs)}.`,
    en: (p: { timeoutMs?: number }) => `Kaikukanta did not answer in time${seconds(p.timeoutMs)}.`,
  },
  aborted: {
    fi: () => 'Pyyntö peruttiin.',
    sv: () => 'Begäran avbröts.',
    en: () => 'The request was cancelled.',
  },
  'malformed-json': {
    fi: () => 'Kaikukannan vastaus oli virheellinen (ei JSON-muotoa).',
    sv: () => 'Svaret från Kaikukanta var felaktigt (inte JSON).',
    en: () => 'The answer from Kaikukanta was malformed (not JSON).',
  },
  'content-type': {
    fi: (p: { contentType?: string }) =>
      `Kaikukannan sijaan vastasi jokin muu palvelu (sisältötyyppi ${p.contentType ?? '?'}), esimerkiksi langattoman verkon kirjautumissivu tai välityspalvelin.`,
    sv: (p: { contentType?: string }) =>
      `En annan tjänst än Kaikukanta svarade (innehållstyp ${p.contentType ?? '?'}), till exempel inloggningssidan för ett trådlöst nätverk eller en proxy.`,
    en: (p: { contentType?: string }) =>
      `Something other than Kaikukanta answered (content type ${p.contentType ?? '?'}), e.g. a Wi-Fi sign-in page or a proxy.`,
  },
  truncated: {
    fi: () => 'Kaikukannan vastaus katkesi kesken.',
    sv: () => 'Svaret från Kaikukanta avbröts halvvägs.',
    en: () => 'The answer from Kaikukanta was cut off.',
  },
  schema: {
    fi: (p: Fields) => `Kaikukannan vastaus ei vastaa sovittua muotoa${p.fields ? ` (${p.fields})` : ''}.`,
    sv: (p: Fields) =>
      `Svaret från Kaikukanta följer inte det avtalade formatet${p.fields ? ` (${p.fields})` : ''}.`,
    en: (p: Fields) =>
      `The answer from Kaikukanta does not match the contract${p.fields ? ` (${p.fields})` : ''}.`,
  },
  problem: {
    fi: (p: { problemCode?: string }) => `Kaikukanta hylkäsi pyynnön (${p.problemCode ?? '?'}).`,
    sv: (p: { problemCode?: string }) => `Kaikukanta avvisade begäran (${p.problemCode ?? '?'}).`,
    en: (p: { problemCode?: string }) => `Kaikukanta refused the request (${p.problemCode ?? '?'}).`,
  },
  'invalid-request': {
    fi: (p: Fields) => `Pyyntö on puutteellinen, eikä sitä lähetetty${p.fields ? ` (${p.fields})` : ''}.`,
    sv: (p: Fields) => `Begäran är ofullständig och skickades inte${p.fields ? ` (${p.fields})` : ''}.`,
    en: (p: Fields) => `The request is incomplete and was not sent${p.fields ? ` (${p.fields})` : ''}.`,
  },
  'list-too-long': {
    fi: (p: { limit?: string; max?: number }) =>
      `Käyttökertojen luettelo ylitti rajan (${p.limit === 'time' ? 'aika' : p.limit === 'bytes' ? 'tavut' : 'sivut'} ${p.max ?? '?'}), eikä sitä luettu loppuun.`,
    sv: (p: { limit?: string; max?: number }) =>
      `Listan över användningar överskred gränsen (${p.limit === 'time' ? 'tid' : p.limit === 'bytes' ? 'byte' : 'sidor'} ${p.max ?? '?'}) och lästes inte till slut.`,
    en: (p: { limit?: string; max?: number }) =>
      `The usage list went past its bound (${p.limit ?? 'pages'} ${p.max ?? '?'}) and was not read to the end.`,
  },
  'response-too-large': {
    fi: (p: { maxBytes?: number }) =>
      `Kaikukannan vastaus oli liian suuri (yli ${mib(p.maxBytes)}), eikä sitä luettu.`,
    sv: (p: { maxBytes?: number }) =>
      `Svaret från Kaikukanta var för stort (över ${mib(p.maxBytes)}) och lästes inte.`,
    en: (p: { maxBytes?: number }) =>
      `The answer from Kaikukanta was too large (over ${mib(p.maxBytes)}) and was not read.`,
  },
  'invalid-base-url': {
    fi: () =>
      'Kaikukannan osoite on virheellinen. Osoitteen pitää alkaa https:// eikä siinä saa olla tunnuksia.',
    sv: () =>
      'Kaikukantas adress är felaktig. Den ska börja med https:// och får inte innehålla inloggningsuppgifter.',
    en: () => "Kaikukanta's address is not valid. It must start with https:// and hold no credentials.",
  },
  'insecure-base-url': {
    fi: (p: { host?: string }) =>
      `Kaikukannan osoite${p.host ? ` (${p.host})` : ''} on salaamaton http-osoite: kirjautuminen ja korttien tunnukset kulkisivat verkossa salaamatta. Käytä https-osoitetta.`,
    sv: (p: { host?: string }) =>
      `Kaikukantas adress${p.host ? ` (${p.host})` : ''} är en okrypterad http-adress: inloggningen och kortnumren skulle gå okrypterade genom nätet. Använd en https-adress.`,
    en: (p: { host?: string }) =>
      `Kaikukanta's address${p.host ? ` (${p.host})` : ''} is plain http: the sign-in and the card IDs would cross the network unencrypted. Use an https address.`,
  },
  'http-error': {
    fi: (p: Status) => `Kaikukanta vastasi virheellä (HTTP ${p.status ?? '?'}).`,
    sv: (p: Status) => `Kaikukanta svarade med ett fel (HTTP ${p.status ?? '?'}).`,
    en: (p: Status) => `Kaikukanta answered with an error (HTTP ${p.status ?? '?'}).`,
  },
  'http-401': {
    fi: () => 'Kirjautuminen Kaikukantaan puuttuu tai on vanhentunut. Kirjaudu uudelleen.',
    sv: () => 'Inloggningen till Kaikukanta saknas eller har gått ut. Logga in igen.',
    en: () => 'The Kaikukanta sign-in is missing or has expired. Sign in again.',
  },
  'http-403': {
    fi: () => 'Tunnuksellasi ei ole oikeutta tähän toimintoon Kaikukannassa.',
    sv: () => 'Ditt konto har inte behörighet till den här åtgärden i Kaikukanta.',
    en: () => 'Your account is not allowed to do this in Kaikukanta.',
  },
  'agent-not-authorized': {
    fi: () =>
      'Tunnuksella ei voi kirjata käyttöjä toisen tapahtumapaikan tapahtumiin: tapahtumapaikka ei ole nimennyt teitä lipunvälittäjäkseen Kaikukannassa. Kirjaa käyttö oman tapahtumapaikkanne nimissä tai pyydä tapahtumapaikkaa lisäämään teidät välittäjäkseen.',
    sv: () =>
      'Kontot kan inte registrera användningar för en annan arrangörs evenemang: arrangören har inte utsett er till sin biljettförmedlare i Kaikukanta. Registrera användningen för er egen arrangör eller be arrangören att lägga till er som förmedlare.',
    en: () =>
      "This account cannot record usages for another venue's event: that venue has not named you its ticket agent in Kaikukanta. Record it for your own venue, or ask the venue to add you as its agent.",
  },
  'usage-not-found': {
    fi: () => 'Käyttöä ei löydy Kaikukannasta, joten sitä ei voi perua.',
    sv: () => 'Användningen finns inte i Kaikukanta och kan därför inte ångras.',
    en: () => 'Kaikukanta has no such usage, so it cannot be undone.',
  },
  'http-404': {
    fi: () =>
      'Kaikukannan osoitteesta ei löytynyt palvelua (HTTP 404). Tarkista rajapinnan osoite tai verkon välityspalvelin.',
    sv: () =>
      'Ingen tjänst hittades på Kaikukantas adress (HTTP 404). Kontrollera API-adressen eller nätverkets proxy.',
    en: () =>
      "Nothing answers at Kaikukanta's address (HTTP 404). Check the API address or the network's proxy.",
  },
  'http-407': {
    fi: () =>
      'Verkon välityspalvelin vaatii kirjautumisen (HTTP 407), eikä pyyntö päässyt Kaikukantaan. Ota yhteys IT-tukeen.',
    sv: () =>
      'Nätverkets proxy kräver inloggning (HTTP 407) och begäran nådde inte Kaikukanta. Kontakta IT-supporten.',
    en: () =>
      "The network's proxy requires sign-in (HTTP 407); the request did not reach Kaikukanta. Contact IT support.",
  },
  'http-429': {
    fi: () => 'Kaikukantaan tulee juuri nyt liikaa pyyntöjä. Yritä hetken kuluttua uudelleen.',
    sv: () => 'Kaikukanta får för många förfrågningar just nu. Försök igen om en stund.',
    en: () => 'Kaikukanta is receiving too many requests right now. Try again shortly.',
  },
  'http-5xx': {
    fi: (p: Status) =>
      `Kaikukannassa on häiriö (HTTP ${p.status ?? '5xx'}). Yritä hetken kuluttua uudelleen.`,
    sv: (p: Status) =>
      `Det är en störning i Kaikukanta (HTTP ${p.status ?? '5xx'}). Försök igen om en stund.`,
    en: (p: Status) => `Kaikukanta has a fault (HTTP ${p.status ?? '5xx'}). Try again shortly.`,
  },
  'card-not-registered': {
    fi: () => 'Korttia ei ole rekisteröity Kaikukantaan, joten se ei käy.',
    sv: () => 'Kortet är inte registrerat i Kaikukanta och kan därför inte användas.',
    en: () => 'The card is not registered in Kaikukanta, so it cannot be used.',
  },
  'idempotency-key-missing': {
    fi: () => 'Kirjauksesta puuttui toistosuojan avain (Idempotency-Key).',
    sv: () => 'Registreringen saknade nyckeln mot dubbletter (Idempotency-Key).',
    en: () => 'The registration had no Idempotency-Key.',
  },
  'idempotency-key-in-progress': {
    fi: () => 'Sama kirjaus on jo käsittelyssä. Odota hetki.',
    sv: () => 'Samma registrering behandlas redan. Vänta en stund.',
    en: () => 'The same registration is already being processed. Wait a moment.',
  },
  'idempotency-key-reused': {
    fi: () => 'Toistosuojan avainta käytettiin jo toiseen kirjaukseen; kirjausta ei tehty.',
    sv: () => 'Nyckeln mot dubbletter användes redan för en annan registrering; ingen registrering gjordes.',
    en: () => 'The Idempotency-Key was already used for another registration; nothing was recorded.',
  },
  'batch-too-large': {
    fi: (p: { max?: number }) => `Liian monta kirjausta kerralla (enintään ${p.max ?? 100}).`,
    sv: (p: { max?: number }) => `För många registreringar på en gång (högst ${p.max ?? 100}).`,
    en: (p: { max?: number }) => `Too many registrations at once (at most ${p.max ?? 100}).`,
  },
  'show-not-found': {
    fi: () => 'Esitystä ei löydy Kaikukannasta.',
    sv: () => 'Föreställningen finns inte i Kaikukanta.',
    en: () => 'The show is not in Kaikukanta.',
  },
  'refusal-unreadable': {
    fi: (p: { problemCode?: string }) =>
      `Kaikukanta hylkäsi käytön (syykoodi ${p.problemCode ?? '?'}), mutta tämä skannerin versio ei osaa näyttää syytä. Tarkista käyttö Kaikukannasta.`,
    sv: (p: { problemCode?: string }) =>
      `Kaikukanta avvisade användningen (orsakskod ${p.problemCode ?? '?'}), men den här versionen av skannern kan inte visa orsaken. Kontrollera användningen i Kaikukanta.`,
    en: (p: { problemCode?: string }) =>
      `Kaikukanta refused the usage (reason code ${p.problemCode ?? '?'}), but this version of the scanner cannot show why. Check the usage in Kaikukanta.`,
  },
  'internal-error': {
    fi: () => 'Kaikukannassa tapahtui odottamaton virhe.',
    sv: () => 'Ett oväntat fel inträffade i Kaikukanta.',
    en: () => 'An unexpected error occurred in Kaikukanta.',
  },
});

/** A code with a text in `apiMessages` (`apiMessageCode` maps `http-503` to `http-5xx`). */
export type ApiMessageCode = keyof typeof apiMessages;

/** Problem codes whose text is the matching HTTP status's. */
const PROBLEM_ALIASES: Readonly<Record<string, ApiMessageCode>> = {
  unauthorized: 'http-401',
  forbidden: 'http-403',
  'not-found': 'http-404',
  'rate-limited': 'http-429',
  unavailable: 'http-5xx',
  'request-timeout': 'timeout',
  // The request itself was wrong for this server (method, size, type, host, headers): a program error the
  // clerk cannot fix; the generic text with the status says so.
  'method-not-allowed': 'http-error',
  'payload-too-large': 'http-error',
  'unsupported-media-type': 'http-error',
  'expectation-failed': 'http-error',
  'host-not-allowed': 'http-error',
  'headers-too-large': 'http-error',
};

/**
 * The message key for an API error code: `http-5xx` for any 5xx, `http-error` for other statuses
 * without their own text.
 *
 * @example
 * apiMessageCode('http-503') // 'http-5xx'
 */
export function apiMessageCode(code: string): ApiMessageCode | undefined {
  if (ownValue(apiMessages, code)) return code as ApiMessageCode;
  const alias = ownValue(PROBLEM_ALIASES, code);
  if (alias) return alias;
  const status = /^http-(\d{3})$/.exec(code);
  if (!status) return undefined;
  return Number(status[1]) >= 500 ? 'http-5xx' : 'http-error';
}
