#!/usr/bin/env node
// Prints each entry's size as a host would ship it (all dependencies bundled, minified) and gzipped,
// and fails when an entry is over its budget.
import { rollup } from 'rollup';
import nodeResolve from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import { gzipSync } from 'node:zlib';

const KB = 1024;
const budgets = [
  { name: 'volley-chat (core: engine + rules + client + local transport)', input: 'src/index.ts', budget: 12 * KB },
];

let over = false;
console.log('entry'.padEnd(64), 'min'.padStart(10), 'gzip'.padStart(10), 'budget'.padStart(10));
for (const { name, input, budget } of budgets) {
  const bundle = await rollup({
    input,
    plugins: [
      nodeResolve({ exportConditions: ['production'] }),
      typescript({ tsconfig: './tsconfig.json', noEmit: false, declaration: false, allowImportingTsExtensions: false, outDir: undefined, include: ['src/**/*.ts'] }),
      terser({ module: true, compress: { passes: 2 } }),
    ],
    onwarn: (warning, warn) => (warning.code === 'CIRCULAR_DEPENDENCY' ? undefined : warn(warning)),
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  const code = output.filter((chunk) => chunk.type === 'chunk').map((chunk) => chunk.code).join('\n');
  const min = Buffer.byteLength(code);
  const gz = gzipSync(code, { level: 9 }).length;
  const ok = gz <= budget;
  over ||= !ok;
  const kb = (n) => `${(n / KB).toFixed(2)} KB`;
  console.log(name.padEnd(64), kb(min).padStart(10), kb(gz).padStart(10), `${kb(budget)}${ok ? '' : ' OVER'}`.padStart(10));
}
if (over) {
  console.error('An entry is over its size budget.');
  process.exit(1);
}
