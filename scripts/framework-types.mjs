// Writes the element's Vue template typings from custom-elements.json (the one source of its attributes,
// properties and events) into packages/element/dist/types/vue.d.ts, shipped as the types-only subpath
// `kaiku-scanner/vue`. Run by `npm run build` after the declarations. (React has a component instead:
// `kaiku-scanner/react`, src/react.ts.)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('packages/element/custom-elements.json', 'utf8'));
const elements = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.tagName));

const blocks = elements.map((el) => {
  const fields = (el.members ?? []).filter(
    (f) => f.kind === 'field' && (f.privacy ?? 'public') === 'public' && !f.static && !f.readonly,
  );
  // vue-tsc camelizes a component's kebab-case attributes, so `base-url="…"` is checked as `baseUrl`. A number
  // written as an attribute (`show-cap="6"`) is a string: lit converts it, so the type accepts its digits.
  const props = fields.map((f) => {
    const digits = f.attribute && /\bnumber\b/.test(f.type?.text ?? '') ? ` | \`\${number}\`` : '';
    return `  ${f.name}?: ${el.name}['${f.name}']${digits};`;
  });
  const events = (el.events ?? []).map(
    (e) => `  '${e.name}': (event: GlobalEventHandlersEventMap['${e.name}']) => void;`,
  );
  return {
    el,
    text: [
      `/** \`<${el.tagName}>\` in Vue templates: attributes (kebab-case), properties (plain or \`.prop\` bindings). */`,
      `export type ${el.name}VueProps = HTMLAttributes & {`,
      ...props,
      '};',
      `/** Its events, for \`@${el.events?.[0]?.name ?? 'event'}="…"\` listeners. */`,
      `export type ${el.name}VueEvents = {`,
      ...events,
      '};',
    ].join('\n'),
  };
});

const out = `// Generated from custom-elements.json by scripts/framework-types.mjs: do not edit.
// Vue 3 template typings (vue-tsc). Use once in a Vue app: \`import type {} from 'kaiku-scanner/vue';\`
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { ${blocks.map((b) => b.el.name).join(', ')} } from './kaiku-scanner.js';

${blocks.map((b) => b.text).join('\n\n')}

declare module 'vue' {
  interface GlobalComponents {
${blocks
  .map(
    (b) =>
      `    '${b.el.tagName}': new () => ${b.el.name} & { $props: ${b.el.name}VueProps & PublicProps; $emit: EmitFn<${b.el.name}VueEvents> };`,
  )
  .join('\n')}
  }
}
`;
mkdirSync('packages/element/dist/types', { recursive: true });
writeFileSync('packages/element/dist/types/vue.d.ts', out);
