#!/usr/bin/env node
// docs/elements.md from custom-elements.json (`cem analyze` writes it; `npm run docs` runs both):
// each element's tag, what it is, how to define it, and its attributes, properties, events,
// ::part names, custom properties, slots and methods.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const declarations = manifest.modules.flatMap((module) => module.declarations ?? []);
const elements = declarations.filter((d) => d.tagName).sort((a, b) => a.tagName.localeCompare(b.tagName));
const definedIn = new Map(manifest.modules.flatMap((module) => (module.exports ?? [])
  .filter((e) => e.kind === 'custom-element-definition').map((e) => [e.name, module.path])));

/** A table cell: one line, pipes escaped. */
const cell = (text = '') => String(text).replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
const code = (text) => (text ? `\`${text}\`` : '');
function table(title, head, rows) {
  if (!rows.length) return '';
  return [`#### ${title}`, '', `| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`), ''].join('\n');
}
const isPublic = (member) => !member.static && (member.privacy ?? 'public') === 'public' && !member.name.startsWith('#');

const out = [
  '# Volley elements',
  '',
  'Generated from `custom-elements.json` by `npm run docs`; do not edit. Every element takes a',
  '`client` (or finds one through `@lit/context` from an ancestor such as `volley-chat`) and a',
  '`strings` object that replaces any of its visible strings. Import `volley-chat/elements` to define',
  'them all, or one file below to define one element (and those it renders).',
  '',
  ...elements.map((e) => `- [\`<${e.tagName}>\`](#${e.tagName})`),
  '',
];
for (const element of elements) {
  const members = (element.members ?? []).filter(isPublic);
  const fields = members.filter((m) => m.kind === 'field');
  const methods = members.filter((m) => m.kind === 'method');
  const attributeOf = new Map((element.attributes ?? []).map((a) => [a.fieldName, a.name]));
  const file = definedIn.get(element.tagName)?.replace(/^dist\//, 'volley-chat/');
  out.push(
    `## <a id="${element.tagName}"></a>\`<${element.tagName}>\``, '',
    element.description ?? '', '',
    file ? `\`\`\`js\nimport '${file}';   // defines <${element.tagName}> (class ${element.name})\n\`\`\`\n` : '',
    table('Properties and attributes', ['Property', 'Attribute', 'Type', 'Default', 'Description'],
      fields.map((f) => [code(f.name), code(attributeOf.get(f.name)), code(f.type?.text), code(f.default), f.description ?? ''])),
    table('Events', ['Event', 'Description'], (element.events ?? []).map((e) => [code(e.name), e.description ?? ''])),
    table('CSS parts', ['Part', 'Description'], (element.cssParts ?? []).map((p) => [code(`::part(${p.name})`), p.description ?? ''])),
    table('CSS custom properties', ['Property', 'Description'], (element.cssProperties ?? []).map((p) => [code(p.name), p.description ?? ''])),
    table('Slots', ['Slot', 'Description'], (element.slots ?? []).map((s) => [code(s.name || '(default)'), s.description ?? ''])),
    table('Methods', ['Method', 'Description'], methods.map((m) => [code(`${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`), m.description ?? ''])),
  );
}
mkdirSync('docs', { recursive: true });
writeFileSync('docs/elements.md', `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`);
console.log(`docs/elements.md: ${elements.length} elements`);
