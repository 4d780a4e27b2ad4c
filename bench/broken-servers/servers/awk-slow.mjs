// A slow server: every answer 150–1200 ms late, well inside the 10 s timeout.
import { proxied } from '../lib/define.mjs';
export default proxied(
  'awk-slow',
  'awkward',
  "Legal: no answer time is promised below the client's 10 s timeout.",
  {
    async request() {
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 1050));
    },
  },
);
