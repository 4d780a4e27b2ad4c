/**
 * Small builders shared by the contract's schemas, on `zod/mini` (functions, not prototype methods,
 * so a bundle carries only the parts of zod it uses).
 */
import * as z from 'zod/mini';

/**
 * A whole number from `min` (up to `max` when given).
 *
 * @example
 * wholeNumber(0, 20).parse(3); // 3
 */
export function wholeNumber(min: number, max?: number) {
  return max === undefined
    ? z.number().check(z.int(), z.minimum(min))
    : z.number().check(z.int(), z.minimum(min), z.maximum(max));
}

/**
 * A string of `min` characters or more (at most `max` when given).
 *
 * @example
 * text(1, 128).parse('teatteri-hilla');
 */
export function text(min: number, max?: number) {
  return max === undefined
    ? z.string().check(z.minLength(min))
    : z.string().check(z.minLength(min), z.maxLength(max));
}
