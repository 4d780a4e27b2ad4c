// The machine's Chromium for the outbox e2e tests and bench (flags from chromium.mjs).
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';
// @ts-expect-error plain .mjs without types
import { chromiumArgs, chromiumPath } from './chromium.mjs';

const args = (chromiumArgs as string[]).filter((a) => !a.startsWith('--headless'));

/** The plain-http intranet host name the fallback tests use (mapped to 127.0.0.1: not a secure context). */
export const INTRANET_HOST = 'kassa.intranet.test';

/** The outbox e2e tests' Chromium flags beyond chromium.mjs's (for `sharedChromium`, e2e-shared.ts). */
export const OUTBOX_CHROMIUM_ARGS = [`--host-resolver-rules=MAP ${INTRANET_HOST} 127.0.0.1`];

/** A context with a profile on disk, so IndexedDB writes really reach the file system (for the bench). */
export function launchPersistentChromium(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { executablePath: chromiumPath as string, args });
}
