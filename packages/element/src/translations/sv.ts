import type { CodeTexts, Translation } from './index.js';

export const sv: Translation = {
  title: 'Kaikukortet',
  chooseShow: 'Välj föreställning eller kurs',
  noShow: 'Ingen föreställning vald. Välj en innan du läser kortet.',
  showStarts: (when) => `börjar ${when}`,
  kindEvent: 'föreställning',
  kindCourse: 'kurs',
  capMeterLabel: 'Kaikukortsbiljetter utdelade',
  capGiven: (given, cap) => `${given} / ${cap} utdelade`,
  capLeft: (left) => `${left} kvar`,
  capNone: 'Ingen övre gräns',
  capUnknown: (cap) => (cap ? `Inte känt · övre gräns ${cap}` : 'Inte känt'),
  mode: 'Bokning eller avhämtning',
  modeBooking: 'Bokning',
  modeCollection: 'Avhämtning',
  readyHeading: 'Läs kortet',
  readyHint: 'Läs kortets QR- eller streckkod med läsaren eller kameran, eller skriv in numret.',
  readyHintNoCamera: 'Läs kortets streckkod med läsaren eller skriv in numret.',
  manualLabel: 'Kortets kod',
  manualHint: 'Bokstäver och siffror utan mellanslag, till exempel A045198723.',
  manualSubmit: 'Sök kortet',
  cameraStart: 'Använd kameran',
  cameraStop: 'Stäng kameran',
  cameraTorch: 'Lampa',
  cameraZoom: 'Zoom',
  cameraLabel: 'Kamerabild: visa kortets QR-kod eller streckkod',
  cameraAim: 'Håll kortet inom ramen: QR-koden på framsidan eller streckkoden på baksidan.',
  cameraHint:
    'Ingen kod har hittats ännu. Tänd mer ljus, håll kortet stilla cirka 15 cm från kameran eller vänd på kortet.',
  insecureConnection:
    'Okrypterad förbindelse (http): kortens koder och inloggning går okrypterade genom nätet. Endast för ett slutet internt nät.',
  lookingUp: (id) => `Söker kortet ${id}…`,
  alreadyRead: (id) => `Kortet ${id} är redan läst.`,
  nextWaiting: (tail) => `Nästa kort väntar: …${tail}`,
  refusedHeading: 'Ingen biljett kan ges',
  nextCustomer: 'Nästa kund',
  registering: 'Registrerar…',
  registeredHeading: 'Registrerat i Kaikukanta',
  queuedHeading: 'Sparat – skickas när förbindelsen återkommer',
  queuedDetail:
    'Ge biljetten. Användningen är sparad på den här enheten och skickas automatiskt till Kaikukanta.',
  refusedLaterHeading: 'Kaikukanta godkände inte användningen',
  pending: (n) => `${n} väntar på att skickas`,
  pendingNone: 'Allt skickat',
  signInFailed: 'Inloggningen till Kaikukanta godtas inte – användningarna väntar',
  notConfigured: 'Kaikukanta är inte inställt',
  needsAttentionHeading: (n) => `Kräver åtgärd (${n})`,
  syncNow: 'Skicka nu',
  resolveShort: 'Markera som hanterad',
  offline: 'Ingen nätförbindelse',
  unreachable: 'Kaikukanta svarar inte',
  connectionUnknown: 'Anslutningen till Kaikukanta är inte kontrollerad än',
  noStorage: 'Ingen lagring – registrering bara online',
  configHeading: 'Skannerns inställningar är ogiltiga',
  errorHeading: 'Något gick fel',
  signInHeading: 'Inloggningen avvisades',
  tryAgain: 'Försök igen',
};

/** `fiCodes` in Swedish. */
export const svCodes: CodeTexts = {
  'element-load-failed':
    'En del av skannerns program laddades inte (nätverksavbrott?). Kontrollera anslutningen och försök igen; redan sparade användningar finns kvar.',
  'reading-replaced': 'Kortet …{tail} söktes inte: en nyare läsning ersatte det. Läs det igen vid behov.',
  unexpected:
    'Oväntat fel. Försök igen; om felet kvarstår, ladda om sidan: redan sparade användningar finns kvar.',
};
