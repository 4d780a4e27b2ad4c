import { SERVERS } from '../catalog.mjs';

export default SERVERS['stored-settings-request-cap-wins'];
