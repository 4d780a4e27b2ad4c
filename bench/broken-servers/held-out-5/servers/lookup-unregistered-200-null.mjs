import { SERVERS } from '../catalog.mjs';

export default SERVERS['lookup-unregistered-200-null'];
