import { SERVERS } from '../catalog.mjs';

export default SERVERS['void-403-leaks-usage'];
