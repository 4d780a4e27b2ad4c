/**
 * The listener's engine: the classifier with its refusals' texts, most of the listener's bytes, which
 * `listen-for-wedge.ts` loads on demand.
 */
export { INITIAL_WEDGE_STATE, isAtRest, stepWedge } from './classify-wedge.js';
