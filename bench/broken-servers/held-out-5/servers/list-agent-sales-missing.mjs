import { SERVERS } from '../catalog.mjs';

export default SERVERS['list-agent-sales-missing'];
