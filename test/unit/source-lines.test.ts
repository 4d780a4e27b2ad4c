import { expect, it } from 'vitest';
// @ts-expect-error plain .mjs without types
import { measure } from '../../scripts/source-lines.mjs';

// The budget counts lines that hold code (issue 64): documentation and blank lines are free, and a packed line is no
// cheaper in tokens than its unpacked lines.
it('counts lines holding a token: not comments or blank lines, but every line of a multi-line template', () => {
  const text = [
    '/** A doc comment',
    ' * on two lines. */',
    'export function f(a: number): string {',
    '  // a line comment',
    '',
    '  const s = `a ${a}',
    '  b`;',
    '  return /x\\/y/.test(s) ? s : `${a / 2}`; // after code',
    '}',
    '',
  ].join('\n');
  expect(measure(text)).toEqual({ code: 5, lines: 9, tokens: expect.any(Number) });
});

it('finds a tuple assignment no cheaper in tokens than two statements', () => {
  const packed = measure('let a = 0;\nlet b = 0;\n[a, b] = [1, 2];\n');
  const plain = measure('let a = 0;\nlet b = 0;\na = 1;\nb = 2;\n');
  expect(packed.code).toBeLessThan(plain.code);
  expect(packed.tokens).toBeGreaterThan(plain.tokens);
});
