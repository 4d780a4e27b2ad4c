import { SERVERS } from '../catalog.mjs';

export default SERVERS['list-by-registered-day'];
