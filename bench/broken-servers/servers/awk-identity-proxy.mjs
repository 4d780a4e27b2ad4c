// The proxy itself with no change: a control that the wrapper adds no fault of its own.
import { proxied } from '../lib/define.mjs';
export default proxied(
  'awk-identity-proxy',
  'awkward',
  'Legal: a reverse proxy that forwards everything unchanged.',
  {},
);
