import { SERVERS } from '../catalog.mjs';

export default SERVERS['batch-duplicate-key-merged'];
