import { SERVERS } from '../catalog.mjs';

export default SERVERS['list-voided-dropped'];
