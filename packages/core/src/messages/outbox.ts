import { defineMessages } from './define.js';

/**
 * Texts of the outbox's codes (storage failures, sync outcomes, offline checks), in Finnish, Swedish and English.
 *
 * @example
 * outboxMessages['storage-quota'].fi({});
 */
export const outboxMessages = defineMessages({
  'storage-quota': {
    fi: () => 'Laitteen tallennustila on täynnä: käyttöä ei voitu tallentaa. Kirjaa käyttö paperille.',
    sv: () => 'Enhetens lagringsutrymme är fullt: användningen kunde inte sparas. Anteckna den på papper.',
    en: () => 'Device storage is full: the usage could not be saved. Write it down on paper.',
  },
  'storage-unavailable': {
    fi: () =>
      'Selaimen tallennustila (IndexedDB) ei ole käytettävissä, esimerkiksi yksityisessä ikkunassa: käyttöä ei voitu tallentaa.',
    sv: () =>
      'Webbläsarens lagring (IndexedDB) är inte tillgänglig, till exempel i ett privat fönster: användningen kunde inte sparas.',
    en: () =>
      'Browser storage (IndexedDB) is unavailable, e.g. in a private window: the usage could not be saved.',
  },
  'storage-failed': {
    fi: () => 'Tallennus selaimen tietokantaan epäonnistui: käyttöä ei ole tallennettu.',
    sv: () => 'Det gick inte att spara i webbläsarens databas: användningen har inte sparats.',
    en: () => 'Writing to the browser database failed: the usage has not been saved.',
  },
  'sync-storage-failed': {
    fi: () =>
      'Lähetyksen tilaa ei voitu päivittää selaimen tietokantaan. Jonossa olevat kirjaukset säilyvät ja lähetetään uudelleen.',
    sv: () =>
      'Sändningens status kunde inte uppdateras i webbläsarens databas. De köade registreringarna finns kvar och skickas igen.',
    en: () =>
      'The sync could not update the browser database. The queued usages are kept and will be sent again.',
  },
  deferred: {
    fi: () => 'Kaikukanta pyysi lähettämään osan kirjauksista myöhemmin. Ne lähetetään automaattisesti.',
    sv: () => 'Kaikukanta bad att en del registreringar skickas senare. De skickas automatiskt.',
    en: () => 'Kaikukanta asked for some usages to be sent later. They will be sent automatically.',
  },
  'missing-result': {
    fi: () =>
      'Kaikukannan vastauksesta puuttui osa kirjauksista. Ne säilyvät jonossa ja lähetetään uudelleen.',
    sv: () => 'Svaret från Kaikukanta saknade en del registreringar. De ligger kvar i kön och skickas igen.',
    en: () => "Kaikukanta's answer did not cover every usage. Those stay queued and will be sent again.",
  },
  'invalid-usage': {
    fi: (p: { fields: string }) => `Kirjaus on puutteellinen (${p.fields}): sitä ei tallennettu.`,
    sv: (p: { fields: string }) => `Registreringen är ofullständig (${p.fields}): den sparades inte.`,
    en: (p: { fields: string }) => `The usage is incomplete (${p.fields}): it was not saved.`,
  },
  'invalid-option': {
    fi: (p: { fields: string }) => `Jonon asetus ei kelpaa (${p.fields}): tarkista arvo.`,
    sv: (p: { fields: string }) => `Köns inställning är ogiltig (${p.fields}): kontrollera värdet.`,
    en: (p: { fields: string }) => `Invalid outbox setting (${p.fields}): check its value.`,
  },
  'target-mismatch': {
    fi: (p: { fields: string }) =>
      `Kirjaus on toiselle tapahtumapaikalle kuin tämä jono (${p.fields}): sitä ei tallennettu.`,
    sv: (p: { fields: string }) =>
      `Registreringen gäller ett annat evenemangsställe än den här kön (${p.fields}): den sparades inte.`,
    en: (p: { fields: string }) =>
      `The usage is for another venue than this outbox serves (${p.fields}): it was not saved.`,
  },
  'retry-unverified': {
    fi: (p: { id: string }) =>
      `Kaikukannasta ei voitu tarkistaa, onko kirjaus ${p.id} jo perillä, joten sitä ei lähetetty uudelleen. Yritä myöhemmin uudelleen, kun yhteys toimii.`,
    sv: (p: { id: string }) =>
      `Det gick inte att kontrollera i Kaikukanta om registreringen ${p.id} redan har kommit fram, så den skickades inte igen. Försök igen när förbindelsen fungerar.`,
    en: (p: { id: string }) =>
      `Could not check with Kaikukanta whether usage ${p.id} already arrived, so it was not sent again. Try again once the connection works.`,
  },
  'void-unverified': {
    fi: (p: { id: string }) =>
      `Kirjauksen ${p.id} perumista ei voitu varmistaa Kaikukannasta, joten sitä ei peruttu. Yritä uudelleen, kun yhteys toimii.`,
    sv: (p: { id: string }) =>
      `Det gick inte att bekräfta i Kaikukanta att registreringen ${p.id} ångrades, så den ångrades inte. Försök igen när förbindelsen fungerar.`,
    en: (p: { id: string }) =>
      `Undoing usage ${p.id} could not be confirmed with Kaikukanta, so it was not undone. Try again once the connection works.`,
  },
  'record-tampered': {
    fi: () =>
      'Tallennettua kirjausta on muutettu tämän ohjelman ulkopuolelta, joten sitä ei lähetetä. Tarkista kirjaus: kirjaa käsin tai hylkää.',
    sv: () =>
      'Den sparade registreringen har ändrats utanför det här programmet och skickas därför inte. Kontrollera den: registrera den manuellt eller avfärda den.',
    en: () =>
      'This stored usage was changed outside this program, so it is not sent. Check it: record it manually or dismiss it.',
  },
  'retry-too-soon': {
    fi: (p: { id: string }) =>
      `Kirjausta ${p.id} yritettiin juuri uudelleen, joten sitä ei lähetetty nyt. Yritä hetken kuluttua.`,
    sv: (p: { id: string }) =>
      `Registreringen ${p.id} försöktes nyss på nytt, så den skickades inte nu. Försök igen om en stund.`,
    en: (p: { id: string }) =>
      `Usage ${p.id} was retried a moment ago, so it was not sent now. Try again in a while.`,
  },
  'outbox-stopped': {
    fi: () => 'Lähtevien kirjausten jono on pysäytetty.',
    sv: () => 'Kön för utgående registreringar har stoppats.',
    en: () => 'The outbox has been stopped.',
  },
  'record-not-found': {
    fi: (p: { id: string }) => `Kirjausta ${p.id} ei löydy jonosta.`,
    sv: (p: { id: string }) => `Registreringen ${p.id} finns inte i kön.`,
    en: (p: { id: string }) => `Record ${p.id} is not in the outbox.`,
  },
  'offline-refused': {
    fi: () => 'Korttia ei voitu tarkistaa, eikä offline-käyttöä sallita: kirjausta ei tehty.',
    sv: () =>
      'Kortet kunde inte kontrolleras och offline-användning är inte tillåten: ingen registrering gjordes.',
    en: () => 'The card could not be checked and offline use is not allowed: nothing was recorded.',
  },
  'needs-attention': {
    fi: (p: { reason: string }) =>
      `Palvelin hylkäsi jonossa olleen kirjauksen (${p.reason}): tarkista ja ratkaise.`,
    sv: (p: { reason: string }) =>
      `Servern avvisade en köad registrering (${p.reason}): kontrollera och åtgärda.`,
    en: (p: { reason: string }) => `The server refused a queued usage (${p.reason}): check and resolve it.`,
  },
});

/** A stable code of the outbox, e.g. `'storage-quota'`. */
export type OutboxMessageCode = keyof typeof outboxMessages;
