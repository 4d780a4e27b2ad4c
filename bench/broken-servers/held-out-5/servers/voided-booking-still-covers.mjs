import { SERVERS } from '../catalog.mjs';

export default SERVERS['voided-booking-still-covers'];
