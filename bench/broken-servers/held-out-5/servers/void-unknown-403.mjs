import { SERVERS } from '../catalog.mjs';

export default SERVERS['void-unknown-403'];
