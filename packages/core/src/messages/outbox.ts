import { defineTexts } from './define.js';

/**
 * Texts of the outbox's codes (storage failures, sync outcomes, offline checks), in Finnish, Swedish and English.
 *
 * @example
 * outboxMessages['storage-quota'].fi({});
 */
export const outboxMessages = defineTexts({
  fi: {
    'storage-quota':
      'Laitteen tallennustila on täynnä: tätä käyttöä ei tallennettu. Jo tallennetut käytöt ovat tallessa. Vapauta laitteelta tilaa (esim. poista latauksia tai muiden sivustojen tietoja) ja lue kortti uudelleen.',
    'storage-unavailable':
      'Selaimen tallennustila (IndexedDB) ei ole käytettävissä, esimerkiksi yksityisessä ikkunassa: käyttöä ei voitu tallentaa.',
    'storage-failed': 'Tallennus selaimen tietokantaan epäonnistui: käyttöä ei ole tallennettu.',
    'sync-storage-failed':
      'Lähetyksen tilaa ei voitu päivittää selaimen tietokantaan. Jonossa olevat kirjaukset säilyvät ja lähetetään uudelleen.',
    deferred: 'Kaikukanta pyysi lähettämään osan kirjauksista myöhemmin. Ne lähetetään automaattisesti.',
    'missing-result':
      'Kaikukannan vastauksesta puuttui osa kirjauksista. Ne säilyvät jonossa ja lähetetään uudelleen.',
    'invalid-usage': 'Kirjaus on puutteellinen ({fields}): sitä ei tallennettu.',
    'invalid-option': 'Jonon asetus ei kelpaa ({fields}): tarkista arvo.',
    'target-mismatch':
      'Kirjaus on toiselle tapahtumapaikalle kuin tämä jono ({fields}): sitä ei tallennettu.',
    'retry-unverified':
      'Kaikukannasta ei voitu tarkistaa, onko kirjaus jo perillä, joten sitä ei lähetetty uudelleen. Yritä myöhemmin uudelleen, kun yhteys toimii.',
    'void-unverified':
      'Käytön perumista ei voitu varmistaa Kaikukannasta, joten sitä ei peruttu. Yritä uudelleen, kun yhteys toimii.',
    'record-tampered':
      'Tallennettua kirjausta on muutettu tämän ohjelman ulkopuolelta, joten sitä ei lähetetä. Tarkista kirjaus: kirjaa käsin tai hylkää.',
    'retry-too-soon':
      'Kirjausta yritettiin juuri uudelleen, joten sitä ei lähetetty nyt. Yritä hetken kuluttua.',
    'outbox-stopped': 'Lähtevien kirjausten jono on pysäytetty.',
    'record-not-found': 'Kirjausta ei löydy jonosta.',
    'export-file-unknown':
      'Tiedostoa ei voi ladata uudelleen: tällä laitteella ei ole siihen ladattuja käyttöjä (ne on ehkä poistettu säilytysajan päätyttyä).',
    'void-exported':
      'Käyttö on jo ladattu tiedostoon Kaikukannan tuontiin tai lähetetty, joten sitä ei voi perua täällä. Jos se on tiedostossa, poista sen rivi tiedostosta ennen tuontia tai peru käyttö Kaikukannassa tuonnin jälkeen; jos se lähetettiin, peru se Kaikukannassa.',
    'offline-refused': 'Korttia ei voitu tarkistaa, eikä offline-käyttöä sallita: kirjausta ei tehty.',
    'needs-attention': 'Palvelin hylkäsi jonossa olleen kirjauksen ({reason}): tarkista ja ratkaise.',
  },
  sv: {
    'storage-quota':
      'Enhetens lagringsutrymme är fullt: den här användningen sparades inte. Redan sparade användningar finns kvar. Frigör utrymme på enheten (t.ex. radera nedladdningar eller andra webbplatsers data) och läs kortet igen.',
    'storage-unavailable':
      'Webbläsarens lagring (IndexedDB) är inte tillgänglig, till exempel i ett privat fönster: användningen kunde inte sparas.',
    'storage-failed': 'Det gick inte att spara i webbläsarens databas: användningen har inte sparats.',
    'sync-storage-failed':
      'Sändningens status kunde inte uppdateras i webbläsarens databas. De köade registreringarna finns kvar och skickas igen.',
    deferred: 'Kaikukanta bad att en del registreringar skickas senare. De skickas automatiskt.',
    'missing-result':
      'Svaret från Kaikukanta saknade en del registreringar. De ligger kvar i kön och skickas igen.',
    'invalid-usage': 'Registreringen är ofullständig ({fields}): den sparades inte.',
    'invalid-option': 'Köns inställning är ogiltig ({fields}): kontrollera värdet.',
    'target-mismatch':
      'Registreringen gäller ett annat evenemangsställe än den här kön ({fields}): den sparades inte.',
    'retry-unverified':
      'Det gick inte att kontrollera i Kaikukanta om registreringen redan har kommit fram, så den skickades inte igen. Försök igen när förbindelsen fungerar.',
    'void-unverified':
      'Det gick inte att bekräfta i Kaikukanta att användningen ångrades, så den ångrades inte. Försök igen när förbindelsen fungerar.',
    'record-tampered':
      'Den sparade registreringen har ändrats utanför det här programmet och skickas därför inte. Kontrollera den: registrera den manuellt eller avfärda den.',
    'retry-too-soon':
      'Registreringen försöktes nyss på nytt, så den skickades inte nu. Försök igen om en stund.',
    'outbox-stopped': 'Kön för utgående registreringar har stoppats.',
    'record-not-found': 'Registreringen finns inte i kön.',
    'export-file-unknown':
      'Filen kan inte laddas ned igen: den här enheten har inga användningar som gick in i den (de kan ha raderats när lagringstiden tog slut).',
    'void-exported':
      'Användningen har redan laddats ner i en fil för Kaikukantas import eller skickats, så den kan inte ångras här. Finns den i en fil, ta bort dess rad ur filen före importen eller ångra användningen i Kaikukanta efter importen; skickades den, ångra den i Kaikukanta.',
    'offline-refused':
      'Kortet kunde inte kontrolleras och offline-användning är inte tillåten: ingen registrering gjordes.',
    'needs-attention': 'Servern avvisade en köad registrering ({reason}): kontrollera och åtgärda.',
  },
  en: {
    'storage-quota':
      'Device storage is full: this usage was not saved. Usages already saved are kept. Free space on the device (e.g. delete downloads or other sites’ data) and read the card again.',
    'storage-unavailable':
      'Browser storage (IndexedDB) is unavailable, e.g. in a private window: the usage could not be saved.',
    'storage-failed': 'Writing to the browser database failed: the usage has not been saved.',
    'sync-storage-failed':
      'The sync could not update the browser database. The queued usages are kept and will be sent again.',
    deferred: 'Kaikukanta asked for some usages to be sent later. They will be sent automatically.',
    'missing-result':
      "Kaikukanta's answer did not cover every usage. Those stay queued and will be sent again.",
    'invalid-usage': 'The usage is incomplete ({fields}): it was not saved.',
    'invalid-option': 'Invalid outbox setting ({fields}): check its value.',
    'target-mismatch': 'The usage is for another venue than this outbox serves ({fields}): it was not saved.',
    'retry-unverified':
      'Could not check with Kaikukanta whether the usage already arrived, so it was not sent again. Try again once the connection works.',
    'void-unverified':
      'Undoing the usage could not be confirmed with Kaikukanta, so it was not undone. Try again once the connection works.',
    'record-tampered':
      'This stored usage was changed outside this program, so it is not sent. Check it: record it manually or dismiss it.',
    'retry-too-soon': 'The usage was retried a moment ago, so it was not sent now. Try again in a while.',
    'outbox-stopped': 'The outbox has been stopped.',
    'record-not-found': 'The usage is not in the outbox.',
    'export-file-unknown':
      'The file cannot be downloaded again: this device keeps no usages that went into it (they may have been removed when their retention ended).',
    'void-exported':
      'The usage is already in a file for Kaikukanta’s import, or sent, so it cannot be undone here. If it is in a file, delete its row from the file before importing it, or void the usage in Kaikukanta after the import; if it was sent, void it in Kaikukanta.',
    'offline-refused': 'The card could not be checked and offline use is not allowed: nothing was recorded.',
    'needs-attention': 'The server refused a queued usage ({reason}): check and resolve it.',
  },
});

/** A stable code of the outbox, e.g. `'storage-quota'`. */
export type OutboxMessageCode = keyof typeof outboxMessages;
