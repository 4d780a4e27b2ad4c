import { SERVERS } from '../catalog.mjs';

export default SERVERS['batch-empty-200'];
