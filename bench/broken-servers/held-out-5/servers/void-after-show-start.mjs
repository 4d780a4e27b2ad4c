import { SERVERS } from '../catalog.mjs';

export default SERVERS['void-after-show-start'];
