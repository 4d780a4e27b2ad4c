// The element's css`` templates without their indentation and comments, at build (rollup.config.mjs) and in the size
// probe (scripts/size.mjs) alike: the minifier leaves template text as written, and the element's first download
// carries its styles. Only the static text changes (never a `${…}`, nor a quoted string): whitespace goes where CSS
// needs none (around `{`, `}`, `;`, `,` and after `:`; in a custom property's value, which keeps what it is given,
// only after its `:`), a run of it becomes one space elsewhere, a comment goes, a `;` before `}` goes. The file keeps
// its line count (source maps): the newlines a template lost follow it.

/** `code` (a TypeScript or JavaScript source) with the static text of each css`` template collapsed. */
export function collapseCssTemplates(code) {
  let out = '';
  let at = 0;
  for (const match of code.matchAll(/(?<![\w$.])css`/g)) {
    if (match.index < at) continue;
    const start = match.index + match[0].length;
    const parts = templateParts(code, start);
    const template = parts
      .map(({ text, expression }, i) => collapse(text, i === 0, i === parts.length - 1) + (expression ?? ''))
      .join('');
    // The newlines the template lost follow it (outside it, where JavaScript ignores them): the lines below keep
    // their numbers, so the source maps stay right.
    const lost = lines(code.slice(start, parts.end)) - lines(template);
    out += code.slice(at, start) + template + '`' + '\n'.repeat(lost);
    at = parts.end;
  }
  return out + code.slice(at);
}

const lines = (text) => text.split('\n').length - 1;

/**
 * The template literal's static stretches from `start` (just after its backtick), each with the `${…}` after it;
 * `end` is just after the closing backtick.
 */
function templateParts(code, start) {
  const parts = [];
  let text = '';
  let i = start;
  while (i < code.length) {
    const c = code[i];
    if (c === '\\') {
      text += code.slice(i, i + 2);
      i += 2;
    } else if (c === '`') {
      parts.push({ text });
      parts.end = i + 1;
      return parts;
    } else if (c === '$' && code[i + 1] === '{') {
      const close = expressionEnd(code, i + 2);
      parts.push({ text, expression: code.slice(i, close) });
      text = '';
      i = close;
    } else {
      text += c;
      i += 1;
    }
  }
  throw new Error('collapse-css: a css`` template without its closing backtick');
}

/** Just after the `}` that closes the `${` expression starting at `i` (quoted strings and nested braces skipped). */
function expressionEnd(code, i) {
  let depth = 1;
  for (; i < code.length; i++) {
    const c = code[i];
    if (c === '`') throw new Error('collapse-css: a template inside a css`` expression');
    if (c === "'" || c === '"') i = code.indexOf(c, i + 1);
    else if (c === '{') depth += 1;
    else if (c === '}' && --depth === 0) return i + 1;
    if (i < 0) break;
  }
  throw new Error('collapse-css: a ${ without its }');
}

/** One static stretch, collapsed; `first`/`last`: it starts/ends the template (else an expression is beside it). */
function collapse(text, first, last) {
  const tokens =
    text.match(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\/\*[\s\S]*?\*\/|\s+|[^'"\s/]+|[\s\S]/g) ?? [];
  let out = '';
  let gap = false; // whitespace or a comment since the last token
  let custom = false; // in a custom property's value, kept as written but for its runs of whitespace
  for (const token of tokens) {
    if (/^\s/.test(token) || token.startsWith('/*')) {
      gap = true;
      continue;
    }
    // A `;` before `}` says nothing.
    if (token.startsWith('}') && out.endsWith(';')) out = out.slice(0, -1);
    const before = out === '' ? (first ? '{' : 'x') : out.at(-1);
    if (gap && (custom ? before !== ':' : needsSpace(before, token[0]))) out += ' ';
    gap = false;
    out += token;
    if (/^--[\w-]+:/.test(token)) custom = true;
    if (/[;{}]/.test(token)) custom = /^--[\w-]+:[^;{}]*$/.test(token);
  }
  return gap && !last && needsSpace(out === '' ? (first ? '{' : 'x') : out.at(-1), 'x') ? `${out} ` : out;
}

/** Whether whitespace between `before` and `after` says something: CSS needs none after `{};,:` nor before `{};,`. */
const needsSpace = (before, after) => !'{};,:'.includes(before) && !'{};,'.includes(after);
