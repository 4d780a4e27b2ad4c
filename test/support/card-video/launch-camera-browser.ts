// Launches the machine's Chromium for the camera e2e tests, with or without a fake camera fed from a .y4m file.
import { chromium, type Browser, type Page } from 'playwright-core';
// @ts-expect-error -- plain .mjs module without types
import { chromiumArgs, chromiumPath } from '../chromium.mjs';

export type CameraBrowserOptions = {
  /** A .y4m file for the fake camera; `null` starts a browser with no fake camera (a machine without one). */
  readonly video: string | null;
  /** Grant the camera prompt automatically (default true); `false` denies it. */
  readonly grant?: boolean;
  /** More Chromium flags (e.g. host mapping for the insecure-context test). */
  readonly extraArgs?: readonly string[];
  /** Launch this instead of Chromium (a wrapper that starts it, e.g. in a CPU-limited cgroup). */
  readonly executable?: string;
};

export async function launchCameraBrowser(options: CameraBrowserOptions): Promise<Browser> {
  const args = [...(chromiumArgs as string[]), ...(options.extraArgs ?? [])];
  if (options.video) {
    args.push('--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${options.video}`);
  }
  args.push(options.grant === false ? '--deny-permission-prompts' : '--use-fake-ui-for-media-stream');
  return chromium.launch({ executablePath: options.executable ?? (chromiumPath as string), args });
}

/** The test page's recorded state (see camera-page.ts). */
export type CameraPageState = {
  scans: Array<{ id: string; format: string; at: number }>;
  rejects: string[];
  errors: string[];
  causes: string[];
  stops: string[];
  feedback: string[];
  trackStates: string[];
  stats?: { decoder: string; framesDecoded: number; lastDecodeMs: number; intervalMs: number };
  stopped?: boolean;
  srcObject: string | null;
  violations: string[];
};

type CameraTestApi = {
  start(request?: Record<string, unknown>): Promise<Record<string, unknown>>;
  snapshot(): CameraPageState;
  stop(): void;
  removeVideo(): void;
};

export async function openCameraPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => 'cameraTest' in window);
  return page;
}

export function startScan(
  page: Page,
  request: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  return page.evaluate(
    (r) => (window as unknown as { cameraTest: CameraTestApi }).cameraTest.start(r),
    request,
  );
}

export function snapshot(page: Page): Promise<CameraPageState> {
  return page.evaluate(() => (window as unknown as { cameraTest: CameraTestApi }).cameraTest.snapshot());
}

export async function stopScan(page: Page): Promise<CameraPageState> {
  await page.evaluate(() => (window as unknown as { cameraTest: CameraTestApi }).cameraTest.stop());
  return snapshot(page);
}

/** Polls the page until `done` holds for its state or the time runs out; returns the last state. */
export async function waitForState(
  page: Page,
  done: (state: CameraPageState) => boolean,
  timeoutMs = 20_000,
): Promise<CameraPageState> {
  const until = Date.now() + timeoutMs;
  let state = await snapshot(page);
  while (!done(state) && Date.now() < until) {
    await page.waitForTimeout(100);
    state = await snapshot(page);
  }
  return state;
}

/**
 * Keeps the camera running for at least `atLeastMs` AND until the decoder has looked at `frames` more frames, so
 * that "nothing more was reported" is asserted over real decoding work, not over wall-clock time alone (on a busy
 * machine a few seconds can be a single decoded frame).
 */
export async function watchFor(
  page: Page,
  { atLeastMs, frames, timeoutMs = 60_000 }: { atLeastMs: number; frames: number; timeoutMs?: number },
): Promise<CameraPageState> {
  const start = (await snapshot(page)).stats?.framesDecoded ?? 0;
  await page.waitForTimeout(atLeastMs);
  const state = await waitForState(page, (s) => (s.stats?.framesDecoded ?? 0) >= start + frames, timeoutMs);
  if ((state.stats?.framesDecoded ?? 0) < start + frames)
    throw new Error(`the decoder looked at ${(state.stats?.framesDecoded ?? 0) - start} of ${frames} frames`);
  return state;
}
