import { SERVERS } from '../catalog.mjs';

export default SERVERS['already-used-terminal-to-agent'];
