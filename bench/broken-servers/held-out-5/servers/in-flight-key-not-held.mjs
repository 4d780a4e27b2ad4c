import { SERVERS } from '../catalog.mjs';

export default SERVERS['in-flight-key-not-held'];
