// The plugins that turn src/ into what a host ships, shared by the size scripts so both measure
// the same thing: resolved dependencies, TypeScript, and html``/css`` templates without their
// whitespace (terser leaves template text alone; Lit's own production advice).
import nodeResolve from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';

export const shippedSource = () => [
  nodeResolve({ exportConditions: ['production'] }),
  typescript({ tsconfig: './tsconfig.json', noEmit: false, declaration: false, allowImportingTsExtensions: false, outDir: undefined, include: ['src/**/*.ts'] }),
  minifyHtmlLiterals(),
];
