import { SERVERS } from '../catalog.mjs';

export default SERVERS['batch-venue-binding-skipped'];
