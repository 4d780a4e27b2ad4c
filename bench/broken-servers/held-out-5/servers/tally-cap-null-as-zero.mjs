import { SERVERS } from '../catalog.mjs';

export default SERVERS['tally-cap-null-as-zero'];
