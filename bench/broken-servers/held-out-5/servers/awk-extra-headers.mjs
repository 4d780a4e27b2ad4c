import { SERVERS } from '../catalog.mjs';

export default SERVERS['awk-extra-headers'];
