// The unknown field is named, but the "did you mean" of the validator is stripped by the error mapper.
import { proxied } from '../lib.mjs';
export default proxied(
  'unknown-field-no-suggestion',
  'broken',
  'unknown-fields: an unknown key is refused naming it, with the field it probably meant.',
  {
    response(req, res) {
      if (res.status !== 400 || !Array.isArray(res.json?.issues)) return;
      for (const i of res.json.issues) delete i.suggestion;
      if (res.json.detail) res.json.detail = res.json.detail.replace(/; did you mean[^.]*/g, '');
      res.jsonChanged = true;
    },
  },
);
