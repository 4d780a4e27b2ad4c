/** Every kaiku-* event bubbles out of the shadow root so hosts (React, Vue, plain DOM) can listen anywhere. */
export const EVENT_INIT = { bubbles: true, composed: true } as const;

/** Where a card ID came from. */
export type ScanSource = 'wedge' | 'camera' | 'manual' | 'api';
