// The element's lazily loaded views and card actions, fetched before a browser test file's tests, as a page has long
// fetched them when a clerk reads a card or opens the shift. The test server builds each chunk on its first request:
// on a loaded machine a file's first mount waited longer than a test's hang guard for them (WebKit: over 15 s).
// Not for tests of the lazy loading itself (lazy-loading.browser.test.ts, element-lazy.e2e.test.ts).

/** Loads the chunks the element imports on first need (its views and card actions); a mocha `before` awaits it. */
export async function primeElementChunks(): Promise<void> {
  await Promise.all([
    import('../../packages/element/src/views/card-panel.js'),
    import('../../packages/element/src/views/shift-panel.js'),
    import('../../packages/element/src/views/needs-attention.js'),
    import('../../packages/element/src/flow/card-actions.js'),
  ]);
}
