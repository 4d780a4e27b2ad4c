import { KaikuError } from '@kaiku-scanner/core/base';

/** The stable code of a failed `import()` (network down while a part of the element loads); its texts are in messages/. */
export const LOAD_FAILED = 'element-load-failed';

/** A module loaded with `import()` on first need, held once loaded. */
export type LazyModule<M> = {
  /** The module, if it has loaded. */
  get(): M | undefined;
  /** Loads it (once); a failed load rejects with code `element-load-failed` and is tried again by the next call. */
  load(): Promise<M>;
};

/**
 * The script a failed native `import()` names. Chromium and Firefox keep a failed module fetch for the page's life
 * (whatwg/html#6768; WebKit fetches again): the same URL fails again without a request, so a later try asks for it
 * under a new one. A bundler's own chunk loader (webpack's `ChunkLoadError`) forgets a failure itself.
 */
const failedScript = (cause: unknown): string | undefined =>
  cause instanceof TypeError && /dynamically imported module/i.test(cause.message)
    ? /(https?:\/\/[^\s'"]+?\.m?js)(?=$|[\s'"?#])/.exec(cause.message)?.[1]
    : undefined;

/**
 * Wraps an `import()` (`pick`: the part of the module wanted): the first call starts it, later calls share it, and a
 * failure is not remembered: the next call imports again, from a fresh URL when the engine named the one that failed.
 */
export function lazyModule<N, M = N>(importer: () => Promise<N>, pick?: (module: N) => M): LazyModule<M> {
  let loaded: M | undefined;
  let loading: Promise<M> | undefined;
  let lost: string | undefined;
  let tries = 0;
  const fresh = (url: string) =>
    import(/* @vite-ignore */ /* webpackIgnore: true */ `${url}?retry=${++tries}`) as Promise<N>;
  return {
    get: () => loaded,
    load() {
      loading ??= (lost ? fresh(lost) : importer()).then(
        (m) => (loaded = pick ? pick(m) : (m as unknown as M)),
        (cause: unknown) => {
          lost ??= failedScript(cause);
          loading = undefined;
          throw new KaikuError(LOAD_FAILED, 'A part of the element did not load.', { cause });
        },
      );
      return loading;
    },
  };
}
