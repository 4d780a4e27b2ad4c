import { SERVERS } from '../catalog.mjs';

export default SERVERS['awk-503-first-attempt'];
