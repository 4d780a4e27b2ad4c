import { SERVERS } from '../catalog.mjs';

export default SERVERS['snake-case-aliases'];
