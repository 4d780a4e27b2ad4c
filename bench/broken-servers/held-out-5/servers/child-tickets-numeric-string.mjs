import { SERVERS } from '../catalog.mjs';

export default SERVERS['child-tickets-numeric-string'];
