import { SERVERS } from '../catalog.mjs';

export default SERVERS['problem-as-plain-json'];
