import { describe, expect, it } from 'vitest';
import { isKaikuError } from '../../errors/kaiku-error.js';
import { cameraMessages } from '../../messages/camera.js';
import { CameraError, toCameraError } from './camera-error.js';
import { cameraConstraints, getMediaDevices, openCamera } from './open-camera.js';

const named = (name: string): Error => Object.assign(new Error('browser says no'), { name });

describe('toCameraError', () => {
  it.each([
    ['NotAllowedError', 'camera-permission-denied'],
    ['PermissionDeniedError', 'camera-permission-denied'],
    ['SecurityError', 'camera-permission-denied'],
    ['NotFoundError', 'camera-not-found'],
    ['DevicesNotFoundError', 'camera-not-found'],
    ['NotReadableError', 'camera-in-use'],
    ['TrackStartError', 'camera-in-use'],
    ['AbortError', 'camera-in-use'],
    ['OverconstrainedError', 'camera-overconstrained'],
    ['ConstraintNotSatisfiedError', 'camera-overconstrained'],
    ['TypeError', 'camera-unsupported'],
    ['WhateverError', 'camera-failed'],
  ])('maps %s to %s, keeping the cause', (name, code) => {
    const cause = named(name);
    const error = toCameraError(cause);
    expect(error.code).toBe(code);
    expect(error.cause).toBe(cause);
    expect(isKaikuError(error)).toBe(true);
  });

  it('maps non-errors to camera-failed and passes CameraErrors through', () => {
    expect(toCameraError('nope').code).toBe('camera-failed');
    expect(toCameraError(null).code).toBe('camera-failed');
    const original = new CameraError('camera-in-use');
    expect(toCameraError(original)).toBe(original);
  });

  it('carries guidance in Finnish, Swedish and English for every code', () => {
    for (const code of Object.keys(cameraMessages) as Array<keyof typeof cameraMessages>) {
      const error = new CameraError(code, { params: { feature: 'torch' } });
      expect(error.message).toBe(error.text.en);
      expect(new Set([error.text.fi, error.text.sv, error.text.en]).size).toBe(3);
      for (const text of Object.values(error.text)) expect(text.length).toBeGreaterThan(10);
    }
    expect(new CameraError('camera-feature-unsupported', { params: { feature: 'zoom' } }).text.sv).toContain(
      'zoom',
    );
  });

  it('names a refused feature in words of each language; the code and params stay the constraint', () => {
    const words = {
      torch: /valo|lampa|torch/i,
      zoom: /zoom/i,
      exposureCompensation: /valotu|exponering|exposure/i,
    };
    for (const [feature, word] of Object.entries(words)) {
      const error = new CameraError('camera-feature-unsupported', { params: { feature } });
      expect([error.code, error.params]).toEqual(['camera-feature-unsupported', { feature }]);
      for (const text of Object.values(error.text)) {
        expect(text).toMatch(word);
        // A constraint's name (camelCase) is not a word of any language.
        expect(text).not.toMatch(/[a-z][A-Z]/);
      }
    }
  });
});

describe('getMediaDevices / openCamera', () => {
  it('says insecure-context when the browser hides mediaDevices on an insecure page', () => {
    // Node has no navigator.mediaDevices; isSecureContext decides between the two codes.
    const g = globalThis as { isSecureContext?: boolean };
    const before = g.isSecureContext;
    try {
      g.isSecureContext = false;
      expect(() => getMediaDevices()).toThrow(expect.objectContaining({ code: 'camera-insecure-context' }));
      g.isSecureContext = true;
      expect(() => getMediaDevices()).toThrow(expect.objectContaining({ code: 'camera-unsupported' }));
    } finally {
      g.isSecureContext = before;
    }
  });

  it('asks for an exact camera when one is chosen, else the rear camera, always an ideal size', () => {
    expect(cameraConstraints({ resolution: { width: 1920, height: 1080 } })).toEqual({
      video: { facingMode: { ideal: 'environment' }, width: { ideal: 1920 }, height: { ideal: 1080 } },
      audio: false,
    });
    expect(cameraConstraints({ deviceId: 'cam-2', resolution: { width: 640, height: 480 } }).video).toEqual({
      deviceId: { exact: 'cam-2' },
      width: { ideal: 640 },
      height: { ideal: 480 },
    });
  });

  it('rejects at once when aborted and stops a stream that arrives afterwards', async () => {
    const stopped: string[] = [];
    let deliver: (s: MediaStream) => void = () => undefined;
    const stream = { getTracks: () => [{ stop: () => stopped.push('video') }] } as unknown as MediaStream;
    const devices = {
      getUserMedia: () => new Promise<MediaStream>((resolve) => (deliver = resolve)),
    } as unknown as MediaDevices;
    const controller = new AbortController();
    const opening = openCamera({
      resolution: { width: 1, height: 1 },
      signal: controller.signal,
      mediaDevices: devices,
    });
    controller.abort();
    await expect(opening).rejects.toMatchObject({ code: 'camera-aborted' });
    expect(stopped).toEqual([]);
    deliver(stream);
    await new Promise((r) => setTimeout(r, 0));
    expect(stopped).toEqual(['video']);
    const already = openCamera({
      resolution: { width: 1, height: 1 },
      signal: AbortSignal.abort(),
      mediaDevices: devices,
    });
    await expect(already).rejects.toMatchObject({ code: 'camera-aborted' });
  });

  it('maps a synchronous throw from getUserMedia', async () => {
    const devices = {
      getUserMedia: () => {
        throw new TypeError('constraints');
      },
    } as unknown as MediaDevices;
    const opening = openCamera({
      resolution: { width: 1, height: 1 },
      signal: new AbortController().signal,
      mediaDevices: devices,
    });
    await expect(opening).rejects.toMatchObject({ code: 'camera-unsupported' });
  });
});

describe('startCameraScan option values', () => {
  it.each([
    [{ code39Confirmations: Number.NaN }, 'code39Confirmations'],
    [{ code39Confirmations: 0 }, 'code39Confirmations'],
    [{ confirmationWindowMs: 'long' }, 'confirmationWindowMs'],
    [{ duplicateWindowMs: -1, maxIntervalMs: Infinity }, 'duplicateWindowMs, maxIntervalMs'],
  ])('refuses %o naming %s, before touching the camera', async (values, fields) => {
    const { startCameraScan } = await import('./start-camera-scan.js');
    const error = await startCameraScan({ onScan: () => {}, ...values } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CameraError);
    expect((error as CameraError).code).toBe('camera-invalid-option');
    expect((error as CameraError).params).toEqual({ fields });
    expect((error as CameraError).text.sv).toContain(fields);
  });
});
