import { SERVERS } from '../catalog.mjs';

export default SERVERS['awk-empty-first-page'];
