// The ticket-agent check runs after the insert: an unnamed agent's sale is refused with 403 but stays recorded.
import { patched } from '../lib/define.mjs';
export default patched(
  'agent-refused-after-write',
  'broken',
  "register for another venue A's event (`forVenueId: A`): (...) otherwise `403 agent-not-authorized`, nothing recorded",
  [
    {
      file: 'http/api-routes.ts',
      from: '  const refusal = mayRegister(ctx, venue, usage);\n  if (refusal) return sendProblem(res, refusal);\n  sendOutcome(res, await registerUsage(ctx, key!, usage));',
      to: "  const refusal = mayRegister(ctx, venue, usage);\n  if (refusal && refusal.code !== 'agent-not-authorized') return sendProblem(res, refusal);\n  const outcome = await registerUsage(ctx, key!, usage);\n  if (refusal) return sendProblem(res, refusal);\n  sendOutcome(res, outcome);",
    },
  ],
);
