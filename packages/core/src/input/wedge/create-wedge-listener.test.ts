import { describe, expect, it } from 'vitest';
import { isKaikuError } from '../../errors/kaiku-error.js';
import { createWedgeListener } from './create-wedge-listener.js';

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
    expect(handle.profile).toMatchObject({ version: 1, layout: 'auto', terminator: 'Enter' });
    handle.stop();
    handle.stop();
  });
});
