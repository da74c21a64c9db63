import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';

/** The package's entries: each becomes dist/<name>.js. */
const ELEMENTS = ['attachment-picker', 'care-stats', 'chat', 'chat-card', 'composer', 'feed', 'gear-menu', 'inbox', 'incoming', 'launcher', 'provider-settings', 'thread', 'tribute-button'];

export const entries = {
  index: 'src/index.ts',
  rules: 'src/rules/index.ts',
  ws: 'src/transport/ws.ts',
  persist: 'src/persist/index.ts',
  'elements/index': 'src/elements/index.ts',
  // One file per element: importing it defines that tag (and the tags it renders) only.
  ...Object.fromEntries(ELEMENTS.map((name) => [`elements/${name}`, `src/elements/${name}/${name}.ts`])),
  // volley-chat/react: the elements as React components (React and @lit/react are the host's).
  react: 'src/react/index.ts',
};

const ts = () => typescript({ tsconfig: './tsconfig.json', noEmit: false, declaration: false, allowImportingTsExtensions: false, outDir: undefined, include: ['src/**/*.ts', 'demo/**/*.ts'] });
const resolve = () => nodeResolve({ exportConditions: ['production'] });
const dependencies = ['nanoevents', 'lit', '@lit/context', 'idb-keyval', '@lit/react', 'react'];

/**
 * The demo's emoji data goes beside the bundle's modules, where the composer looks for it by
 * default (`new URL('./emoji-data.json', import.meta.url)`): dist/demo/ and, for the script tag,
 * dist/volley/.
 */
const emojiData = () => ({
  name: 'emoji-data',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'emoji-data.json', source: readFileSync('demo/emoji-data.json') });
  },
});

/**
 * The script tag's volley-chat: where its modules import the package's (src/elements/chat/chat.ts,
 * which defines every element the chat may show), src/widget/chat.ts, which defines those only some
 * people see when the chat first shows them. The package's own files stay as they are.
 */
export const scriptTagChat = () => ({
  name: 'script-tag-chat',
  async resolveId(source, importer, options) {
    if (!importer || /[\\/]src[\\/]widget[\\/]chat\.ts$/.test(importer) || !/chat\.js$/.test(source)) return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    return resolved && /[\\/]src[\\/]elements[\\/]chat[\\/]chat\.ts$/.test(resolved.id) ? fileURLToPath(new URL('src/widget/chat.ts', import.meta.url)) : null;
  },
});

export default [
  // The npm package: ES modules, dependencies left to the host's bundler.
  {
    input: entries,
    external: (id) => dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`)),
    // Whitespace inside html`` and css`` templates goes: terser leaves template text alone.
    plugins: [resolve(), ts(), minifyHtmlLiterals()],
    // No bare `import './chunks/…'` lines for the chunks a chunk's imports import in turn (Rollup's
    // default, to start their download early): those chunks have no side effects, so a host's
    // bundler that honours sideEffects would warn that it ignores each such import (esbuild's
    // ignored-bare-import). A bundler follows the imports itself.
    output: { dir: 'dist', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js', hoistTransitiveImports: false,
      // ChatError and its codes in one chunk (both load with the core): apart, Rollup kept a bare
      // import of the codes' chunk in the engine's, which a host's bundler warns about.
      manualChunks: (id) => (/[\\/]src[\\/]model[\\/]error(s|-codes)\.ts$/.test(id) ? 'errors' : undefined) },
  },
  // The demo page: everything bundled, so it runs from a plain static server.
  {
    input: { main: 'demo/main.ts', host: 'demo/host.ts' },
    plugins: [resolve(), ts(), minifyHtmlLiterals(), terser(), emojiData()],
    output: { dir: 'dist/demo', format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
  },
  // The script tag: dist/volley.js is a classic script that installs window.Volley and imports the
  // ES modules beside it, dist/volley/ (all bundled; rule families and emoji picker on first use).
  {
    input: 'src/widget/volley.ts',
    plugins: [ts(), terser()],
    output: { file: 'dist/volley.js', format: 'iife', sourcemap: true },
  },
  {
    input: { widget: 'src/widget/widget.ts' },
    // Lazy chunks import from widget.js itself rather than through a facade: one request fewer.
    preserveEntrySignatures: 'allow-extension',
    plugins: [scriptTagChat(), resolve(), ts(), minifyHtmlLiterals(), terser(), emojiData()],
    // Every chunk beside widget.js, so the composer's default emoji data is dist/volley/emoji-data.json.
    output: { dir: 'dist/volley', format: 'es', sourcemap: true, chunkFileNames: '[name]-[hash].js' },
  },
];
