import { SERVERS } from '../catalog.mjs';

export default SERVERS['list-to-exclusive'];
