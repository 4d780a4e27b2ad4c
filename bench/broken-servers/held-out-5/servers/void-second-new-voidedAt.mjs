import { SERVERS } from '../catalog.mjs';

export default SERVERS['void-second-new-voidedAt'];
