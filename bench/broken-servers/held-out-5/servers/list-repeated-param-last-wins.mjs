import { SERVERS } from '../catalog.mjs';

export default SERVERS['list-repeated-param-last-wins'];
