import { SERVERS } from '../catalog.mjs';

export default SERVERS['text-plain-parsed-as-json'];
