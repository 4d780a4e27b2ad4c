import { SERVERS } from '../catalog.mjs';

export default SERVERS['once-per-show-across-venues'];
