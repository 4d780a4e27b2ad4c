/**
 * The listener's engine: the classifier, its option defaults and its refusals' texts — most of the listener's bytes.
 * `@kaiku-scanner/core/wedge` loads it on demand (`create-wedge-listener.ts`); the main entry bundles it
 * (`create-wedge-listener-eager.ts`).
 */
export { INITIAL_WEDGE_STATE, isAtRest, stepWedge } from './classify-wedge.js';
export { resolveWedgeOptions } from './wedge-options.js';
export { wedgeFailure } from './evaluate-burst.js';
