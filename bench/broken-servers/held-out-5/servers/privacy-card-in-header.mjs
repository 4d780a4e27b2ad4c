import { SERVERS } from '../catalog.mjs';

export default SERVERS['privacy-card-in-header'];
