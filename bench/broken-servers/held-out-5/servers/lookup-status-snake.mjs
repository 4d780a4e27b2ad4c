import { SERVERS } from '../catalog.mjs';

export default SERVERS['lookup-status-snake'];
