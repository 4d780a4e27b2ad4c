/**
 * Trusted Types for the worker: `new Worker(url)` is a sink, so the SDK's own `kaiku-scanner` policy passes
 * only our worker or a script-given `workerUrl` (never an attribute), one per `trustedWorkerUrl` call (made in
 * frame-decoder.ts, where the worker is started).
 */

type ScriptUrlPolicy = { createScriptURL(url: string): unknown };
type TrustedTypesLike = {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy;
};

let policy: ScriptUrlPolicy | null | undefined;
/** The policy passes a URL only while this is set: inside `trustedWorkerUrl`, for one URL. */
let passOnce = false;

/**
 * Creates the SDK's `kaiku-scanner` Trusted Types policy now, if not yet: call it before any other script runs, so
 * none can claim the name (with `trusted-types kaiku-scanner` and no `'allow-duplicates'`, the first one wins).
 * Returns false where there are no Trusted Types or the page's CSP refuses the name.
 *
 * @example
 * import { claimWorkerPolicy } from '@kaiku-scanner/core/camera';
 * claimWorkerPolicy(); // first thing in the page's entry script
 */
export function claimWorkerPolicy(): boolean {
  if (policy !== undefined) return policy !== null;
  const tt = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  try {
    policy =
      tt?.createPolicy('kaiku-scanner', {
        createScriptURL(url: string): string {
          if (passOnce) {
            passOnce = false;
            return url;
          }
          throw new TypeError(
            'The decoder worker must be the one the SDK ships or a workerUrl given by script.',
          );
        },
      }) ?? null;
  } catch {
    // The page lists its policies and ours is not among them: the plain URL is tried (a `default` policy may pass it).
    policy = null;
  }
  return policy !== null;
}

/**
 * `url` as the SDK's policy passes it, once (the `new Worker` of frame-decoder.ts's `constructTrusted`), or as it is
 * where there is no policy.
 */
// Generic, not `string | URL`: this file is in the main entry's types, which stand without the DOM library (Node).
export function trustedWorkerUrl<U>(url: U): U | string {
  if (!claimWorkerPolicy()) return url;
  passOnce = true;
  try {
    return policy!.createScriptURL(String(url)) as string;
  } finally {
    passOnce = false;
  }
}
