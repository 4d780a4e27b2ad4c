import { SERVERS } from '../catalog.mjs';

export default SERVERS['batch-all-or-nothing'];
