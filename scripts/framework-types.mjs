// Writes the element's JSX typings for React from custom-elements.json (the one source of its attributes,
// properties and events) into packages/element/dist/types/react.d.ts, shipped as the types-only subpath
// `kaiku-scanner/react`. Run by `npm run build` after the declarations.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('packages/element/custom-elements.json', 'utf8'));
const elements = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.tagName));

const quote = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);
const blocks = elements.map((el) => {
  const fields = (el.members ?? []).filter(
    (f) => f.kind === 'field' && (f.privacy ?? 'public') === 'public' && !f.static && !f.readonly,
  );
  const attributes = fields
    .filter((f) => f.attribute)
    .map((f) => `  ${quote(f.attribute)}?: ${el.name}['${f.name}'];`);
  const properties = fields.map((f) => `  ${quote(f.name)}?: ${el.name}['${f.name}'];`);
  const events = (el.events ?? []).map(
    (e) => `  ${quote(`on${e.name}`)}?: (event: GlobalEventHandlersEventMap['${e.name}']) => void;`,
  );
  return {
    el,
    text: [
      `/** \`<${el.tagName}>\` in JSX: its attributes, its properties (React 19 sets them as properties) and \`on<event>\` listeners. */`,
      `export type ${el.name}JsxProps = DetailedHTMLProps<HTMLAttributes<${el.name}>, ${el.name}> & {`,
      ...new Set([...attributes, ...properties]),
      ...events,
      '};',
    ].join('\n'),
  };
});

const out = `// Generated from custom-elements.json by scripts/framework-types.mjs: do not edit.
// React 19 JSX typings for the element. Use once in a React app: \`import type {} from 'kaiku-scanner/react';\`
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { ${blocks.map((b) => b.el.name).join(', ')} } from './kaiku-scanner.js';

${blocks.map((b) => b.text).join('\n\n')}

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React types JSX elements through this namespace
  namespace JSX {
    interface IntrinsicElements {
${blocks.map((b) => `      '${b.el.tagName}': ${b.el.name}JsxProps;`).join('\n')}
    }
  }
}
`;
mkdirSync('packages/element/dist/types', { recursive: true });
writeFileSync('packages/element/dist/types/react.d.ts', out);
