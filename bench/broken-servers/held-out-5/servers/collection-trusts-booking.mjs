import { SERVERS } from '../catalog.mjs';

export default SERVERS['collection-trusts-booking'];
