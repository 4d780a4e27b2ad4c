import { SERVERS } from '../catalog.mjs';

export default SERVERS['batch-101-split'];
