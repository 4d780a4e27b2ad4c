// Every export of the element's public entry (package.json "exports" ".") has a doc comment, so editors show it on
// hover: the core's API report enforces the same for the core.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(`${packageDir}package.json`, 'utf8')) as {
  exports: { '.': { source: string } };
};

/** The names the entry exports whose declarations carry no doc comment. */
function undocumentedExports(entry: string): { names: string[]; all: number } {
  const config = ts.readConfigFile(`${packageDir}../../tsconfig.base.json`, ts.sys.readFile).config as {
    compilerOptions: object;
  };
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, packageDir);
  const program = ts.createProgram([entry], { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry)!;
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!);
  const names = exports
    .filter((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const documented = (s: ts.Symbol) => s.getDocumentationComment(checker).length > 0;
      return !documented(symbol) && !documented(target);
    })
    .map((symbol) => symbol.name)
    .sort();
  return { names, all: exports.length };
}

describe('the element entry', () => {
  it('documents every export', () => {
    const { names, all } = undocumentedExports(`${packageDir}${manifest.exports['.'].source}`);
    expect(all).toBeGreaterThan(30);
    expect(names).toEqual([]);
    // Type-checking the entry with its imports (lit, the core) takes seconds, more on a busy machine.
  }, 120_000);
});
