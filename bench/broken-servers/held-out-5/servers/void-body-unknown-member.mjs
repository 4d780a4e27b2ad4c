import { SERVERS } from '../catalog.mjs';

export default SERVERS['void-body-unknown-member'];
