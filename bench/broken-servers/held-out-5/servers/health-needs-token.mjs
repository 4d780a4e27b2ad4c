import { SERVERS } from '../catalog.mjs';

export default SERVERS['health-needs-token'];
