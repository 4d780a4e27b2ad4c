import { describe, expect, it } from 'vitest';
import { LOCALES } from './define.js';
import { wedgeMessages } from './wedge.js';
import { wedgeCalibrationMessages } from './wedge-calibration.js';
import { wedgeListenerMessages } from './wedge-listener.js';

describe('wedge messages', () => {
  it("are the listener's and calibration's tables, without a code in both", () => {
    const listener = Object.keys(wedgeListenerMessages);
    const calibration = Object.keys(wedgeCalibrationMessages);
    expect(listener.filter((code) => calibration.includes(code))).toEqual([]);
    expect(Object.keys(wedgeMessages).sort()).toEqual([...listener, ...calibration].sort());
    expect(calibration.every((code) => code.startsWith('calibration-'))).toBe(true);
  });

  it('render every code in every language, translated, without template leftovers', () => {
    const params = {
      hostLayouts: 'de',
      expected: 'Enter',
      received: 'Tab',
      length: 3,
      minLength: 5,
      fields: 'x',
      medianMs: 50,
    };
    for (const [code, message] of Object.entries(wedgeMessages)) {
      const texts = LOCALES.map(
        (locale) => (message as Record<string, (p: unknown) => string>)[locale]?.(params) ?? '',
      );
      for (const text of texts) {
        expect(text.length, code).toBeGreaterThan(20);
        expect(text).not.toMatch(/undefined|\$\{|\[object/);
      }
      expect(new Set(texts).size, `${code} is translated`).toBe(3);
    }
  });
});
