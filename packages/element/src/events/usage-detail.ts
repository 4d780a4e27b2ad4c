/** The usage the clerk confirmed: codes, counts and card IDs only, never anything about a person. */
export type KaikuUsageDetail = {
  readonly cardId: string;
  /** Always 1: the card holder's own ticket. */
  readonly adults: 1;
  readonly children: number;
  readonly groupCardIds: readonly string[];
  readonly under16: number;
  readonly showId: string;
  readonly mode: 'booking' | 'collection';
};
