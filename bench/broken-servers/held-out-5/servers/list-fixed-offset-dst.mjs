import { SERVERS } from '../catalog.mjs';

export default SERVERS['list-fixed-offset-dst'];
