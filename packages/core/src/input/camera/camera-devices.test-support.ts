// Device lists as real phones, tablets and computers report them: the `enumerateDevices()` video inputs in the
// browser's order, with their published labels, and the capabilities the browser gives (InputDeviceInfo's where the
// browser has it; `track` is what the open track adds: focus and zoom are only known once a camera is open).
// Labels follow what users and vendors have published from these devices (Chrome on Android names cameras
// "camera2 N, facing back|front" after the Android Camera2 ID; Safari uses the AVFoundation names; Firefox on
// Android "Camera N, Facing back, Orientation 90"); device IDs are shortened, capabilities trimmed to the fields
// the choice reads.
import type { CameraCandidate } from './choose-camera.js';

export type DeviceFixture = {
  readonly name: string;
  readonly cameras: readonly (CameraCandidate & { readonly track?: CameraCandidate['capabilities'] })[];
  /** The camera `facingMode: { ideal: 'environment' }` opens there (the browser's own pick). */
  readonly opened: string;
  /** The camera a clerk needs: rear, main lens. */
  readonly expected: string;
};

const back = { facingMode: ['environment'] };
const front = { facingMode: ['user'] };
const autofocus = { focusMode: ['manual', 'single-shot', 'continuous'], focusDistance: { min: 0.1 } };

export const DEVICE_FIXTURES: readonly DeviceFixture[] = [
  {
    // Chrome on a Pixel 7: logical cameras only; the rear one spans the ultra-wide by zoom.
    name: 'Pixel 7, Chrome',
    cameras: [
      {
        deviceId: 'px-0',
        label: 'camera2 0, facing back',
        capabilities: back,
        track: { ...back, ...autofocus },
      },
      { deviceId: 'px-1', label: 'camera2 1, facing front', capabilities: front },
    ],
    opened: 'px-0',
    expected: 'px-0',
  },
  {
    // Chrome on a Galaxy S22: fronts first, and the first rear camera listed is the fixed-focus ultra-wide (2),
    // which `facingMode: environment` opens; the main camera is camera2 0.
    name: 'Galaxy S22, Chrome',
    cameras: [
      { deviceId: 's22-1', label: 'camera2 1, facing front', capabilities: front },
      { deviceId: 's22-3', label: 'camera2 3, facing front', capabilities: front },
      {
        deviceId: 's22-2',
        label: 'camera2 2, facing back',
        capabilities: back,
        track: { ...back, focusMode: ['fixed'], zoom: { min: 1 } },
      },
      {
        deviceId: 's22-0',
        label: 'camera2 0, facing back',
        capabilities: back,
        track: { ...back, ...autofocus },
      },
    ],
    opened: 's22-2',
    expected: 's22-0',
  },
  {
    // Firefox on Android: no InputDeviceInfo capabilities, no focus on the track; the labels say it all.
    name: 'Galaxy A54, Firefox',
    cameras: [
      { deviceId: 'a54-2', label: 'Camera 2, Facing back, Orientation 90' },
      { deviceId: 'a54-1', label: 'Camera 1, Facing front, Orientation 270' },
      { deviceId: 'a54-0', label: 'Camera 0, Facing back, Orientation 90' },
    ],
    opened: 'a54-2',
    expected: 'a54-0',
  },
  {
    name: 'iPhone 15 Pro, Safari',
    cameras: [
      { deviceId: 'ip-f', label: 'Front Camera', capabilities: front },
      { deviceId: 'ip-b', label: 'Back Camera', capabilities: back, track: { ...back, ...autofocus } },
      { deviceId: 'ip-uw', label: 'Back Ultra Wide Camera', capabilities: back },
      { deviceId: 'ip-t', label: 'Back Telephoto Camera', capabilities: back },
      { deviceId: 'ip-dw', label: 'Back Dual Wide Camera', capabilities: back },
      { deviceId: 'ip-d', label: 'Back Dual Camera', capabilities: back },
      { deviceId: 'ip-tr', label: 'Back Triple Camera', capabilities: back },
    ],
    opened: 'ip-b',
    expected: 'ip-b',
  },
  {
    // Safari on an iPhone set to Finnish: the system's names are translated (these Finnish names are ours).
    name: 'iPhone 13, Safari, Finnish',
    cameras: [
      { deviceId: 'fi-f', label: 'Etukamera' },
      { deviceId: 'fi-uw', label: 'Ultralaajakulmainen takakamera' },
      { deviceId: 'fi-b', label: 'Takakamera' },
    ],
    opened: 'fi-b',
    expected: 'fi-b',
  },
  {
    name: 'iPad Pro 11″, Safari',
    cameras: [
      { deviceId: 'pad-f', label: 'Front Camera', capabilities: front },
      { deviceId: 'pad-uw', label: 'Back Ultra Wide Camera', capabilities: back },
      { deviceId: 'pad-b', label: 'Back Camera', capabilities: back },
      { deviceId: 'pad-dw', label: 'Back Dual Wide Camera', capabilities: back },
    ],
    opened: 'pad-b',
    expected: 'pad-b',
  },
  {
    name: 'ThinkPad, Chrome on Windows',
    cameras: [{ deviceId: 'tp-0', label: 'Integrated Camera (04f2:b6dd)', track: { facingMode: [] } }],
    opened: 'tp-0',
    expected: 'tp-0',
  },
  {
    // A box office laptop with a USB document camera pointed at the counter: the built-in one faces the clerk.
    name: 'Laptop + IPEVO V4K document camera, Chrome',
    cameras: [
      { deviceId: 'lp-int', label: 'Integrated Webcam (0c45:6a10)', capabilities: { facingMode: [] } },
      { deviceId: 'lp-doc', label: 'IPEVO V4K (1778:d021)', capabilities: { facingMode: [] } },
    ],
    opened: 'lp-int',
    expected: 'lp-doc',
  },
  {
    name: 'MacBook Air + Continuity Camera, Safari',
    cameras: [
      { deviceId: 'mac-ft', label: 'FaceTime HD Camera' },
      { deviceId: 'mac-desk', label: 'Desk View Camera' },
      { deviceId: 'mac-ip', label: 'iPhone Camera' },
    ],
    opened: 'mac-ft',
    expected: 'mac-ip',
  },
];
