/** Image-capture extensions of the track capabilities (not in TypeScript's DOM lib). */
export type ExtendedCapabilities = MediaTrackCapabilities & {
  torch?: boolean;
  zoom?: { min?: number; max?: number; step?: number };
  exposureCompensation?: { min?: number; max?: number; step?: number };
  focusMode?: string[];
  focusDistance?: { min?: number };
};

/** What a browser tells of one camera: its `enumerateDevices` entry and, where known, its capabilities. */
export type CameraCandidate = Pick<MediaDeviceInfo, 'deviceId' | 'label'> & {
  /** `InputDeviceInfo.getCapabilities()` (Chromium, Safari), or the open track's: facing, focus and zoom. */
  readonly capabilities?: ExtendedCapabilities;
};

const FRONT = /front|\buser\b|facetime|integrated|built-?in|selfie|etukamera|framsida/i;
const BACK = /back|rear|environment|takakamera|baksida/i;
/** Lenses a card cannot be read with at arm's length: ultra-wide (no close focus), telephoto, depth, IR, desk view. */
const SIDE_LENS = /ultra ?wide|ultralaaja|ultravid|tele|depth|infrared|\bir\b|desk view/i;
/** iOS's virtual multi-lens cameras: they switch lenses on their own; the plain main camera is more predictable. */
const VIRTUAL = /\b(dual|triple)\b/i;
/** A camera whose nearest focus is farther than this (metres) cannot read a card held up to it. */
const FAR_FOCUS_M = 0.3;

/**
 * The rear main camera (not front, ultra-wide or tele), an external one on laptops; `undefined` before
 * permission. Ties keep list order, except Android's lowest `camera2 N` first.
 */
export function chooseCamera(candidates: readonly CameraCandidate[]): string | undefined {
  let best: { id: string; score: number } | undefined;
  for (const c of candidates) {
    const score = rank(c);
    if (score !== null && score > (best?.score ?? -Infinity)) best = { id: c.deviceId, score };
  }
  return best?.id;
}

function rank({ label, capabilities: caps = {} }: CameraCandidate): number | null {
  const facing = caps.facingMode?.[0];
  if (label === '' && facing === undefined && caps.focusMode === undefined) return null;
  const front = facing === 'user' || (facing === undefined && FRONT.test(label) && !BACK.test(label));
  const back = facing === 'environment' || (!front && BACK.test(label));
  const fixedFocus =
    (caps.focusMode !== undefined && !caps.focusMode.some((m) => m !== 'fixed' && m !== 'none')) ||
    (caps.focusDistance?.min ?? 0) > FAR_FOCUS_M;
  const android = /^camera2? (\d+)/i.exec(label);
  return (
    (back ? 40 : front ? -40 : 0) -
    (SIDE_LENS.test(label) ? 20 : 0) -
    (fixedFocus ? 20 : 0) -
    (VIRTUAL.test(label) ? 5 : 0) +
    // A zoom below 1 is a logical camera spanning the ultra-wide (Pixel, recent Galaxy): it focuses close itself.
    ((caps.zoom?.min ?? 1) < 1 ? 2 : 0) -
    Math.min(9, Number(android?.[1] ?? 0)) / 10
  );
}
