import type { ShowContext } from './types.js';
import type { KaikuScanner } from '../kaiku-scanner.component.js';

/** The element's show-* properties (or a chosen entry of `shows`). */
export type ShowProperties = Pick<
  KaikuScanner,
  'shows' | 'showId' | 'showName' | 'showStart' | 'showKind' | 'showCap' | 'showSeats'
>;

/** The show usages are registered for, from `shows` + `showId` or from the show-* attributes; undefined if none. */
export function showFromProperties(p: ShowProperties): ShowContext | undefined {
  const chosen = p.shows.find((s) => s.id === p.showId);
  if (chosen) return chosen;
  if (!p.showId || !p.showName || !p.showStart) return undefined;
  return {
    id: p.showId,
    name: p.showName,
    start: p.showStart,
    kind: p.showKind,
    ...(p.showCap === undefined || Number.isNaN(p.showCap) ? {} : { cap: p.showCap }),
    ...(p.showSeats === undefined || Number.isNaN(p.showSeats) ? {} : { seats: p.showSeats }),
  };
}
