import { describe, expect, it } from 'vitest';
import { calibrateWedge, findReading } from './calibrate-wedge.js';
import { classifyWedgeStream } from './wedge-streams.test-support.js';
import { emulateReader, emulateTyping, type EmulatedReader } from './emulate-reader.test-support.js';
import type { WedgeRecord } from './types.js';
import { resolveWedgeOptions } from './wedge-options.js';

/** What the listener passes a calibration by default (its `minLength`, `parse`, `cardIdOptions`). */
const LISTENER = resolveWedgeOptions();

function calibrate(id: string, reader: EmulatedReader, expectedId?: string) {
  return calibrateWedge(emulateReader(id, reader), { ...LISTENER, expectedId });
}

function scansWith(id: string, reader: EmulatedReader, profile: Parameters<typeof classifyWedgeStream>[1]) {
  return classifyWedgeStream(
    [...emulateReader(id, reader), { type: 'idle', timeStamp: 1e9 }] as WedgeRecord[],
    profile,
  ).flatMap((e) => (e.kind === 'scan' ? [e.scan.id] : e.kind === 'error' ? [e.error.code] : []));
}

describe('calibrateWedge', () => {
  it('learns nothing about layout from a reading that key and code agree on', () => {
    const result = calibrate('A045198723', {});
    expect(result).toMatchObject({
      ok: true,
      id: 'A045198723',
      profile: { layout: 'auto', terminator: 'Enter' },
    });
  });

  it('learns prefix, suffix, terminator and a Bluetooth timing', () => {
    const reader: EmulatedReader = { prefix: ']C0', suffix: '/', terminator: 'Tab', gapMs: 100 };
    const result = calibrate('X000011986', reader);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.profile).toMatchObject({ prefix: ']C0', suffix: '/', terminator: 'Tab' });
    expect(result.profile.maxInterKeyMs).toBeGreaterThanOrEqual(150);
    expect(result.profile.maxMedianInterKeyMs).toBeGreaterThanOrEqual(150);
    // The learned profile then reads the same reader, and its round trip through JSON changes nothing.
    const profile = JSON.parse(JSON.stringify(result.profile)) as typeof result.profile;
    expect(scansWith('Z000010669', reader, { profile })).toEqual(['Z000010669']);
  });

  it('learns a custom terminator key', () => {
    const result = calibrate('A045198723', { terminator: { key: 'F12', code: 'F12' } });
    expect(result.ok && result.profile.terminator).toEqual({ key: 'F12', code: 'F12' });
  });

  it('learns terminator none from a reading that ends in silence', () => {
    const result = calibrate('A045198723', { terminator: 'none' });
    expect(result.ok && result.profile.terminator).toBe('none');
  });

  it('a US reader on an AZERTY computer: only the US reading is a card ID', () => {
    const result = calibrate('A045198723', { readerLayout: 'us', hostLayout: 'fr' });
    expect(result.ok && result.profile.layout).toBe('us');
    if (!result.ok) return;
    expect(
      scansWith('Y110029399', { readerLayout: 'us', hostLayout: 'fr' }, { profile: result.profile }),
    ).toEqual(['Y110029399']);
  });

  it('a Y card from a US reader on a German computer is ambiguous without the printed ID', () => {
    const result = calibrate('Y110029399', { readerLayout: 'us', hostLayout: 'de' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('calibration-ambiguous');
  });

  it('…and settled with the printed ID, after which Y and Z cards read right', () => {
    const reader: EmulatedReader = { readerLayout: 'us', hostLayout: 'de' };
    const result = calibrate('Y110029399', reader, 'y110029399');
    expect(result.ok && result.profile.layout).toBe('us');
    if (!result.ok) return;
    expect(scansWith('Z000010669', reader, { profile: result.profile })).toEqual(['Z000010669']);
    expect(scansWith('Y110029399', reader, { profile: result.profile })).toEqual(['Y110029399']);
  });

  it('a German-programmed reader on a US computer is found with the printed ID (no event could reveal it)', () => {
    const reader: EmulatedReader = { readerLayout: 'de', hostLayout: 'us' };
    expect(scansWith('Y110029399', reader, {})).toEqual(['Z110029399']);
    const result = calibrate('Y110029399', reader, 'Y110029399');
    expect(result.ok && result.profile.layout).toBe('de');
    if (!result.ok) return;
    expect(scansWith('Y110029399', reader, { profile: result.profile })).toEqual(['Y110029399']);
  });

  it('refuses: nothing read, no card ID, a different card than the printed one', () => {
    expect(calibrateWedge([], LISTENER).ok).toBe(false);
    expect(calibrateWedge(emulateTyping('abc'), LISTENER).ok).toBe(false);
    const noCard = calibrate('Q123456789', {});
    expect(!noCard.ok && noCard.error.code).toBe('calibration-no-card');
    const other = calibrate('A045198723', {}, 'A999005458');
    expect(!other.ok && other.error.code).toBe('calibration-mismatch');
    const bad = calibrate('A045198723', {}, 'not an id');
    expect(!bad.ok && bad.error.code).toBe('calibration-mismatch');
    expect(!other.ok && other.error.message.fi.length).toBeGreaterThan(10);
  });

  it('finds the reading after earlier typing', () => {
    const records = [
      ...emulateTyping('hello', { start: 0, enter: true }),
      ...emulateReader('A045198723', { start: 5000 }),
    ];
    expect(findReading(records, 5)?.burst.length).toBe(10);
    expect(calibrateWedge(records, LISTENER).ok).toBe(true);
  });
});
