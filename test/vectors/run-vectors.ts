/**
 * Shared evaluation of the rule vectors, used by the vitest suite and the Chromium suite alike:
 * each returns the list of mismatches for one vector (empty = pass).
 */
import { parseCardId } from '../../packages/core/src/card-id/parse-card-id.js';
import type { ParseCardIdOptions } from '../../packages/core/src/card-id/parse-card-id.js';
import { checkCapSetting } from '../../packages/core/src/rules/check-cap-setting.js';
import type { CapSettingInput } from '../../packages/core/src/rules/check-cap-setting.js';
import { decideUsage } from '../../packages/core/src/rules/decide-usage.js';
import { checkVoidWindow } from '../../packages/core/src/rules/check-void-window.js';
import type { DecideUsageInput } from '../../packages/core/src/rules/usage-types.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export type CardIdVector = { raw: string; options?: ParseCardIdOptions; expect: JsonObject };
export type UsageVector = { name: string; input: JsonObject; expect: JsonObject };
export type UsageVectorFile = { defaults: JsonObject; vectors: UsageVector[] };
export type CapVector = { name: string; input: JsonObject; expect: JsonObject };

/** Objects merge recursively; arrays, scalars and null replace. */
export function deepMerge(base: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] = isObject(value) && isObject(current) ? deepMerge(current, value) : value;
  }
  return out;
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every `expect` key must equal the result's (deep, as JSON); `code`/`codes` compare refusal codes. */
function compare(actual: Record<string, unknown>, expected: JsonObject, codes: string[]): string[] {
  const problems: string[] = [];
  for (const [key, want] of Object.entries(expected)) {
    const got = key === 'codes' ? [...codes].sort() : key === 'code' ? codes[0] : actual[key];
    const wantValue = key === 'codes' && Array.isArray(want) ? [...want].sort() : want;
    if (JSON.stringify(got) !== JSON.stringify(wantValue)) {
      problems.push(`${key}: expected ${JSON.stringify(wantValue)}, got ${JSON.stringify(got)}`);
    }
  }
  return problems;
}

export function checkCardIdVector(vector: CardIdVector): string[] {
  const result = parseCardId(vector.raw, vector.options);
  return compare(
    result as unknown as Record<string, unknown>,
    vector.expect,
    result.ok ? [] : [result.error.code],
  );
}

export function checkUsageVector(file: UsageVectorFile, vector: UsageVector): string[] {
  const input = deepMerge(file.defaults, vector.input) as unknown as DecideUsageInput;
  const result = decideUsage(input);
  const codes = result.ok ? [] : result.reasons.map((r) => r.code);
  const problems = compare(result as unknown as Record<string, unknown>, vector.expect, codes);
  if (!result.ok && result.reasons.some((r) => !r.message.fi || !r.message.sv || !r.message.en)) {
    problems.push('a reason lacks a message');
  }
  return problems;
}

export function checkCapVector(vector: CapVector): string[] {
  const result = checkCapSetting(vector.input as unknown as CapSettingInput);
  return compare(
    result as unknown as Record<string, unknown>,
    vector.expect,
    'error' in result ? [result.error.code] : [],
  );
}

/** A `checkVoidWindow` vector: instants as ISO strings; `params` compares the refusal's parameters. */
export function checkVoidVector(vector: CapVector): string[] {
  const input = vector.input as { registeredAt: string; showStart: string; now: string };
  const result = checkVoidWindow({ ...input, now: new Date(input.now) });
  const reason = result.ok ? undefined : result.reasons[0];
  return compare({ ...result, params: reason?.params }, vector.expect, reason ? [reason.code] : []);
}
