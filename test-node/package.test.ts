// The package's shape, from the sources (no build needed): every element tag is defined in its
// own entry file, documented in custom-elements.json and typed in HTMLElementTagNameMap; the
// exports map and sideEffects name what the build produces; the README's examples are the ones
// the demo page and the host-app example run. test-package/ checks the built files themselves.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
// @ts-expect-error: plain ES modules without types
import { definedTags } from '../custom-elements-manifest.config.mjs';
// @ts-expect-error: plain ES modules without types
import { entries } from '../rollup.config.mjs';

interface Defined { tag: string; className: string; name: string; file: string }
interface Manifest {
  modules: { path: string; declarations?: { name: string; tagName?: string; attributes?: { name: string; fieldName?: string }[]; events?: { name: string }[]; cssParts?: unknown[] }[]; exports?: { kind: string; name: string }[] }[];
}

const tags = definedTags() as Defined[];
const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const pkg = JSON.parse(read('package.json'));
const sourceEntries = entries as Record<string, string>;

/** custom-elements.json as the build makes it, written to a scratch folder. */
function analyze(): Manifest {
  const outdir = '.cache/package-test';
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  execFileSync(process.execPath, ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--quiet', '--outdir', outdir], { stdio: 'pipe' });
  return JSON.parse(readFileSync(`${outdir}/custom-elements.json`, 'utf8'));
}

describe('the elements: tags, manifest and types', () => {
  it('every element folder defines one volley- tag from its <name>.ts file', () => {
    assert.ok(tags.length >= 11, `found ${tags.length} tags`);
    assert.ok(tags.some((t) => t.tag === 'volley-launcher'));
    for (const { tag, name } of tags) assert.equal(tag, `volley-${name}`, `${name}/${name}.ts defines ${tag}`);
  });

  it('custom-elements.json holds every tag, with attributes but no private state, and only named volley- events', () => {
    const manifest = analyze();
    const declarations = manifest.modules.flatMap((m) => m.declarations ?? []);
    const documented = declarations.filter((d) => d.tagName).map((d) => `${d.tagName} ${d.name}`).sort();
    assert.deepEqual(documented, tags.map((t) => `${t.tag} ${t.className}`).sort());
    const definitions = manifest.modules.flatMap((m) => (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => `${m.path} ${e.name}`)).sort();
    assert.deepEqual(definitions, tags.map((t) => `dist/elements/${t.name}.js ${t.tag}`).sort());

    const launcher = declarations.find((d) => d.tagName === 'volley-launcher')!;
    assert.deepEqual(launcher.attributes!.map((a) => a.name).sort(), ['conversation-id', 'position', 'theme']);
    assert.deepEqual(launcher.events!.map((e) => e.name), ['volley-toggle']);
    assert.ok(launcher.cssParts!.length >= 5);
    // `selected` and `pane` are volley-chat's private state (`state: true`): no attributes.
    const chat = declarations.find((d) => d.tagName === 'volley-chat')!;
    assert.deepEqual(chat.attributes!.map((a) => a.name).sort(), ['call-url', 'conversation-id', 'theme']);
    for (const declaration of declarations.filter((d) => d.tagName)) {
      for (const event of declaration.events ?? []) assert.match(event.name, /^volley-[a-z-]+$/, `${declaration.tagName} event ${event.name}`);
    }
  });

  it('test-types/tags.ts (type-checked by npm run typecheck) holds every tag', () => {
    const typed = [...read('test-types/tags.ts').matchAll(/mapped<'([\w-]+)', (\w+)>\('([\w-]+)'\)/g)];
    for (const [, tag, , again] of typed) assert.equal(tag, again);
    assert.deepEqual(typed.map(([, tag, className]) => `${tag} ${className}`).sort(), tags.map((t) => `${t.tag} ${t.className}`).sort());
  });
});

describe('the package: entries, exports and side effects', () => {
  /** The build entry a dist file comes from: dist/elements/chat.js ← 'elements/chat'. */
  const entryOf = (target: string) => target.replace(/^\.\/dist\//, '').replace(/\.js$/, '');
  const typesOf = (source: string) => `./dist/types/${source.replace(/^src\//, '').replace(/\.ts$/, '.d.ts')}`;

  it('each element file is an entry of its own, so its define call stays in dist/elements/<name>.js', () => {
    for (const { name, file } of tags) assert.equal(sourceEntries[`elements/${name}`], file);
    const elementEntries = Object.keys(sourceEntries).filter((key) => key.startsWith('elements/')).sort();
    assert.deepEqual(elementEntries, ['elements/index', ...tags.map((t) => `elements/${t.name}`)].sort());
  });

  it('sideEffects names exactly the files that define tags: dist/elements/*.js and dist/react.js', () => {
    assert.deepEqual(pkg.sideEffects, ['./dist/elements/*.js', './dist/react.js']);
  });

  it('every export points at a file the build writes, with its types', () => {
    for (const [subpath, target] of Object.entries(pkg.exports as Record<string, string | Record<string, string>>)) {
      if (typeof target === 'string') continue;
      if (subpath === './elements/*.js') {
        for (const { name, file } of tags) {
          assert.equal(target.import.replace('*', name), `./dist/elements/${name}.js`);
          assert.equal(target.types.replaceAll('*', name), typesOf(file), `${subpath} types for ${name}`);
        }
        continue;
      }
      const source = sourceEntries[entryOf(target.import)];
      assert.ok(source, `${subpath} → ${target.import}: no build entry writes it`);
      assert.equal(target.types, typesOf(source), `${subpath} types`);
    }
    for (const subpath of ['.', './elements', './elements/*.js', './persist', './rules']) assert.ok(pkg.exports[subpath], `exports ${subpath}`);
  });

  it('ships the build and custom-elements.json, and names the manifest', () => {
    assert.deepEqual([...pkg.files].sort(), ['custom-elements.json', 'dist']);
    assert.equal(pkg.customElements, 'custom-elements.json');
    assert.match(pkg.scripts.build, /cem analyze/);
  });
});

describe('the README examples are the ones that run', () => {
  const readme = read('README.md');

  it('the script tag in the README is the demo page\'s (demo/script-tag.html), but for where the file is served', () => {
    const attributes = (tag: string) => tag.replace(/\ssrc="[^"]*"/, '');
    const inReadme = readme.match(/<script src="[^"]*volley\.js"[^>]*><\/script>/)?.[0];
    const inPage = read('demo/script-tag.html').match(/^\s*<script src="[^"]*volley\.js"[^>]*><\/script>/m)?.[0].trim();
    assert.ok(inReadme && inPage);
    assert.equal(attributes(inReadme), attributes(inPage));
  });

  it('every line of the README\'s npm example is in examples/host-app/main.ts', () => {
    const example = readme.match(/<!-- host-app -->\s*```ts\n([\s\S]*?)```/)?.[1];
    assert.ok(example, 'the README marks its npm example with <!-- host-app -->');
    const main = read('examples/host-app/main.ts');
    for (const line of example.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('//'))) {
      assert.ok(main.includes(line), `examples/host-app/main.ts lacks: ${line}`);
    }
  });
});
