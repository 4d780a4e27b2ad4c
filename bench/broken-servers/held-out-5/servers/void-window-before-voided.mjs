import { SERVERS } from '../catalog.mjs';

export default SERVERS['void-window-before-voided'];
