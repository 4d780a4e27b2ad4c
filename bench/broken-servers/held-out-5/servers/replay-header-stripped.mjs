import { SERVERS } from '../catalog.mjs';

export default SERVERS['replay-header-stripped'];
