import { SERVERS } from '../catalog.mjs';

export default SERVERS['key-missing-generated'];
