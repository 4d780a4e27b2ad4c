import { SERVERS } from '../catalog.mjs';

export default SERVERS['refusal-reasons-first-only'];
