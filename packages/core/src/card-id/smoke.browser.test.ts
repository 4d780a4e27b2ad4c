import { expect } from '@esm-bundle/chai';
import { parseCardId } from './parse-card-id.js';
describe('smoke in browser', () => {
  it('runs', () => {
    expect(parseCardId('A1').ok).to.equal(true);
    expect(navigator.userAgent).to.match(/Chrom/);
  });
});
