#!/usr/bin/env node
// Prints each entry's size as a host ships it (dependencies bundled, minified, gzipped) and fails
// when one is over its budget. "On load" is the entry with every chunk it imports statically;
// the parts loaded on first use (rule families, the emoji picker) are listed below it.
import { rollup } from 'rollup';
import terser from '@rollup/plugin-terser';
import { shippedSource } from './measure-plugins.mjs';
import { gzipSync } from 'node:zlib';

const KB = 1024;
const entries = [
  { name: 'volley-chat: engine + client + local transport', input: ['src/index.ts'], budget: 12 * KB },
  { name: 'volley-chat/rules: every pure rule', input: ['src/rules/index.ts'] },
  {
    // Like the emoji picker, the rule families the engine loads on first use are not counted:
    // a page downloads them only when its policy or its user needs them. The figure with them
    // is printed below the budget line.
    name: 'volley-chat/elements: every element + core + Lit',
    input: ['src/index.ts', 'src/elements/index.ts'],
    budget: 40 * KB,
    counts: 'on load',
  },
];

const gz = (code) => gzipSync(code, { level: 9 }).length;
const kb = (n) => `${(n / KB).toFixed(2)} KB`;
const row = (name, min, zipped, budget = '') => console.log(name.padEnd(66), min.padStart(10), zipped.padStart(10), budget.padStart(14));

let over = false;
row('entry', 'min', 'gzip', 'budget');
for (const { name, input, budget } of entries) {
  const bundle = await rollup({
    input,
    plugins: [...shippedSource(), terser({ module: true, compress: { passes: 2 } })],
    onwarn: (warning, warn) => (warning.code === 'THIS_IS_UNDEFINED' ? undefined : warn(warning)),
  });
  const { output } = await bundle.generate({ format: 'es', chunkFileNames: '[name].js' });
  await bundle.close();
  const chunks = output.filter((chunk) => chunk.type === 'chunk');
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const loaded = new Set();
  const visit = (chunk) => {
    if (loaded.has(chunk)) return;
    loaded.add(chunk);
    for (const file of chunk.imports) visit(byFile.get(file));
  };
  chunks.filter((chunk) => chunk.isEntry).forEach(visit);
  const join = (list) => list.map((chunk) => chunk.code).join('\n');
  const onLoad = join([...loaded]);
  const lazy = chunks.filter((chunk) => !loaded.has(chunk));
  const size = gz(onLoad);
  const ok = budget === undefined || size <= budget;
  over ||= !ok;
  row(name, kb(onLoad.length), kb(size), budget === undefined ? '' : `${kb(budget)}${ok ? '' : ' OVER'}`);
  for (const chunk of lazy) row(`  + on first use: ${chunk.name}`, kb(chunk.code.length), kb(gz(chunk.code)));
  const emoji = (chunk) => chunk.moduleIds.some((id) => id.includes('emoji-picker-element'));
  if (lazy.length) {
    const all = join(chunks.filter((chunk) => !emoji(chunk)));
    row(`  = with every on-first-use chunk${lazy.some(emoji) ? ' but the emoji picker' : ''}`, kb(all.length), kb(gz(all)));
  }
}
if (over) {
  console.error('An entry is over its size budget.');
  process.exit(1);
}
