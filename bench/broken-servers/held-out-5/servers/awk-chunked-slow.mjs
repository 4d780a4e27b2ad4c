import { SERVERS } from '../catalog.mjs';

export default SERVERS['awk-chunked-slow'];
