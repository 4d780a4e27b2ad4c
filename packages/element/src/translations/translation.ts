/**
 * The element's own UI strings. Every language file is typed `Translation`, so a missing or misspelt key
 * fails to compile. Messages for core codes (card IDs, rules, API, outbox, input) come from the core's registry.
 */
export type Translation = {
  readonly title: string;
  readonly show: string;
  readonly chooseShow: string;
  readonly noShow: string;
  readonly showStarts: (when: string) => string;
  readonly kindEvent: string;
  readonly kindCourse: string;
  readonly capMeterLabel: string;
  readonly capGiven: (given: string, cap: string) => string;
  readonly capLeft: (left: string) => string;
  readonly capNone: string;
  /** The count is not known (never fetched for this show); `cap`, when known, is the show's cap. */
  readonly capUnknown: (cap: string | undefined) => string;
  readonly mode: string;
  readonly modeBooking: string;
  readonly modeCollection: string;
  readonly readyHeading: string;
  readonly readyHint: string;
  readonly readyHintNoCamera: string;
  readonly manualLabel: string;
  readonly manualHint: string;
  readonly manualSubmit: string;
  readonly cameraStart: string;
  readonly cameraStop: string;
  readonly cameraLabel: string;
  /** Under the preview: where to hold the card (its front's QR code or its back's barcode inside the frame). */
  readonly cameraAim: string;
  /** After a while without a read: what to try. */
  readonly cameraHint: string;
  /** Shown while `allow-insecure-http` lets the element use a plain-http API on another machine. */
  readonly insecureConnection: string;
  readonly lookingUp: (cardId: string) => string;
  /** The card on screen was read again (a duplicate from the reader): said politely, nothing else happens. */
  readonly alreadyRead: (cardId: string) => string;
  readonly cardHeading: string;
  readonly cardKind: string;
  readonly kindClient: string;
  readonly kindCommunity: string;
  readonly status: string;
  readonly statusName: (status: string) => string;
  readonly validUntil: string;
  readonly minors: string;
  readonly fromCache: string;
  readonly refusedHeading: string;
  readonly ticketsHeading: string;
  readonly adultTickets: string;
  readonly adultNote: string;
  readonly childTickets: string;
  readonly childLimit: (max: string) => string;
  readonly childNoneCourse: string;
  readonly decrease: (what: string) => string;
  readonly increase: (what: string) => string;
  readonly groupHeading: string;
  readonly groupHint: string;
  readonly groupAdd: string;
  readonly groupMemberLabel: string;
  readonly groupRemove: (cardId: string) => string;
  readonly groupEmpty: string;
  readonly under16: string;
  readonly totalTickets: (n: string) => string;
  readonly confirm: string;
  readonly cancel: string;
  readonly nextCustomer: string;
  readonly keysHint: string;
  readonly registering: string;
  readonly registeredHeading: string;
  readonly registeredDetail: (adults: string, children: string) => string;
  readonly queuedHeading: string;
  readonly queuedDetail: string;
  readonly queuedBadge: string;
  readonly refusedLaterHeading: string;
  readonly refusedLaterDetail: string;
  readonly vetoed: string;
  readonly pending: (n: string) => string;
  readonly pendingNone: string;
  /** Sync badge: the terminal's sign-in to Kaikukanta failed (401/403); usages wait. */
  readonly signInFailed: string;
  /** Sync badge: no Kaikukanta API is configured, so nothing is ever sent. */
  readonly notConfigured: string;
  readonly needsAttentionHeading: (n: string) => string;
  readonly syncNow: string;
  readonly resolveShort: string;
  readonly resolve: (cardId: string) => string;
  readonly exportCsv: string;
  readonly offline: string;
  /** The network is there but Kaikukanta did not answer (what is on screen was decided without it). */
  readonly unreachable: string;
  /** Nothing has told yet whether Kaikukanta answers and takes this terminal's sign-in. */
  readonly connectionUnknown: string;
  /** Usages cannot be kept on this device: registered online only. */
  readonly noStorage: string;
  /** Heading of the configuration problems shown instead of the scanning controls. */
  readonly configHeading: string;
  readonly errorHeading: string;
  readonly tryAgain: string;
};
