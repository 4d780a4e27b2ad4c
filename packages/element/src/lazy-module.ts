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

/** Wraps an `import()`: the first call starts it, later calls share it, and a failure is not remembered. */
export function lazyModule<M>(importer: () => Promise<M>): LazyModule<M> {
  let loaded: M | undefined;
  let loading: Promise<M> | undefined;
  return {
    get: () => loaded,
    load() {
      loading ??= importer().then(
        (m) => (loaded = m),
        (cause: unknown) => {
          loading = undefined;
          throw new KaikuError(LOAD_FAILED, 'A part of the element did not load.', { cause });
        },
      );
      return loading;
    },
  };
}
