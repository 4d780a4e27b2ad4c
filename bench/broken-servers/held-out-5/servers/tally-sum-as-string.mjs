import { SERVERS } from '../catalog.mjs';

export default SERVERS['tally-sum-as-string'];
