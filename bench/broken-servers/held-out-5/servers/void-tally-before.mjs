import { SERVERS } from '../catalog.mjs';

export default SERVERS['void-tally-before'];
