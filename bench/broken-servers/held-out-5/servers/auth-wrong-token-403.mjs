import { SERVERS } from '../catalog.mjs';

export default SERVERS['auth-wrong-token-403'];
