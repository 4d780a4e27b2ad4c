import { SERVERS } from '../catalog.mjs';

export default SERVERS['tally-cdn-cache'];
