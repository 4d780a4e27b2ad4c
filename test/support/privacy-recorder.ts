// Records everything a browser context lets out or keeps: every request (pages and workers, with headers and
// bodies), every console message and page error, and afterwards web storage, cookies, Cache Storage and the full
// contents of every IndexedDB database. Used by test/e2e/privacy.e2e.test.ts.
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

export type RecordedRequest = {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly from: string;
};

export type Recording = {
  readonly requests: RecordedRequest[];
  readonly console: Array<{ readonly type: string; readonly text: string; readonly location: string }>;
  readonly errors: string[];
  readonly workers: string[];
  readonly websockets: string[];
};

/** Starts recording a context (call before the first page opens). */
export function recordContext(context: BrowserContext): Recording {
  const rec: Recording = { requests: [], console: [], errors: [], workers: [], websockets: [] };
  context.on('request', (r) => {
    // The buffer, not postData(): a body sent as bytes (ky sends JSON that way) has no text form.
    const body = r.postDataBuffer()?.toString('utf8') ?? '';
    rec.requests.push({
      url: r.url(),
      method: r.method(),
      headers: r.headers(),
      body,
      from: r.serviceWorker() ? 'service-worker' : 'page',
    });
  });
  context.on('console', (m) =>
    rec.console.push({ type: m.type(), text: m.text(), location: m.location().url }),
  );
  context.on('weberror', (e) => rec.errors.push(`weberror: ${e.error().message}`));
  context.on('page', (p) => watchPage(p, rec));
  return rec;
}

/**
 * Request bodies as Chromium's network layer sees them (DevTools protocol). Playwright's own event has no body for
 * a fetch made from a `Request` object (ky sends JSON that way): the body is read back with getRequestPostData.
 */
export async function recordBodies(cdp: CDPSession): Promise<RecordedRequest[]> {
  const out: RecordedRequest[] = [];
  await cdp.send('Network.enable');
  cdp.on('Network.requestWillBeSent', (e) => {
    const entry = {
      url: e.request.url,
      method: e.request.method,
      headers: e.request.headers as Record<string, string>,
      body: e.request.postData ?? '',
      from: 'cdp',
    };
    out.push(entry);
    if (e.request.hasPostData && !e.request.postData) {
      cdp
        .send('Network.getRequestPostData', { requestId: e.requestId })
        .then((r) => out.push({ ...entry, body: r.postData }))
        .catch(() => out.push({ ...entry, body: '(body not available)' }));
    }
  });
  return out;
}

/**
 * Page-side taps, installed before any page script: what the SDK tells other tabs (BroadcastChannel) and any
 * `navigator.sendBeacon` call. They only record; the original behaviour runs unchanged.
 */
export async function tapPage(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __privacyTaps: { broadcast: string[]; beacons: string[] } };
    w.__privacyTaps = { broadcast: [], beacons: [] };
    const post = BroadcastChannel.prototype.postMessage;
    BroadcastChannel.prototype.postMessage = function (this: BroadcastChannel, message: unknown) {
      w.__privacyTaps.broadcast.push(`${this.name} ${JSON.stringify(message)}`);
      return post.call(this, message);
    };
    const beacon = navigator.sendBeacon?.bind(navigator);
    if (beacon)
      navigator.sendBeacon = (url: string | URL, data?: BodyInit | null) => {
        w.__privacyTaps.beacons.push(String(url));
        return beacon(url, data);
      };
  });
}

/** What the taps of {@link tapPage} saw. */
export async function readTaps(page: Page): Promise<{ broadcast: string[]; beacons: string[] }> {
  return page.evaluate(
    () => (window as unknown as { __privacyTaps: { broadcast: string[]; beacons: string[] } }).__privacyTaps,
  );
}

function watchPage(page: Page, rec: Recording): void {
  page.on('pageerror', (e) => rec.errors.push(`pageerror: ${e.message}\n${e.stack ?? ''}`));
  page.on('websocket', (ws) => rec.websockets.push(ws.url()));
  page.on('worker', (w) => {
    rec.workers.push(w.url());
  });
}

export type StorageDump = {
  readonly localStorage: Record<string, string>;
  readonly sessionStorage: Record<string, string>;
  readonly cookies: string[];
  readonly cacheNames: string[];
  readonly serviceWorkers: number;
  readonly indexedDb: Array<{
    readonly db: string;
    readonly store: string;
    readonly key: string;
    readonly value: unknown;
  }>;
};

/** Everything the page's origin keeps on the device (and the cookies of every origin in the context). */
export async function dumpStorage(page: Page): Promise<StorageDump> {
  const inPage = await page.evaluate(async () => {
    const copy = (s: Storage): Record<string, string> => {
      const out: Record<string, string> = {};
      for (let i = 0; i < s.length; i++) {
        const k = s.key(i);
        if (k !== null) out[k] = s.getItem(k) ?? '';
      }
      return out;
    };
    const req = <T>(r: IDBRequest<T>): Promise<T> =>
      new Promise((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error('idb request failed'));
      });
    const rows: Array<{ db: string; store: string; key: string; value: unknown }> = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const open = indexedDB.open(info.name);
      const db = await req(open);
      for (const store of Array.from(db.objectStoreNames)) {
        const tx = db.transaction(store, 'readonly');
        const os = tx.objectStore(store);
        const keys = await req(os.getAllKeys());
        const values = await req(os.getAll());
        keys.forEach((k, i) => rows.push({ db: db.name, store, key: JSON.stringify(k), value: values[i] }));
      }
      db.close();
    }
    const registrations = navigator.serviceWorker ? await navigator.serviceWorker.getRegistrations() : [];
    return {
      localStorage: copy(localStorage),
      sessionStorage: copy(sessionStorage),
      cookie: document.cookie,
      cacheNames: typeof caches === 'undefined' ? [] : await caches.keys(),
      serviceWorkers: registrations.length,
      indexedDb: rows,
    };
  });
  const cookies = (await page.context().cookies()).map((c) => `${c.domain} ${c.name}=${c.value}`);
  if (inPage.cookie) cookies.push(`document.cookie ${inPage.cookie}`);
  return {
    localStorage: inPage.localStorage,
    sessionStorage: inPage.sessionStorage,
    cookies,
    cacheNames: inPage.cacheNames,
    serviceWorkers: inPage.serviceWorkers,
    indexedDb: inPage.indexedDb,
  };
}

/** Every property path in a stored value, array indices collapsed: `usage.show.name`, `usage.group.memberCardIds[]`. */
export function fieldPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => fieldPaths(v, `${prefix}[]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
      const p = prefix ? `${prefix}.${k}` : k;
      return v !== null && typeof v === 'object' ? [p, ...fieldPaths(v, p)] : [p];
    });
  }
  return [];
}
