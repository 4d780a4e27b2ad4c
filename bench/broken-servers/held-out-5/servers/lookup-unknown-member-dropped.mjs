import { SERVERS } from '../catalog.mjs';

export default SERVERS['lookup-unknown-member-dropped'];
