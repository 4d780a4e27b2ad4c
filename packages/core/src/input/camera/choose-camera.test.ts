import { describe, expect, it } from 'vitest';
import { DEVICE_FIXTURES } from './camera-devices.test-support.js';
import { chooseCamera } from './choose-camera.js';
import { bestCamera } from './camera-controls.js';

describe('chooseCamera on recorded device lists', () => {
  for (const device of DEVICE_FIXTURES) {
    it(`${device.name}: the rear main camera, from what the open camera and the list tell`, async () => {
      // As the scan sees it: the list, and the camera the browser opened with its track's capabilities.
      const candidates = device.cameras.map(({ track, ...c }) =>
        c.deviceId === device.opened && track ? { ...c, capabilities: track } : c,
      );
      expect(chooseCamera(candidates)).toBe(device.expected);
      // Through the browser's objects: enumerateDevices, InputDeviceInfo.getCapabilities, the open track.
      const opened = device.cameras.find((c) => c.deviceId === device.opened);
      const mediaDevices = {
        enumerateDevices: async () =>
          device.cameras.map((c) => ({
            kind: 'videoinput',
            deviceId: c.deviceId,
            label: c.label,
            groupId: '',
            ...(c.capabilities ? { getCapabilities: () => c.capabilities } : {}),
          })),
      } as unknown as MediaDevices;
      const track = {
        getSettings: () => ({ deviceId: device.opened }),
        getCapabilities: () => opened?.track ?? opened?.capabilities ?? {},
      } as unknown as MediaStreamTrack;
      expect(await bestCamera(mediaDevices, track)).toBe(device.expected);
    });
  }

  it('keeps the front camera out while there is any other, and takes it when it is the only one', () => {
    expect(
      chooseCamera([
        { deviceId: 'f', label: 'Front Camera' },
        { deviceId: 'x', label: 'USB Camera' },
      ]),
    ).toBe('x');
    expect(chooseCamera([{ deviceId: 'f', label: 'Front Camera' }])).toBe('f');
  });

  it('passes over a rear camera that cannot focus close, by focus mode or by nearest focus', () => {
    const fixed = { facingMode: ['environment'], focusMode: ['fixed'] };
    const far = { facingMode: ['environment'], focusDistance: { min: 0.5 } };
    const near = { facingMode: ['environment'], focusMode: ['continuous'], focusDistance: { min: 0.08 } };
    expect(
      chooseCamera([
        { deviceId: 'a', label: '', capabilities: fixed },
        { deviceId: 'b', label: '', capabilities: near },
      ]),
    ).toBe('b');
    expect(
      chooseCamera([
        { deviceId: 'a', label: '', capabilities: far },
        { deviceId: 'b', label: '', capabilities: near },
      ]),
    ).toBe('b');
  });

  it('knows nothing before permission (no labels, no capabilities): the browser choice stands', () => {
    expect(
      chooseCamera([
        { deviceId: '', label: '' },
        { deviceId: '', label: '' },
      ]),
    ).toBeUndefined();
    expect(chooseCamera([])).toBeUndefined();
  });
});
