import { SERVERS } from '../catalog.mjs';

export default SERVERS['usage-id-autoincrement'];
