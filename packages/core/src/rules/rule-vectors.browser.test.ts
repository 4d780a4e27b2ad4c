import { expect } from '@esm-bundle/chai';
import type { CapVector, CardIdVector, UsageVectorFile } from '../../../../test/vectors/run-vectors.js';
import { checkCapVector, checkCardIdVector, checkUsageVector } from '../../../../test/vectors/run-vectors.js';
import { currentEngine } from '../../../../test/support/engine-skip.js';

// The same JSON vectors as rule-vectors.test.ts, run unchanged in each browser engine (Intl time zones included).
async function load<T>(name: string): Promise<T> {
  const response = await fetch(new URL(`../../../../test/vectors/${name}`, import.meta.url));
  if (!response.ok) throw new Error(`cannot load ${name}: ${response.status}`);
  return (await response.json()) as T;
}

/** What each engine's user agent says (the run must be in the engine it was asked for). */
const USER_AGENT = {
  chromium: /Chrom(e|ium)\//,
  firefox: /Gecko\/\d+ Firefox\//,
  webkit: /AppleWebKit\/.*Safari\//,
};

describe('rule vectors (every engine)', () => {
  it('runs in the engine the run asked for', async () => {
    const engine = await currentEngine();
    expect(navigator.userAgent).to.match(USER_AGENT[engine]);
    if (engine !== 'chromium') expect(navigator.userAgent).not.to.match(/Chrom/);
  });

  it('parseCardId vectors', async () => {
    const file = await load<{ vectors: CardIdVector[] }>('card-id.json');
    expect(file.vectors.length).to.be.greaterThan(30);
    for (const vector of file.vectors)
      expect(checkCardIdVector(vector), JSON.stringify(vector.raw)).to.deep.equal([]);
  });

  it('decideUsage vectors', async () => {
    const file = await load<UsageVectorFile>('decide-usage.json');
    expect(file.vectors.length).to.be.greaterThan(40);
    for (const vector of file.vectors) expect(checkUsageVector(file, vector), vector.name).to.deep.equal([]);
  });

  it('checkCapSetting vectors', async () => {
    const file = await load<{ vectors: CapVector[] }>('cap-setting.json');
    expect(file.vectors.length).to.be.greaterThan(25);
    for (const vector of file.vectors) expect(checkCapVector(vector), vector.name).to.deep.equal([]);
  });
});
