import type { CameraStopReason } from './types.js';

export type GuardOptions = {
  readonly signal?: AbortSignal;
  /** Stop on pagehide and when the document becomes hidden. */
  readonly stopOnHide: boolean;
  /** Watch this element and stop when it leaves the document. */
  readonly element?: Element;
};

/**
 * Calls `stop` once on abort, page hide or the element's disconnection (after it was connected, seen via
 * MutationObservers up through shadow roots). Returns the cleanup.
 */
export function watchLifecycle(options: GuardOptions, stop: (reason: CameraStopReason) => void): () => void {
  // Every listener and observer ends with this one abort.
  const watching = new AbortController();
  const on = { signal: watching.signal };
  const fire = (reason: CameraStopReason): void => {
    if (watching.signal.aborted) return;
    watching.abort();
    stop(reason);
  };

  const { signal } = options;
  if (signal?.aborted) queueMicrotask(() => fire('aborted'));
  signal?.addEventListener('abort', () => fire('aborted'), { once: true, ...on });

  if (options.stopOnHide && typeof document !== 'undefined') {
    window.addEventListener('pagehide', () => fire('page-hidden'), on);
    document.addEventListener(
      'visibilitychange',
      () => document.visibilityState === 'hidden' && fire('page-hidden'),
      on,
    );
  }

  const element = options.element;
  if (element && typeof MutationObserver !== 'undefined') {
    let wasConnected = element.isConnected;
    const observers: MutationObserver[] = [];
    const observeRoots = (): void => {
      for (const observer of observers) observer.disconnect();
      observers.length = 0;
      for (const root of rootsOf(element)) {
        const observer = new MutationObserver(check);
        observer.observe(root, { childList: true, subtree: true });
        observers.push(observer);
      }
    };
    function check(): void {
      if (!element?.isConnected) return void (wasConnected && fire('element-disconnected'));
      if (!wasConnected) observeRoots();
      wasConnected = true;
    }
    observeRoots();
    watching.signal.addEventListener('abort', () => observers.forEach((o) => o.disconnect()));
  }

  return () => watching.abort();
}

/** The element's document plus every shadow root between them (mutations inside a shadow root stay in it). */
function rootsOf(element: Element): Node[] {
  const roots: Node[] = [];
  let node: Node = element.getRootNode();
  while (node instanceof ShadowRoot) {
    roots.push(node);
    node = node.host.getRootNode();
  }
  roots.push(element.ownerDocument);
  return roots;
}
