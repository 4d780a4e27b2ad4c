// Has no course kind of its own: a course is decided as a show, so children come along.
import { patched } from '../lib.mjs';
export default patched(
  'course-as-show',
  'broken',
  "Usage rules: children on a course are `422 children-on-course` (a course place is the card holder's).",
  [
    {
      file: 'usage/register-usage.ts',
      from: 'event: toUsageEvent(show, {',
      to: "event: toUsageEvent({ ...show, kind: show.kind === 'course' ? 'show' : show.kind }, {",
    },
  ],
);
