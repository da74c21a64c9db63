// The example's own build, as a host app would have it: `volley-chat` resolves through the
// package's "exports" to its built files (run `npm run build` in the repository first).
import nodeResolve from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';

const here = new URL('.', import.meta.url).pathname;

export default {
  input: `${here}main.ts`,
  plugins: [nodeResolve(), typescript({ tsconfig: `${here}tsconfig.json`, noEmit: false, outDir: undefined })],
  output: { dir: `${here}dist`, format: 'es' },
};
