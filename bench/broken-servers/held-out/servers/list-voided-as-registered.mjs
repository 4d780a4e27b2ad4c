// Lists every usage as registered: the usage list keeps voided usages but drops their state.
import { isUsages, proxied } from '../lib.mjs';
export default proxied(
  'list-voided-as-registered',
  'broken',
  "A voided usage stays in the list with `state: 'voided'` and `voidedAt`.",
  {
    response(req, res) {
      if (!isUsages(req) || res.status !== 200) return;
      for (const i of res.json.items) {
        i.state = 'registered';
        delete i.voidedAt;
      }
      res.jsonChanged = true;
    },
  },
);
