/**
 * Trusted Types for the decoder worker. `new Worker(url)` is a Trusted Types sink: on a page with
 * `require-trusted-types-for 'script'` a plain URL is refused (a violation, and decoding drops to the main thread)
 * unless the page defines a `default` policy for every script on it. The SDK brings a named policy of its own,
 * `kaiku-scanner`, which passes same-origin (and `blob:`) script URLs only; the host allows it with
 * `trusted-types kaiku-scanner` (next to lit's `lit-html` for the element). The policy object stays in this module:
 * no other script can use it.
 */
export const TRUSTED_TYPES_POLICY = 'kaiku-scanner';

type ScriptUrlPolicy = { createScriptURL(url: string): unknown };
type TrustedTypesLike = {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy;
};

let policy: ScriptUrlPolicy | null | undefined;

/** The policy, created once; `null` where there are no Trusted Types or the page's CSP refuses the name. */
function scriptUrlPolicy(): ScriptUrlPolicy | null {
  if (policy !== undefined) return policy;
  const tt = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  try {
    policy =
      tt?.createPolicy(TRUSTED_TYPES_POLICY, {
        createScriptURL(url: string): string {
          const parsed = new URL(url, globalThis.location?.href);
          if (parsed.protocol === 'blob:' || parsed.origin === globalThis.location?.origin)
            return parsed.href;
          throw new TypeError('The decoder worker must come from this page’s origin.');
        },
      }) ?? null;
  } catch {
    // The page lists its policies and ours is not among them: the plain URL is tried (a `default` policy may pass it).
    policy = null;
  }
  return policy;
}

type WorkerConstructor = new (url: string | URL, options?: WorkerOptions) => Worker;

/**
 * Runs `make`, whose `new Worker(url, …)` then gets its URL through the SDK's policy. `make` keeps the literal
 * `new Worker(new URL('./decode-worker.js', import.meta.url), …)` that bundlers (Vite, webpack, Parcel) look for to
 * emit the worker and rewrite its URL; the global `Worker` is wrapped only for that synchronous call (nothing else
 * can run in between) and put back at once.
 *
 * @example
 * const worker = constructTrusted(() => new Worker(new URL('./decode-worker.js', import.meta.url), { type: 'module' }));
 */
export function constructTrusted(make: () => Worker): Worker {
  const trusted = scriptUrlPolicy();
  const global = globalThis as { Worker?: WorkerConstructor };
  const Native = global.Worker;
  if (trusted === null || Native === undefined) return make();
  const Wrapped = function (url: string | URL, options?: WorkerOptions): Worker {
    return new Native(trusted.createScriptURL(String(url)) as string, options);
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
