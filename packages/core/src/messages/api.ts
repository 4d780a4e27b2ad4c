/**
 * Texts for the API client's error codes and the contract's own problem codes. Refusal codes of
 * the operating-model rules live in `rules.ts`; a server problem with such a code uses that text.
 */
import { defineServerTexts } from './define.js';
import { optNum, optStr } from './param-kinds.js';
import { ownValue } from '../schemas/own-value.js';

const mib = (bytes: number | undefined): string =>
  bytes === undefined ? '?' : bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MiB` : `${bytes} B`;
const seconds = (ms: number | undefined): string =>
  ms === undefined ? '' : ` (${Math.max(1, Math.round(ms / 1000))} s)`;

/** The parameters of every API code, as `readServerReason` checks them when a server sends the code. */
export const API_PARAMS = {
  timeout: { timeoutMs: optNum },
  'content-type': { contentType: optStr },
  schema: { fields: optStr },
  problem: { problemCode: optStr },
  'invalid-request': { fields: optStr },
  'list-too-long': { limit: optStr, max: optNum },
  'response-too-large': { maxBytes: optNum },
  'insecure-base-url': { host: optStr },
  'http-error': { status: optNum, answeredBy: { optional: true, kind: ['intermediary'] } },
  'http-5xx': { status: optNum },
  'batch-too-large': { max: optNum },
  'refusal-unreadable': { problemCode: optStr },
} as const;

/**
 * Texts of the API client's error codes and the contract's problem codes, in Finnish, Swedish and English.
 *
 * @example
 * apiMessages.network.sv({}); // 'Ingen förbindelse till Kaikukanta. …'
 */
export const apiMessages = defineServerTexts(API_PARAMS, {
  fi: {
    network: 'Kaikukantaan ei saada yhteyttä. Tarkista verkkoyhteys.',
    timeout: (p) => `Kaikukanta ei vastannut ajoissa${seconds(p.timeoutMs)}.`,
    aborted: 'Pyyntö peruttiin.',
    'malformed-json': 'Kaikukannan vastaus oli virheellinen (ei JSON-muotoa).',
    'content-type': (p) =>
      `Kaikukannan sijaan vastasi jokin muu palvelu (sisältötyyppi ${p.contentType ?? '?'}), esimerkiksi langattoman verkon kirjautumissivu tai välityspalvelin.`,
    truncated: 'Kaikukannan vastaus katkesi kesken.',
    'usage-id-invalid': 'Kaikukannan vastauksen käyttötunnus ei kelpaa, joten vastausta ei käytetty.',
    schema: (p) => `Kaikukannan vastaus ei vastaa sovittua muotoa${p.fields ? ` (${p.fields})` : ''}.`,
    problem: (p) => `Kaikukanta hylkäsi pyynnön (${p.problemCode ?? '?'}).`,
    'invalid-request': (p) =>
      `Pyyntö on puutteellinen, eikä sitä lähetetty${p.fields ? ` (${p.fields})` : ''}.`,
    'list-too-long': (p) =>
      `Käyttökertojen luettelo ylitti rajan (${p.limit === 'time' ? 'aika' : p.limit === 'bytes' ? 'tavut' : 'sivut'} ${p.max ?? '?'}), eikä sitä luettu loppuun.`,
    'response-too-large': (p) =>
      `Kaikukannan vastaus oli liian suuri (yli ${mib(p.maxBytes)}), eikä sitä luettu.`,
    'invalid-base-url':
      'Kaikukannan osoite on virheellinen. Osoitteen pitää alkaa https:// eikä siinä saa olla tunnuksia.',
    'insecure-base-url': (p) =>
      `Kaikukannan osoite${p.host ? ` (${p.host})` : ''} on salaamaton http-osoite: kirjautuminen ja korttien tunnukset kulkisivat verkossa salaamatta. Käytä https-osoitetta.`,
    'http-error': (p) =>
      p.answeredBy
        ? `Vastaus tuli luultavasti verkon välityspalvelimelta tai palomuurilta eikä Kaikukannasta (HTTP ${p.status ?? '?'}). Jos tämä toistuu, ota yhteys IT-tukeen.`
        : `Kaikukanta vastasi virheellä (HTTP ${p.status ?? '?'}).`,
    'http-401': 'Kirjautuminen Kaikukantaan puuttuu tai on vanhentunut. Kirjaudu uudelleen.',
    'http-403': 'Tunnuksellasi ei ole oikeutta tähän toimintoon Kaikukannassa.',
    'agent-not-authorized':
      'Tunnuksella ei voi kirjata käyttöjä toisen tapahtumapaikan tapahtumiin: tapahtumapaikka ei ole nimennyt teitä lipunvälittäjäkseen Kaikukannassa. Kirjaa käyttö oman tapahtumapaikkanne nimissä tai pyydä tapahtumapaikkaa lisäämään teidät välittäjäkseen.',
    'usage-not-found': 'Käyttöä ei löydy Kaikukannasta, joten sitä ei voi perua.',
    'http-404':
      'Kaikukannan osoitteesta ei löytynyt palvelua (HTTP 404). Tarkista rajapinnan osoite tai verkon välityspalvelin.',
    'http-407':
      'Verkon välityspalvelin vaatii kirjautumisen (HTTP 407), eikä pyyntö päässyt Kaikukantaan. Ota yhteys IT-tukeen.',
    'http-429': 'Kaikukantaan tulee juuri nyt liikaa pyyntöjä. Yritä hetken kuluttua uudelleen.',
    'http-5xx': (p) =>
      `Kaikukannassa on häiriö (HTTP ${p.status ?? '5xx'}). Yritä hetken kuluttua uudelleen.`,
    'card-not-registered': 'Korttia ei ole rekisteröity Kaikukantaan, joten se ei käy.',
    'idempotency-key-missing': 'Kirjauksesta puuttui toistosuojan avain (Idempotency-Key).',
    'idempotency-key-in-progress': 'Sama kirjaus on jo käsittelyssä. Odota hetki.',
    'idempotency-key-reused': 'Toistosuojan avainta käytettiin jo toiseen kirjaukseen; kirjausta ei tehty.',
    'batch-too-large': (p) => `Liian monta kirjausta kerralla (enintään ${p.max ?? 100}).`,
    'show-not-found': 'Esitystä ei löydy Kaikukannasta.',
    'refusal-unreadable': (p) =>
      `Kaikukanta hylkäsi käytön (syykoodi ${p.problemCode ?? '?'}), mutta tämä skannerin versio ei osaa näyttää syytä. Tarkista käyttö Kaikukannasta.`,
    'internal-error': 'Kaikukannassa tapahtui odottamaton virhe.',
  },
  sv: {
    network: 'Ingen förbindelse till Kaikukanta. Kontrollera nätverksanslutningen.',
    timeout: (p) => `Kaikukanta svarade inte i tid${seconds(p.timeoutMs)}.`,
    aborted: 'Begäran avbröts.',
    'malformed-json': 'Svaret från Kaikukanta var felaktigt (inte JSON).',
    'content-type': (p) =>
      `En annan tjänst än Kaikukanta svarade (innehållstyp ${p.contentType ?? '?'}), till exempel inloggningssidan för ett trådlöst nätverk eller en proxy.`,
    truncated: 'Svaret från Kaikukanta avbröts halvvägs.',
    'usage-id-invalid': 'Användnings-ID:t i svaret från Kaikukanta är ogiltigt, så svaret användes inte.',
    schema: (p) =>
      `Svaret från Kaikukanta följer inte det avtalade formatet${p.fields ? ` (${p.fields})` : ''}.`,
    problem: (p) => `Kaikukanta avvisade begäran (${p.problemCode ?? '?'}).`,
    'invalid-request': (p) =>
      `Begäran är ofullständig och skickades inte${p.fields ? ` (${p.fields})` : ''}.`,
    'list-too-long': (p) =>
      `Listan över användningar överskred gränsen (${p.limit === 'time' ? 'tid' : p.limit === 'bytes' ? 'byte' : 'sidor'} ${p.max ?? '?'}) och lästes inte till slut.`,
    'response-too-large': (p) =>
      `Svaret från Kaikukanta var för stort (över ${mib(p.maxBytes)}) och lästes inte.`,
    'invalid-base-url':
      'Kaikukantas adress är felaktig. Den ska börja med https:// och får inte innehålla inloggningsuppgifter.',
    'insecure-base-url': (p) =>
      `Kaikukantas adress${p.host ? ` (${p.host})` : ''} är en okrypterad http-adress: inloggningen och kortnumren skulle gå okrypterade genom nätet. Använd en https-adress.`,
    'http-error': (p) =>
      p.answeredBy
        ? `Svaret kom troligen från en proxyserver eller brandvägg i nätet, inte från Kaikukanta (HTTP ${p.status ?? '?'}). Kontakta IT-stödet om det upprepas.`
        : `Kaikukanta svarade med ett fel (HTTP ${p.status ?? '?'}).`,
    'http-401': 'Inloggningen till Kaikukanta saknas eller har gått ut. Logga in igen.',
    'http-403': 'Ditt konto har inte behörighet till den här åtgärden i Kaikukanta.',
    'agent-not-authorized':
      'Kontot kan inte registrera användningar för en annan arrangörs evenemang: arrangören har inte utsett er till sin biljettförmedlare i Kaikukanta. Registrera användningen för er egen arrangör eller be arrangören att lägga till er som förmedlare.',
    'usage-not-found': 'Användningen finns inte i Kaikukanta och kan därför inte ångras.',
    'http-404':
      'Ingen tjänst hittades på Kaikukantas adress (HTTP 404). Kontrollera API-adressen eller nätverkets proxy.',
    'http-407':
      'Nätverkets proxy kräver inloggning (HTTP 407) och begäran nådde inte Kaikukanta. Kontakta IT-supporten.',
    'http-429': 'Kaikukanta får för många förfrågningar just nu. Försök igen om en stund.',
    'http-5xx': (p) =>
      `Det är en störning i Kaikukanta (HTTP ${p.status ?? '5xx'}). Försök igen om en stund.`,
    'card-not-registered': 'Kortet är inte registrerat i Kaikukanta och kan därför inte användas.',
    'idempotency-key-missing': 'Registreringen saknade nyckeln mot dubbletter (Idempotency-Key).',
    'idempotency-key-in-progress': 'Samma registrering behandlas redan. Vänta en stund.',
    'idempotency-key-reused':
      'Nyckeln mot dubbletter användes redan för en annan registrering; ingen registrering gjordes.',
    'batch-too-large': (p) => `För många registreringar på en gång (högst ${p.max ?? 100}).`,
    'show-not-found': 'Föreställningen finns inte i Kaikukanta.',
    'refusal-unreadable': (p) =>
      `Kaikukanta avvisade användningen (orsakskod ${p.problemCode ?? '?'}), men den här versionen av skannern kan inte visa orsaken. Kontrollera användningen i Kaikukanta.`,
    'internal-error': 'Ett oväntat fel inträffade i Kaikukanta.',
  },
  en: {
    network: 'Kaikukanta cannot be reached. Check the network connection.',
    timeout: (p) => `Kaikukanta did not answer in time${seconds(p.timeoutMs)}.`,
    aborted: 'The request was cancelled.',
    'malformed-json': 'The answer from Kaikukanta was malformed (not JSON).',
    'content-type': (p) =>
      `Something other than Kaikukanta answered (content type ${p.contentType ?? '?'}), e.g. a Wi-Fi sign-in page or a proxy.`,
    truncated: 'The answer from Kaikukanta was cut off.',
    'usage-id-invalid': "The usage ID in Kaikukanta's answer is not valid, so the answer was not used.",
    schema: (p) =>
      `The answer from Kaikukanta does not match the contract${p.fields ? ` (${p.fields})` : ''}.`,
    problem: (p) => `Kaikukanta refused the request (${p.problemCode ?? '?'}).`,
    'invalid-request': (p) =>
      `The request is incomplete and was not sent${p.fields ? ` (${p.fields})` : ''}.`,
    'list-too-long': (p) =>
      `The usage list went past its bound (${p.limit ?? 'pages'} ${p.max ?? '?'}) and was not read to the end.`,
    'response-too-large': (p) =>
      `The answer from Kaikukanta was too large (over ${mib(p.maxBytes)}) and was not read.`,
    'invalid-base-url':
      "Kaikukanta's address is not valid. It must start with https:// and hold no credentials.",
    'insecure-base-url': (p) =>
      `Kaikukanta's address${p.host ? ` (${p.host})` : ''} is plain http: the sign-in and the card IDs would cross the network unencrypted. Use an https address.`,
    'http-error': (p) =>
      p.answeredBy
        ? `The answer probably came from a proxy or firewall on the network, not from Kaikukanta (HTTP ${p.status ?? '?'}). Contact IT support if it happens again.`
        : `Kaikukanta answered with an error (HTTP ${p.status ?? '?'}).`,
    'http-401': 'The Kaikukanta sign-in is missing or has expired. Sign in again.',
    'http-403': 'Your account is not allowed to do this in Kaikukanta.',
    'agent-not-authorized':
      "This account cannot record usages for another venue's event: that venue has not named you its ticket agent in Kaikukanta. Record it for your own venue, or ask the venue to add you as its agent.",
    'usage-not-found': 'Kaikukanta has no such usage, so it cannot be undone.',
    'http-404':
      "Nothing answers at Kaikukanta's address (HTTP 404). Check the API address or the network's proxy.",
    'http-407':
      "The network's proxy requires sign-in (HTTP 407); the request did not reach Kaikukanta. Contact IT support.",
    'http-429': 'Kaikukanta is receiving too many requests right now. Try again shortly.',
    'http-5xx': (p) => `Kaikukanta has a fault (HTTP ${p.status ?? '5xx'}). Try again shortly.`,
    'card-not-registered': 'The card is not registered in Kaikukanta, so it cannot be used.',
    'idempotency-key-missing': 'The registration had no Idempotency-Key.',
    'idempotency-key-in-progress': 'The same registration is already being processed. Wait a moment.',
    'idempotency-key-reused':
      'The Idempotency-Key was already used for another registration; nothing was recorded.',
    'batch-too-large': (p) => `Too many registrations at once (at most ${p.max ?? 100}).`,
    'show-not-found': 'The show is not in Kaikukanta.',
    'refusal-unreadable': (p) =>
      `Kaikukanta refused the usage (reason code ${p.problemCode ?? '?'}), but this version of the scanner cannot show why. Check the usage in Kaikukanta.`,
    'internal-error': 'An unexpected error occurred in Kaikukanta.',
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
