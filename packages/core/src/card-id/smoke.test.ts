import { describe, expect, it } from 'vitest';
import { parseCardId } from './parse-card-id.js';
describe('smoke', () => {
  it('runs', () => expect(parseCardId('A1').ok).toBe(true));
});
