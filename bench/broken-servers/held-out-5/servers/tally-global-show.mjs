import { SERVERS } from '../catalog.mjs';

export default SERVERS['tally-global-show'];
