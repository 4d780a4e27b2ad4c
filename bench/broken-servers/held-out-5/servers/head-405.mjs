import { SERVERS } from '../catalog.mjs';

export default SERVERS['head-405'];
