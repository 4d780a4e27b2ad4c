/**
 * Trusted Types for the decoder worker. `new Worker(url)` is a Trusted Types sink: on a page with
 * `require-trusted-types-for 'script'` a plain URL is refused (a violation, and decoding drops to the main thread)
 * unless the page defines a `default` policy for every script on it. The SDK brings a named policy of its own,
 * `kaiku-scanner`, allowed by the host with `trusted-types kaiku-scanner` (next to lit's `lit-html`).
 * It passes the package's own worker or the `workerUrl` a script gave (the element's is a property, never an
 * attribute: markup alone cannot name a worker), one per `constructTrusted` call; the policy object stays here.
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
          if (passOnce) return ((passOnce = false), url);
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
 * Runs `make`, whose `new Worker(url, …)` then gets its URL through the SDK's policy. `make` keeps the literal
 * `new Worker(new URL('./decode-worker.js', import.meta.url), …)` that bundlers (Vite, webpack, Parcel) look for to
 * emit the worker and rewrite its URL; the global `Worker` is wrapped only for that synchronous call (nothing else
 * can run in between) and put back at once. A URL that `allowed` refuses (not the package's worker, not the
 * `workerUrl` a script gave) is never requested: `make` throws. Called only where `Worker` exists.
 */
export function constructTrusted(make: () => Worker, allowed: (url: string) => boolean): Worker {
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
