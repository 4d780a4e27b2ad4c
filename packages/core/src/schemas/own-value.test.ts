// Names from outside (JSON keys, flags, attributes, a server's codes) are looked up among a table's own entries
// only: a name every object inherits is an unknown name like any other, never a crash and never a match.
import { describe, expect, it } from 'vitest';
import { ownValue } from './own-value.js';
import { suggestField, toFieldIssues } from './field-issues.js';
import { UsageRequestSchema } from './api-request.js';
import { apiMessageCode } from '../messages/api.js';
import { isMessageCode, localize } from '../messages/index.js';
import { readServerReason } from '../messages/server-reason.js';
import { getPolicy } from '../policy/policies.js';
import { checkOptions } from '../errors/options-error.js';

const INHERITED = ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf', 'isPrototypeOf'];

describe.each(INHERITED)('the name %s', (name) => {
  it('is no entry of a table', () => {
    expect(ownValue({ cap: 1 }, name)).toBeUndefined();
    expect(ownValue(JSON.parse(`{"${name}": 2}`) as Record<string, number>, name)).toBe(2);
  });

  it('is an unknown field, with no suggestion from what every object inherits', () => {
    expect(() => suggestField(name, ['venueId', 'show'])).not.toThrow();
    const parsed = UsageRequestSchema.safeParse(JSON.parse(`{"${name}": 1}`));
    const issues = toFieldIssues(parsed.error!.issues, UsageRequestSchema);
    expect(issues[0]).toEqual({ path: name, problem: 'unknown-field' });
    expect(() => checkOptions('f', JSON.parse(`{"${name}": 1}`) as object, { a: true })).toThrow(
      expect.objectContaining({ code: 'unknown-field' }) as Error,
    );
  });

  it('is no message code or policy version', () => {
    expect(apiMessageCode(name)).toBeUndefined();
    expect(isMessageCode(name)).toBe(false);
    expect(getPolicy(name)).toBeUndefined();
    expect(readServerReason({ code: name }).message.en).toContain('cannot show why');
    expect(localize({ code: name }, 'sv')).toEqual(expect.any(String));
  });
});

describe('suggestField', () => {
  it('suggests as the option checks do, then within a typo per three letters', () => {
    expect(suggestField('acp', ['cap', 'seats'])).toBe('cap'); // two letters swapped, as closestName reads it
    expect(suggestField('given', ['ticketsGiven', 'cap'])).toBe('ticketsGiven');
    expect(suggestField('children', ['childTickets', 'group'])).toBe('childTickets'); // another name for it
    expect(suggestField('chldTickts', ['childTickets', 'group'])).toBe('childTickets'); // two letters dropped
    expect(suggestField('zz', ['cap', 'seats'])).toBeUndefined();
  });
});
