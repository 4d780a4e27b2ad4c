/** The listener's engine (the classifier and its texts: most of its bytes), loaded on demand. */
export { INITIAL_WEDGE_STATE, isAtRest, stepWedge } from './classify-wedge.js';
