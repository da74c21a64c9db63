#!/usr/bin/env node
// Prints each entry's size as a host ships it (dependencies bundled, minified, gzipped) and fails
// when one is over its budget. "On load" is the entry with every chunk it imports statically;
// the parts loaded on first use (rule families, dialogs, the emoji picker) are listed below it.
import { rollup } from 'rollup';
import terser from '@rollup/plugin-terser';
import { shippedSource } from './measure-plugins.mjs';
import { scriptTagChat } from '../rollup.config.mjs';
import { gzipSync } from 'node:zlib';
import { dirname, resolve as resolvePath } from 'node:path';

const KB = 1024;
const entries = [
  { name: 'volley-chat: engine + client + local transport', input: ['src/index.ts'], budget: 12 * KB },
  { name: 'volley-chat/rules: every pure rule', input: ['src/rules/index.ts'] },
  { name: 'volley-chat/persist: IndexedDB, tabs, outbox (+ idb-keyval)', input: ['src/persist/index.ts'], budget: 2.5 * KB },
  {
    // The parts loaded on first use (rule families, dialogs, the emoji picker) are not counted:
    // a page downloads them only when its policy or its user needs them. The figure with them
    // is printed below the budget line.
    name: 'volley-chat/elements: every element + core + Lit',
    input: ['src/index.ts', 'src/elements/index.ts'],
    budget: 40 * KB,
    counts: 'on load',
  },
  {
    // volley-chat/react on its own: the wrappers and their event maps; the elements, Lit,
    // @lit/react and React are counted apart (React is the host's; the elements are the line above).
    name: 'volley-chat/react: its own code (elements, Lit, React external)',
    input: ['src/react/index.ts'],
    // Everything outside src/react/ is external (the entry itself has no importer).
    external: (id, importer) => importer !== undefined && !/[\\/]src[\\/]react[\\/]/.test(id.startsWith('.') ? resolvePath(dirname(importer), id) : id),
  },
  {
    // With what it brings beyond React: every element (and the client they use), Lit and @lit/react.
    name: 'volley-chat/react: + every element, Lit, @lit/react (React external)',
    input: ['src/react/index.ts'],
    external: (id) => id === 'react' || id.startsWith('react/'),
  },
  {
    // The script tag: the classic loader plus every module a mount imports at once (the launcher,
    // the client and Lit; the demo world and the transports load with the mount that uses them),
    // each file gzipped on its own as the browser fetches it. What a browser really fetches on a
    // server, through the first message, is measured in one by scripts/size-loaded.mjs (below).
    name: 'dist/volley.js: loader + what a mount loads at once',
    input: ['src/widget/widget.ts'],
    loader: 'src/widget/volley.ts',
    budget: 40 * KB,
    // Other figures a page may see: the panel's elements load when the bubble is first opened (or
    // hovered, or focused); a mount on a server (data-transport="wss://…") loads these at once, and
    // one with a provider's card (data-card) the card.
    alsoShown: { 'the in-page demo (data-transport="local", the default), at once': ['demo-world'], 'once the panel is open': ['chat', 'launcher.panel'], 'a mount on a server, at once': ['ws', 'persist'], 'a mount with a chat card (data-card), at once': ['chat-card'] },
  },
];

const gz = (code) => gzipSync(code, { level: 9 }).length;
const kb = (n) => `${(n / KB).toFixed(2)} KB`;
const row = (name, min, zipped, budget = '') => console.log(name.padEnd(66), min.padStart(10), zipped.padStart(10), budget.padStart(14));

/** A classic script (the script tag's loader), minified. */
async function classicScript(input) {
  const bundle = await rollup({ input, plugins: [...shippedSource(), terser({ compress: { passes: 2 } })] });
  const { output } = await bundle.generate({ format: 'iife' });
  await bundle.close();
  return output[0].code;
}

let over = false;
row('entry', 'min', 'gzip', 'budget');
for (const { name, input, budget, loader, external, alsoShown = {} } of entries) {
  const bundle = await rollup({
    input,
    external,
    // As the script tag's build: its lazy chunks import from the entry, not through a facade.
    ...(loader ? { preserveEntrySignatures: 'allow-extension' } : {}),
    plugins: [...(loader ? [scriptTagChat()] : []), ...shippedSource(), terser({ module: true, compress: { passes: 2 } })],
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
    for (const file of chunk.imports) if (byFile.has(file)) visit(byFile.get(file));
  };
  chunks.filter((chunk) => chunk.isEntry).forEach(visit);
  const join = (list) => list.map((chunk) => chunk.code).join('\n');
  const onLoad = join([...loaded]);
  const lazy = chunks.filter((chunk) => !loaded.has(chunk));
  const files = [...loaded].map((chunk) => chunk.code);
  if (loader) files.unshift(await classicScript(loader));
  const size = loader ? files.reduce((sum, code) => sum + gz(code), 0) : gz(onLoad);
  const ok = budget === undefined || size <= budget;
  over ||= !ok;
  row(name, kb(loader ? files.join('').length : onLoad.length), kb(size), budget === undefined ? '' : `${kb(budget)}${ok ? '' : ' OVER'}`);
  for (const chunk of lazy) row(`  + on first use: ${chunk.name}`, kb(chunk.code.length), kb(gz(chunk.code)));
  for (const [label, names] of Object.entries(alsoShown)) {
    // The named chunks and every chunk they import statically that the mount did not load yet.
    const more = new Set();
    const add = (chunk) => {
      if (loaded.has(chunk) || more.has(chunk)) return;
      more.add(chunk);
      for (const file of chunk.imports) add(byFile.get(file));
    };
    lazy.filter((chunk) => names.includes(chunk.name)).forEach(add);
    row(`  = ${label} (+ ${names.join(', ')})`, kb(files.join('').length + join([...more]).length), kb([...more].reduce((sum, chunk) => sum + gz(chunk.code), size)));
  }
  if (lazy.length) {
    const all = join(chunks);
    row('  = with every on-first-use chunk', kb(all.length), kb(gz(all)));
  }
}
if (over) {
  console.error('An entry is over its size budget.');
  process.exit(1);
}
