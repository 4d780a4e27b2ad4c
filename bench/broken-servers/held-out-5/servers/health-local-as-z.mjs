import { SERVERS } from '../catalog.mjs';

export default SERVERS['health-local-as-z'];
