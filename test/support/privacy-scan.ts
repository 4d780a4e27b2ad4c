// Static privacy scan helpers: walk the TypeScript AST of the shipped sources (comments are not code, so JSDoc
// examples never count) and split an unminified esbuild bundle into its per-module sections.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export type Finding = { readonly file: string; readonly line: number; readonly what: string };

/** Test code and test-only helpers do not ship to a page: they are outside the rule. */
const TEST_FILE = /(\.test\.ts|\.test-support\.ts|\.fixture\.ts|test-helpers\.ts|\.d\.ts)$/;

/**
 * Every shipped `.ts` file under `dir` (tests and test helpers excluded): the files git tracks when `dir` is in a
 * work tree (scratch files a colleague has not committed are not part of the product), else every file on disk.
 */
export function sourceFiles(dir: string): string[] {
  try {
    const listed = execFileSync('git', ['ls-files', '-z', '--', '.'], { cwd: dir, encoding: 'utf8' })
      .split('\0')
      .filter((f) => f.endsWith('.ts') && !TEST_FILE.test(f))
      .map((f) => path.join(dir, f));
    if (listed.length) return listed.sort();
  } catch {
    // Not a git work tree (a tarball): walk the directory.
  }
  return walk(dir);
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else if (name.endsWith('.ts') && !TEST_FILE.test(name)) out.push(full);
  }
  return out.sort();
}

const URL_IN_TEXT = /\bhttps?:\/\/(\[[^\]]*\]|[^/\s'"`:?#)\\]*)/gi;

/** Hosts named by absolute http(s) URLs in a piece of text; '' when the host is computed (`http://${host}`). */
export function urlHosts(text: string): string[] {
  return [...text.matchAll(URL_IN_TEXT)].map((m) => (m[1] ?? '').toLowerCase());
}

/** True for a name that is a hostname at all (not `https://-osoitteella`, a Finnish word after a scheme). */
export function isHostname(host: string): boolean {
  if (/^\[[0-9a-f:.]+\]$/i.test(host)) return true;
  return /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(host);
}

/** Loopback and the names RFC 2606 / RFC 6761 reserve, which can never reach a real third party. */
export function isLocalOrReserved(host: string): boolean {
  const h = host.toLowerCase();
  if (h === 'localhost' || h === '127.0.0.1' || h === '[::1]' || h === '0.0.0.0') return true;
  if (/^(example\.(com|org|net))$/.test(h) || /(^|\.)example\.(com|org|net)$/.test(h)) return true;
  return /\.(localhost|test|example|invalid)$/.test(h) || ['test', 'example', 'invalid'].includes(h);
}

export type AstScan = {
  readonly consoleUses: Finding[];
  readonly storageUses: Finding[];
  readonly urls: Array<Finding & { readonly host: string }>;
  readonly networkCalls: Finding[];
};

const STORAGE_NAMES = new Set(['localStorage', 'sessionStorage']);
const NETWORK_NAMES = new Set(['fetch', 'XMLHttpRequest', 'sendBeacon', 'WebSocket', 'EventSource']);

/** Scans one file's code (never its comments) for console use, web storage, cookies, URLs and network APIs. */
export function scanSource(file: string, text = readFileSync(file, 'utf8')): AstScan {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const scan: AstScan = { consoleUses: [], storageUses: [], urls: [], networkCalls: [] };
  const at = (node: ts.Node, what: string): Finding => ({
    file,
    line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1,
    what,
  });
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      // A property *name* (`x.console`, `{ console: … }`) is not a reference to the global.
      const isMemberName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node) ||
        (ts.isPropertySignature(parent) && parent.name === node);
      if (node.text === 'console' && !isMemberName) scan.consoleUses.push(at(node, 'console'));
      if (STORAGE_NAMES.has(node.text) && (!isMemberName || ts.isPropertyAccessExpression(parent)))
        scan.storageUses.push(at(node, node.text));
      if (NETWORK_NAMES.has(node.text) && (!isMemberName || ts.isPropertyAccessExpression(parent)))
        scan.networkCalls.push(at(node, node.text));
    }
    if (
      ts.isPropertyAccessExpression(node) &&
      node.name.text === 'cookie' &&
      /(^|\.)document$/.test(node.expression.getText(sf))
    )
      scan.storageUses.push(at(node, 'document.cookie'));
    if (
      ts.isStringLiteralLike(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isRegularExpressionLiteral(node)
    ) {
      for (const host of urlHosts(node.text)) scan.urls.push({ ...at(node, node.text), host });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return scan;
}

/** One module's code inside an unminified esbuild output file (esbuild heads each with `// <path>`). */
export type BundleSection = { readonly output: string; readonly module: string; readonly code: string };

export function bundleSections(output: string, code: string): BundleSection[] {
  const sections: BundleSection[] = [];
  let module = '(bundle prologue)';
  let lines: string[] = [];
  const flush = (): void => {
    if (lines.length) sections.push({ output, module, code: lines.join('\n') });
    lines = [];
  };
  for (const line of code.split('\n')) {
    const head = /^\/\/ ((?:node_modules|packages|examples)\/\S+)$/.exec(line);
    if (head) {
      flush();
      module = head[1]!;
    } else lines.push(line);
  }
  flush();
  return sections;
}

/** Code without comments and string contents would be ideal; a regex over the text is enough for `console.`. */
export function consoleCallsIn(code: string): string[] {
  return [...code.matchAll(/\bconsole\s*(?:\.\s*(\w+)|\[)/g)].map((m) => m[1] ?? '[]');
}
