import { describe, expect, it } from 'vitest';
import { isKaikuError } from '../../errors/kaiku-error.js';
import { localize } from '../../messages/index.js';
import { createWedgeListener, listenForWedge, type WedgeListenerOptions } from './listen-for-wedge.js';
import { startCalibration } from './calibrate-wedge.js';
import * as engine from './wedge-engine.js';

/** The listener with its classifier and calibration at hand (no `import()`): it must behave the same. */
const createWithCalibration = (options: WedgeListenerOptions) =>
  listenForWedge(
    options,
    () => Promise.resolve(startCalibration),
    () => engine,
  );

describe('createWedgeListener outside a browser', () => {
  it('throws a KaikuError with a stable code when there is no document', () => {
    let caught: unknown;
    try {
      createWedgeListener({ onScan: () => undefined });
    } catch (error) {
      caught = error;
    }
    expect(isKaikuError(caught)).toBe(true);
    expect((caught as { code: string }).code).toBe('wedge-no-target');
  });

  it('listens on any EventTarget it is given (records, no DOM needed) and stops cleanly', () => {
    const target = new EventTarget();
    const handle = createWedgeListener({ target, onScan: () => undefined });
    expect(handle.profile).toMatchObject({ version: 1, layout: 'auto', terminator: 'auto' });
    handle.stop();
    handle.stop();
  });
});

describe('createWedgeListener refuses nonsense numbers', () => {
  it("throws wedge-invalid-option naming every such option, a stored profile's too, and listens to nothing", () => {
    const target = new EventTarget();
    const profile = { version: 1, layout: 'us', terminator: 'Enter', prefix: '', suffix: '' } as const;
    const options = {
      target,
      onScan: () => undefined,
      maxInterKeyMs: -1,
      minLength: Number.NaN,
      recognizeAfter: 2.5,
      duplicateWindowMs: Infinity,
      profile: { ...profile, maxInterKeyMs: 80, maxMedianInterKeyMs: 0 },
    };
    let caught: unknown;
    try {
      createWedgeListener(options);
    } catch (error) {
      caught = error;
    }
    expect(isKaikuError(caught)).toBe(true);
    expect(caught).toMatchObject({
      code: 'wedge-invalid-option',
      params: {
        fields: 'minLength, recognizeAfter, maxInterKeyMs, profile.maxMedianInterKeyMs, duplicateWindowMs',
      },
    });
    expect(localize(caught as { code: string }, 'sv')).toMatch(/Streckkodsläsarens inställning.*minLength/);
    expect((caught as Error).message).toBe(localize(caught as { code: string }, 'en'));
    // Zero turns duplicate marking off; every other number here is a valid one.
    const handle = createWedgeListener({
      target,
      onScan: () => undefined,
      duplicateWindowMs: 0,
      minLength: 1,
    });
    expect(handle.profile.maxInterKeyMs).toBe(80);
    handle.stop();
  });
});

describe('calibrate() outside a browser', () => {
  it.each([
    ['loading calibration on demand', createWedgeListener],
    ['with calibration at hand', createWithCalibration],
  ])(
    '%s: resolves calibration-timeout when no reading comes, and again after a cancel',
    async (_, create) => {
      const handle = create({ target: new EventTarget(), onScan: () => undefined });
      const result = await handle.calibrate({ timeoutMs: 20 });
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.code).toBe('calibration-timeout');
      expect(!result.ok && result.error.message.sv).toMatch(/Kalibreringen/);
      const cancelled = handle.calibrate({ timeoutMs: 60_000 });
      handle.stop();
      expect(await cancelled).toMatchObject({ ok: false, error: { code: 'calibration-timeout' } });
    },
  );
});

describe('calibrate() settles whatever calibration learns', () => {
  it('rejects with wedge-invalid-option when the learned profile is one the options check refuses', async () => {
    const learnsNonsense = ((_options, done) => {
      const profile = { version: 1, layout: 'us', terminator: 'Enter', prefix: '', suffix: '' } as const;
      queueMicrotask(() =>
        done({
          ok: true,
          profile: { ...profile, maxInterKeyMs: Number.NaN, maxMedianInterKeyMs: 20 },
        } as never),
      );
      return { record: () => undefined, cancel: () => undefined };
    }) as typeof startCalibration;
    const handle = listenForWedge(
      { target: new EventTarget(), onScan: () => undefined },
      () => Promise.resolve(learnsNonsense),
      () => engine,
    );
    await expect(handle.calibrate({ timeoutMs: 1_000 })).rejects.toMatchObject({
      code: 'wedge-invalid-option',
    });
    handle.stop();
  });
});
