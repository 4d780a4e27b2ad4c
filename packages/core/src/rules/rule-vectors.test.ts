import { describe, expect, it } from 'vitest';
import cardIdVectors from '../../../../test/vectors/card-id.json';
import capVectors from '../../../../test/vectors/cap-setting.json';
import usageVectors from '../../../../test/vectors/decide-usage.json';
import voidVectors from '../../../../test/vectors/void-window.json';
import type { CapVector, CardIdVector, UsageVectorFile } from '../../../../test/vectors/run-vectors.js';
import {
  checkCapVector,
  checkCardIdVector,
  checkUsageVector,
  checkVoidVector,
} from '../../../../test/vectors/run-vectors.js';

const usageFile = usageVectors as unknown as UsageVectorFile;

describe('rule vectors (Node)', () => {
  it.each(
    (cardIdVectors.vectors as unknown as CardIdVector[]).map((v) => [JSON.stringify(v.raw), v] as const),
  )('parseCardId %s', (_name, vector) => expect(checkCardIdVector(vector)).toEqual([]));
  it.each(usageFile.vectors.map((v) => [v.name, v] as const))('decideUsage: %s', (_name, vector) =>
    expect(checkUsageVector(usageFile, vector)).toEqual([]),
  );
  it.each((capVectors.vectors as unknown as CapVector[]).map((v) => [v.name, v] as const))(
    'checkCapSetting: %s',
    (_n, vector) => expect(checkCapVector(vector)).toEqual([]),
  );
  it.each((voidVectors.vectors as unknown as CapVector[]).map((v) => [v.name, v] as const))(
    'checkVoidWindow: %s',
    (_n, vector) => expect(checkVoidVector(vector)).toEqual([]),
  );
});

describe('rule vectors cover every refusal code', () => {
  it('has at least one vector per card-ID and rules code', async () => {
    const { cardIdMessages } = await import('../messages/card-id.js');
    const { rulesMessages } = await import('../messages/rules.js');
    const expected = (vectors: { expect: Record<string, unknown> }[]): unknown[] =>
      vectors.flatMap((v) => [v.expect.code, ...((v.expect.codes as unknown[] | undefined) ?? [])]);
    const seen = new Set([
      ...expected(cardIdVectors.vectors),
      ...expected(usageFile.vectors),
      ...expected(capVectors.vectors),
      ...expected(voidVectors.vectors),
    ]);
    const missing = [...Object.keys(cardIdMessages), ...Object.keys(rulesMessages)].filter(
      (code) => !seen.has(code),
    );
    expect(missing).toEqual([]);
  });
});
