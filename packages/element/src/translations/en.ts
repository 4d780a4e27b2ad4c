import type { CodeTexts, Translation } from './index.js';

export const en: Translation = {
  title: 'Kaikukortti',
  chooseShow: 'Choose a show or course',
  noShow: 'No show chosen. Choose one before reading a card.',
  showStarts: (when) => `starts ${when}`,
  kindEvent: 'show',
  kindCourse: 'course',
  capMeterLabel: 'Kaikukortti tickets given',
  capGiven: (given, cap) => `${given} / ${cap} given`,
  capLeft: (left) => `${left} left`,
  capNone: 'No cap',
  capUnknown: (cap) => (cap ? `Not known · cap ${cap}` : 'Not known'),
  mode: 'Booking or collection',
  modeBooking: 'Booking',
  modeCollection: 'Ticket collection',
  readyHeading: 'Read a card',
  readyHint: "Scan the card's QR code or barcode with the reader or the camera, or type the card ID.",
  readyHintNoCamera: "Scan the card's barcode with the reader, or type the card ID.",
  manualLabel: 'Card ID',
  manualHint: 'Letters and digits without spaces, for example A045198723.',
  manualSubmit: 'Look up card',
  cameraStart: 'Use camera',
  cameraStop: 'Close camera',
  cameraTorch: 'Torch',
  cameraZoom: 'Zoom',
  cameraLabel: "Camera view: show the card's QR code or barcode",
  cameraAim: 'Hold the card inside the frame: the QR code on its front or the barcode on its back.',
  cameraHint:
    'No code found yet. Try more light, hold the card still about 15 cm from the camera, or turn the card over.',
  insecureConnection:
    'Unencrypted connection (http): card IDs and the sign-in cross the network in clear text. Only for a closed internal network.',
  lookingUp: (id) => `Looking up card ${id}…`,
  alreadyRead: (id) => `Card ${id} has already been read.`,
  nextWaiting: (tail) => `Next card waiting: …${tail}`,
  refusedHeading: 'No ticket can be given',
  nextCustomer: 'Next customer',
  registering: 'Registering…',
  registeredHeading: 'Registered in Kaikukanta',
  queuedHeading: 'Saved – will be sent when the connection returns',
  queuedDetail:
    'Hand out the ticket. The usage is stored on this device and sent to Kaikukanta automatically.',
  refusedLaterHeading: 'Kaikukanta did not accept the usage',
  pending: (n) => `${n} waiting to be sent`,
  pendingNone: 'Everything sent',
  signInFailed: 'Kaikukanta sign-in not accepted – usages are waiting',
  notConfigured: 'Kaikukanta is not configured',
  needsAttentionHeading: (n) => `Needs attention (${n})`,
  syncNow: 'Send now',
  resolveShort: 'Mark as handled',
  offline: 'No network connection',
  unreachable: 'Kaikukanta is not answering',
  connectionUnknown: 'Connection to Kaikukanta not checked yet',
  noStorage: 'No storage – online registration only',
  configHeading: 'The scanner is not set up right',
  errorHeading: 'Something went wrong',
  signInHeading: 'Sign-in refused',
  tryAgain: 'Try again',
};

/** `fiCodes` in English. */
export const enCodes: CodeTexts = {
  'element-load-failed':
    'Part of the scanner’s program did not load (network down?). Check the connection and try again; usages already saved are kept.',
  'reading-replaced': 'Card …{tail} was not looked up: a newer reading replaced it. Read it again if needed.',
  unexpected:
    'Unexpected error. Try again; if it keeps happening, reload the page: usages already saved are kept.',
};
