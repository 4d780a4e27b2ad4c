import { SERVERS } from '../catalog.mjs';

export default SERVERS['batch-replayed-always-false'];
