import { SERVERS } from '../catalog.mjs';

export default SERVERS['payload-too-large-400'];
