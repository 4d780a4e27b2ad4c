/**
 * A clock (epoch ms) that a device clock set back does not move back within a page: the later of the wall clock and
 * the page's monotonic clock (`performance.timeOrigin + performance.now()`, fixed at page load). Set back, the
 * monotonic one goes on; while the device slept, where the monotonic one may stand still, the wall clock goes on. A
 * clock set ahead is followed (an undo window then closes early, never late). Across a reload only the wall clock is
 * known: `checkVoidWindow` refuses a void while it is before the usage's own time.
 *
 * @example
 * const register = createRegister({ venueId, terminal, now: steadyClock() }); // the default
 */
export function steadyClock(
  wall: () => number = () => Date.now(),
  monotonic: () => number = () => performance.timeOrigin + performance.now(),
): () => number {
  return () => Math.max(wall(), monotonic());
}
