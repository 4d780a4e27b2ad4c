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

describe('the outbox state, read in order', () => {
  it('delivers overlapping reads in the order asked, the newest last, even when an older one is slower', async () => {
    const { inOrder } = await import('./outbox-state-reader.js');
    // The first read is slow (a first storage check), the second fast: unordered, the stale one would land last.
    const delays = [40, 0, 5];
    let n = 0;
    const read = inOrder(async () => {
      const mine = n++;
      await new Promise((r) => setTimeout(r, delays[mine]));
      if (mine === 1) throw new Error('this read failed');
      return mine;
    });
    const landed: (number | string)[] = [];
    await Promise.all(
      [read(), read(), read()].map((p) =>
        p.then(
          (v) => landed.push(v),
          () => landed.push('failed'),
        ),
      ),
    );
    expect(landed).toEqual([0, 'failed', 2]); // a failed read does not stop the next
  });
});
