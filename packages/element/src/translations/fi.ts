/** The element's UI strings in Finnish: the first download's, and the shape every language follows (`Translation`). */
export const fi = {
  title: 'Kaikukortti',
  chooseShow: 'Valitse esitys tai kurssi',
  noShow: 'Esitystä ei ole valittu. Valitse esitys ennen kuin luet kortin.',
  showStarts: (when: string) => `alkaa ${when}`,
  kindEvent: 'esitys',
  kindCourse: 'kurssi',
  capMeterLabel: 'Kaikukortti-lippuja annettu',
  capGiven: (given: string, cap: string) => `${given} / ${cap} annettu`,
  capLeft: (left: string) => `${left} jäljellä`,
  capNone: 'Ei ylärajaa',
  /** The count is not known (never fetched for this show); `cap`, when known, is the show's cap. */
  capUnknown: (cap: string | undefined) => (cap ? `Ei tiedossa · yläraja ${cap}` : 'Ei tiedossa'),
  mode: 'Varaus vai lipun nouto',
  modeBooking: 'Varaus',
  modeCollection: 'Lipun nouto',
  readyHeading: 'Lue kortti',
  readyHint: 'Lue kortin QR- tai viivakoodi lukijalla tai kameralla, tai kirjoita tunnus.',
  readyHintNoCamera: 'Lue kortin viivakoodi lukijalla tai kirjoita tunnus.',
  manualLabel: 'Kortin tunnus',
  manualHint: 'Kirjaimet ja numerot ilman välilyöntejä, esimerkiksi A045198723.',
  manualSubmit: 'Hae kortti',
  cameraStart: 'Käytä kameraa',
  cameraStop: 'Sulje kamera',
  /** The camera's light (a toggle: pressed while it is on) and its zoom, shown where the camera has them. */
  cameraTorch: 'Valo',
  cameraZoom: 'Zoom',
  cameraLabel: 'Kameran kuva: näytä kortin QR-koodi tai viivakoodi',
  /** Under the preview: where to hold the card (its front's QR code or its back's barcode inside the frame). */
  cameraAim: 'Pidä kortti kehyksen sisällä: etupuolen QR-koodi tai takapuolen viivakoodi.',
  /** After a while without a read: what to try. */
  cameraHint:
    'Koodia ei ole vielä löytynyt. Lisää valoa, pidä kortti paikallaan noin 15 cm:n päässä kamerasta tai käännä kortti.',
  /** Shown while `allow-insecure-http` lets the element use a plain-http API on another machine. */
  insecureConnection:
    'Salaamaton yhteys (http): korttien tunnukset ja kirjautuminen kulkevat verkossa salaamatta. Vain suljettuun sisäverkkoon.',
  lookingUp: (id: string) => `Haetaan korttia ${id}…`,
  /** The card on screen was read again (a duplicate from the reader): said politely, nothing else happens. */
  alreadyRead: (id: string) => `Kortti ${id} on jo luettu.`,
  /** A card read while another step ran: looked up next (`tail`: its last four characters). */
  nextWaiting: (tail: string) => `Seuraava kortti odottaa: …${tail}`,
  refusedHeading: 'Lippua ei voi antaa',
  nextCustomer: 'Seuraava asiakas',
  registering: 'Kirjataan…',
  registeredHeading: 'Kirjattu Kaikukantaan',
  queuedHeading: 'Tallennettu – lähetetään, kun yhteys palaa',
  queuedDetail: 'Anna lippu. Käyttö on tallessa tällä laitteella ja lähetetään Kaikukantaan automaattisesti.',
  refusedLaterHeading: 'Kaikukanta ei hyväksynyt käyttöä',
  pending: (n: string) => `${n} odottaa lähetystä`,
  pendingNone: 'Kaikki lähetetty',
  /** Sync badge: the terminal's sign-in to Kaikukanta failed (401/403); usages wait. */
  signInFailed: 'Kirjautuminen Kaikukantaan ei kelpaa – käytöt odottavat',
  /** Sync badge: no Kaikukanta API is configured, so nothing is ever sent. */
  notConfigured: 'Kaikukantaa ei ole määritetty',
  needsAttentionHeading: (n: string) => `Vaatii huomiota (${n})`,
  syncNow: 'Lähetä nyt',
  resolveShort: 'Merkitse käsitellyksi',
  offline: 'Ei verkkoyhteyttä',
  /** The network is there but Kaikukanta did not answer (what is on screen was decided without it). */
  unreachable: 'Kaikukanta ei vastaa',
  /** Nothing has told yet whether Kaikukanta answers and takes this terminal's sign-in. */
  connectionUnknown: 'Yhteyttä Kaikukantaan ei ole vielä tarkistettu',
  /** Usages cannot be kept on this device: registered online only. */
  noStorage: 'Ei tallennustilaa – kirjaus vain verkossa',
  /** Heading of the configuration problems shown instead of the scanning controls. */
  configHeading: 'Skannerin asetukset eivät kelpaa',
  errorHeading: 'Jokin meni vikaan',
  signInHeading: 'Kirjautuminen hylättiin',
  tryAgain: 'Yritä uudelleen',
};

/**
 * The texts of the codes the first paint shows (`elementText`, `textOf`), a `{name}` for a parameter: the Swedish and
 * English ones come with their language's strings (`svCodes`, `enCodes`), Finnish meanwhile.
 */
export const fiCodes = {
  'element-load-failed':
    'Osa skannerin ohjelmasta ei latautunut (verkkokatko?). Tarkista yhteys ja yritä uudelleen; jo tallennetut käytöt ovat tallessa.',
  'reading-replaced': 'Korttia …{tail} ei haettu: uudempi luenta korvasi sen. Lue se uudelleen tarvittaessa.',
  unexpected:
    'Odottamaton virhe. Yritä uudelleen; jos vika jatkuu, lataa sivu uudelleen: jo tallennetut käytöt ovat tallessa.',
} as const;
