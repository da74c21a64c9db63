// npm run size:breakdown — per-folder gzipped size of each module group in
// the elements + core bundle (each group minified and gzipped on its own: an upper bound; the real
// combined bundle compresses ~25% better). Use it to compare before/after your change.
import { rollup } from 'rollup';
import { shippedSource } from './measure-plugins.mjs';
import { minify } from 'terser';
import { gzipSync } from 'node:zlib';

const bundle = await rollup({ input: ['src/index.ts', 'src/elements/index.ts'], plugins: shippedSource(), onwarn() {} });
const { output } = await bundle.generate({ format: 'es' });
const groups = {};
for (const chunk of output) for (const [id, m] of Object.entries(chunk.modules ?? {})) {
  if (!m.code) continue;
  const key = id.replace(/.*node_modules\//, 'nm:').replace(/.*\/src\//, 'src/');
  const g = key.startsWith('nm:') ? key.split('/').slice(0, key.startsWith('nm:@') ? 2 : 1).join('/') : key.split('/').slice(0, 3).join('/');
  groups[g] = (groups[g] ?? "") + "{\n" + m.code + "\n}\n"; // a block each: two modules of a group may share a name (chunks of their own)
}
const rows = [];
for (const [g, code] of Object.entries(groups)) rows.push([gzipSync((await minify(code, { module: false, toplevel: false, compress: { unused: false, passes: 2 } })).code ?? '').length, g]);
console.log(rows.sort((a, b) => b[0] - a[0]).map(([v, k]) => `${(v / 1024).toFixed(2)} KB  ${k}`).join('\n'));
