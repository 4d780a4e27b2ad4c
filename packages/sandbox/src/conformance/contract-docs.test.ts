// docs/api.md against the code: its error table lists every code the contract has, and every rule it marks
// (`<!-- rule: id -->`) is in the kit's rule table under the section it stands in, guarded by a check.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_PROBLEM_CODES } from '@kaiku-scanner/core/contract';
import { CHECKS } from './run-conformance.js';
import { RULES } from './rules.js';

const doc = readFileSync(new URL('../../../../docs/api.md', import.meta.url), 'utf8');
const slug = (heading: string) =>
  `#${heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-')}`;

/** Each marked rule with the anchor of the heading it stands under. */
function markedRules(): [string, string][] {
  let section = '';
  return doc.split('\n').flatMap((line) => {
    const heading = /^#{1,4} (.+)$/.exec(line);
    if (heading) section = slug(heading[1]!);
    return [...line.matchAll(/<!-- rule: ([a-z0-9-]+) -->/g)].map((m): [string, string] => [m[1]!, section]);
  });
}

describe('docs/api.md and the code', () => {
  it('the error table lists every code of API_PROBLEM_CODES, and no other', () => {
    const table = doc.slice(doc.indexOf('## Errors'), doc.indexOf('### What the client throws'));
    const listed = [...table.matchAll(/^\| [0-9x]{3} +\| ([^|]+)\|/gm)].flatMap((m) =>
      [...m[1]!.matchAll(/`([a-z-]+)`/g)].map((c) => c[1]!),
    );
    expect(listed.sort()).toEqual(Object.values(API_PROBLEM_CODES).sort());
  });

  it('every rule it marks is in the rule table, under its section, and the table holds no other', () => {
    const marked = markedRules();
    expect(marked.length).toBeGreaterThanOrEqual(30);
    expect(Object.fromEntries(marked)).toEqual(
      Object.fromEntries(Object.entries(RULES).map(([id, [anchor]]) => [id, anchor])),
    );
    expect(new Set(marked.map(([id]) => id)).size).toBe(marked.length);
  });

  it('every rule of the table is guarded by a check of the kit', () => {
    const guarded = new Set(CHECKS.flatMap((c) => c.rules));
    expect(Object.keys(RULES).filter((id) => !guarded.has(id as keyof typeof RULES))).toEqual([]);
  });
});
