/**
 * Trusted Types for the worker: `new Worker(url)` is a sink, so the SDK's own `kaiku-scanner` policy passes
 * only our worker or a script-given `workerUrl` (never an attribute), one per `constructTrusted` call.
 */

type ScriptUrlPolicy = { createScriptURL(url: string): unknown };
type TrustedTypesLike = {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy;
};

let policy: ScriptUrlPolicy | null | undefined;
/** The policy passes a URL only while this is set: inside the `new Worker` of `constructTrusted`, for one URL. */
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

type WorkerConstructor = new (url: string | URL, options?: WorkerOptions) => Worker;

/**
 * Runs `make` (its literal `new Worker(new URL(…))` is what bundlers emit) with `Worker` wrapped for that
 * synchronous call only; a URL `allowed` refuses is never requested: `make` throws.
 */
// Generic, not `() => Worker`: this file is in the main entry's types, which stand without the DOM library (Node).
export function constructTrusted<W>(make: () => W, allowed: (url: string) => boolean): W {
  const trusted = claimWorkerPolicy() ? policy! : null;
  const global = globalThis as { Worker: WorkerConstructor };
  const Native = global.Worker;
  const Wrapped = function (url: string | URL, options?: WorkerOptions): Worker {
    if (!allowed(String(url))) throw new TypeError(`${String(url)}: not the SDK's decoder worker`);
    passOnce = trusted !== null;
    try {
      return new Native(trusted ? (trusted.createScriptURL(String(url)) as string) : url, options);
    } finally {
      passOnce = false;
    }
  } as unknown as WorkerConstructor;
  try {
    global.Worker = Wrapped;
  } catch {
    return make(); // a locked-down global: no policy, as before
  }
  try {
    return make();
  } finally {
    global.Worker = Native;
  }
}
