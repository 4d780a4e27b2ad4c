import { SERVERS } from '../catalog.mjs';

export default SERVERS['lookup-valid-until-utc-shift'];
