import { SERVERS } from '../catalog.mjs';

export default SERVERS['already-used-at-client-time'];
