// Loaded first by every demo page (its own <script type="module">, before the app), because the pages run under
//   script-src 'self' 'wasm-unsafe-eval'; require-trusted-types-for 'script'; trusted-types lit-html kaiku-scanner
// zod must never try `new Function`: jitless before any schema is created. ES modules run in import order, and
// with code splitting a shared chunk (zod + the core's schemas) runs before the importing module's own code, so
// this must be a separate, earlier script. `zod/mini`, as in the core: the classic API would add ≈ 90 KB.
// Trusted Types need nothing here: lit brings its `lit-html` policy and the SDK its `kaiku-scanner` policy (for the
// camera's decoder worker); the page defines no `default` policy.
import * as z from 'zod/mini';

z.config({ jitless: true });
