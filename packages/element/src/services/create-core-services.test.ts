import { describe, expect, it } from 'vitest';
import { OptionsError } from '@kaiku-scanner/core';
import { createCoreServices } from './create-core-services.js';

describe('createCoreServices options', () => {
  it('refuses a misspelt option by name, with the one it meant (issue 11.3)', () => {
    const call = () =>
      createCoreServices({
        baseUrl: 'http://localhost:8787/',
        venue: 'venue-1',
        channel: 'box-office',
        getToken: () => 't',
      } as never);
    expect(call).toThrow(OptionsError);
    expect(call).toThrow(/createCoreServices: `venue` is not an option; did you mean `venueId`\?/);
  });
});
