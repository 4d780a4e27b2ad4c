import { SERVERS } from '../catalog.mjs';

export default SERVERS['terminal-non-ascii-digits'];
