// Loaded first by every demo page (its own <script type="module">, before the app), because the pages run under
//   script-src 'self' 'wasm-unsafe-eval'; require-trusted-types-for 'script'; trusted-types lit-html default
// 1. zod must never try `new Function`: jitless before any schema is created. ES modules run in import order, and
//    with code splitting a shared chunk (zod + the core's schemas) runs before the importing module's own code, so
//    this must be a separate, earlier script. `zod/mini`, as in the core: the classic API would add ≈ 90 KB.
// 2. The camera starts its decoder with `new Worker(url)`, a Trusted Types sink: a `default` policy lets
//    same-origin script URLs through and refuses every other one.
import * as z from 'zod/mini';

z.config({ jitless: true });

type TrustedTypesLike = {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): unknown;
  defaultPolicy: unknown;
};
const tt = (globalThis as unknown as { trustedTypes?: TrustedTypesLike }).trustedTypes;
if (tt && !tt.defaultPolicy) {
  tt.createPolicy('default', {
    createScriptURL(url: string): string {
      if (new URL(url, location.href).origin === location.origin) return url;
      throw new TypeError('Only same-origin scripts and workers may load on this page.');
    },
  });
}
