import { SERVERS } from '../catalog.mjs';

export default SERVERS['awk-one-per-page'];
