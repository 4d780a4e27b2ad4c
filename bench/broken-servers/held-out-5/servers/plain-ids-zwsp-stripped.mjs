import { SERVERS } from '../catalog.mjs';

export default SERVERS['plain-ids-zwsp-stripped'];
