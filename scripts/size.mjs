#!/usr/bin/env node
// Prints each entry's size as a host ships it (dependencies bundled, minified, gzipped) and fails
// when one is over its budget. An entry's own file is what loading it costs; rule families the
// engine loads on first use are listed beside it, each with its own size.
import { rollup } from 'rollup';
import nodeResolve from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import { gzipSync } from 'node:zlib';

const KB = 1024;
const budgets = [
  { name: 'volley-chat (engine + client + local transport)', input: 'src/index.ts', budget: 12 * KB },
  { name: 'volley-chat/rules (every pure rule)', input: 'src/rules/index.ts' },
];

const gz = (code) => gzipSync(code, { level: 9 }).length;
const kb = (n) => `${(n / KB).toFixed(2)} KB`;
const row = (name, min, zipped, budget = '') => console.log(name.padEnd(60), min.padStart(10), zipped.padStart(10), budget.padStart(14));

let over = false;
row('entry', 'min', 'gzip', 'budget');
for (const { name, input, budget } of budgets) {
  const bundle = await rollup({
    input,
    plugins: [
      nodeResolve({ exportConditions: ['production'] }),
      typescript({ tsconfig: './tsconfig.json', noEmit: false, declaration: false, allowImportingTsExtensions: false, outDir: undefined, include: ['src/**/*.ts'] }),
      terser({ module: true, compress: { passes: 2 } }),
    ],
  });
  const { output } = await bundle.generate({ format: 'es', chunkFileNames: '[name].js' });
  await bundle.close();
  const chunks = output.filter((chunk) => chunk.type === 'chunk');
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  // What loading the entry costs: the entry and every chunk it imports statically.
  const loaded = new Set();
  const visit = (chunk) => {
    if (loaded.has(chunk)) return;
    loaded.add(chunk);
    for (const file of chunk.imports) visit(byFile.get(file));
  };
  visit(chunks.find((chunk) => chunk.isEntry));
  const eager = [...loaded].map((chunk) => chunk.code).join('\n');
  const size = gz(eager);
  const ok = budget === undefined || size <= budget;
  over ||= !ok;
  row(name, kb(eager.length), kb(size), budget === undefined ? '' : `${kb(budget)}${ok ? '' : ' OVER'}`);
  const lazy = chunks.filter((chunk) => !loaded.has(chunk));
  for (const chunk of lazy) row(`  + on first use: ${chunk.name}`, kb(chunk.code.length), kb(gz(chunk.code)));
  if (lazy.length) {
    const all = chunks.map((chunk) => chunk.code).join('\n');
    row('  = with every lazy chunk loaded', kb(all.length), kb(gz(all)));
  }
}
if (over) {
  console.error('An entry is over its size budget.');
  process.exit(1);
}
