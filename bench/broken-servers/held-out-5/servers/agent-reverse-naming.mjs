import { SERVERS } from '../catalog.mjs';

export default SERVERS['agent-reverse-naming'];
