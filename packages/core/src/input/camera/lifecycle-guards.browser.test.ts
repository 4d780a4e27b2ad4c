import { expect } from '@esm-bundle/chai';
import { watchLifecycle } from './lifecycle-guards.js';
import type { CameraStopReason } from './types.js';

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('watchLifecycle', () => {
  let host: HTMLElement;
  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
  });
  afterEach(() => host.remove());

  it('stops once when the watched element is removed from the document', async () => {
    const video = document.createElement('video');
    host.append(video);
    const reasons: CameraStopReason[] = [];
    const unwatch = watchLifecycle({ stopOnHide: false, element: video }, (r) => reasons.push(r));
    video.remove();
    await settle();
    host.append(video);
    video.remove();
    await settle();
    expect(reasons).to.deep.equal(['element-disconnected']);
    unwatch();
  });

  it('sees an element leave from inside a shadow root', async () => {
    const shadow = host.attachShadow({ mode: 'open' });
    const wrapper = document.createElement('div');
    const video = document.createElement('video');
    wrapper.append(video);
    shadow.append(wrapper);
    const reasons: CameraStopReason[] = [];
    const unwatch = watchLifecycle({ stopOnHide: false, element: video }, (r) => reasons.push(r));
    wrapper.remove();
    await settle();
    expect(reasons).to.deep.equal(['element-disconnected']);
    unwatch();
  });

  it('does not stop an element that is moved within the page in one task', async () => {
    const video = document.createElement('video');
    host.append(video);
    const other = document.createElement('section');
    document.body.append(other);
    const reasons: CameraStopReason[] = [];
    const unwatch = watchLifecycle({ stopOnHide: false, element: video }, (r) => reasons.push(r));
    other.append(video);
    await settle();
    expect(reasons).to.deep.equal([]);
    unwatch();
    other.remove();
  });

  it('waits for an element that is attached only after the start', async () => {
    const video = document.createElement('video');
    const reasons: CameraStopReason[] = [];
    const unwatch = watchLifecycle({ stopOnHide: false, element: video }, (r) => reasons.push(r));
    await settle();
    expect(reasons).to.deep.equal([]);
    host.append(video);
    await settle();
    video.remove();
    await settle();
    expect(reasons).to.deep.equal(['element-disconnected']);
    unwatch();
  });

  it('stops on abort, also when the signal was aborted already', async () => {
    const controller = new AbortController();
    const reasons: CameraStopReason[] = [];
    watchLifecycle({ stopOnHide: false, signal: controller.signal }, (r) => reasons.push(r));
    controller.abort();
    const early: CameraStopReason[] = [];
    watchLifecycle({ stopOnHide: false, signal: AbortSignal.abort() }, (r) => early.push(r));
    await settle();
    expect(reasons).to.deep.equal(['aborted']);
    expect(early).to.deep.equal(['aborted']);
  });

  it('stops when the document becomes hidden, not when it becomes visible', () => {
    const reasons: CameraStopReason[] = [];
    const unwatch = watchLifecycle({ stopOnHide: true }, (r) => reasons.push(r));
    const setState = (state: DocumentVisibilityState): void => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
      document.dispatchEvent(new Event('visibilitychange'));
    };
    try {
      setState('visible');
      expect(reasons).to.deep.equal([]);
      setState('hidden');
      setState('hidden');
      expect(reasons).to.deep.equal(['page-hidden']);
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
      unwatch();
    }
  });

  it('stops on pagehide only when asked to, and removes its listeners when unwatched', () => {
    const reasons: CameraStopReason[] = [];
    const unwatch = watchLifecycle({ stopOnHide: true }, (r) => reasons.push(r));
    const ignored: CameraStopReason[] = [];
    watchLifecycle({ stopOnHide: false }, (r) => ignored.push(r));
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(reasons).to.deep.equal(['page-hidden']);
    expect(ignored).to.deep.equal([]);
    unwatch();
    const after: CameraStopReason[] = [];
    const unwatch2 = watchLifecycle({ stopOnHide: true }, (r) => after.push(r));
    unwatch2();
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(after).to.deep.equal([]);
  });
});
