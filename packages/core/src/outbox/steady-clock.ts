/**
 * A clock (epoch ms) that a device clock set back does not move back within a page: the later of the wall clock and
 * the page's monotonic one (`performance.timeOrigin + performance.now()`; the wall clock goes on where that stood
 * still while the device slept). A clock set ahead is followed: an undo window closes early, never late.
 *
 * @example
 * const register = createRegister({ venueId, terminal, now: steadyClock() }); // the default
 */
export const steadyClock =
  (wall = () => Date.now(), monotonic = () => performance.timeOrigin + performance.now()) =>
  (): number =>
    Math.max(wall(), monotonic());
