import { SERVERS } from '../catalog.mjs';

export default SERVERS['list-limit-ignored'];
