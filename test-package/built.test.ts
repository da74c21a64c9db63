// The built package as a user receives it (`npm run build` first; `npm test` runs this after the
// smoke test's build): every export resolves to a file, only the files that define tags are
// marked as having side effects, the host-app example type-checks and bundles against it by
// package name, and dist/volley.js works in a real browser under a strict CSP with one global.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
// esbuild comes with the dev tools (tsx, vite): the bundler of many hosts, and the strictest about sideEffects.
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { findChromium } from '../scripts/find-chromium.mjs';
// @ts-expect-error: plain ES modules without types
import { startServer } from '../scripts/serve.mjs';
// @ts-expect-error: plain ES modules without types
import exampleConfig from '../examples/host-app/rollup.config.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? files(path) : [path];
});

before(() => {
  assert.ok(existsSync(join(root, 'dist/index.js')) && existsSync(join(root, 'custom-elements.json')), 'Run `npm run build` first.');
});

describe('the built package', () => {
  it('every export resolves to a built file, types included', () => {
    for (const [subpath, target] of Object.entries(pkg.exports as Record<string, string | Record<string, string>>)) {
      const targets = typeof target === 'string' ? [target] : [target.import, target.types];
      for (const path of targets) {
        if (path.includes('*')) {
          const [dir, tail] = path.split('*', 2);
          assert.ok(readdirSync(join(root, dir)).some((name) => name.endsWith(tail.split('/').pop()!)), `${subpath}: nothing matches ${path}`);
        } else {
          assert.ok(existsSync(join(root, path)), `${subpath}: ${path} is missing`);
        }
      }
    }
    // Node resolves the package by its own name through the same map.
    for (const specifier of ['volley-chat', 'volley-chat/elements', 'volley-chat/elements/launcher.js', 'volley-chat/persist', 'volley-chat/rules']) {
      assert.ok(existsSync(fileURLToPath(import.meta.resolve(specifier))), specifier);
    }
  });

  it('the files that define tags are exactly those sideEffects names', () => {
    const patterns = (pkg.sideEffects as string[]).map((glob) => new RegExp(`^${glob.replace(/^\.\//, '').replace(/[.]/g, '\\.').replace('*', '[^/]+')}$`));
    const shipped = files(join(root, 'dist')).map((path) => relative(root, path))
      // The demo and the script tag are bundles of their own, not modules a bundler imports.
      .filter((path) => path.endsWith('.js') && !/^dist\/(demo|volley)[/.]/.test(path));
    // A file defines tags when it calls define('volley-…') at its top level (a statement of its own
    // line: the package is not minified) or statically imports a file that does. A define inside a
    // function (the emoji picker's, called by the composer once loaded) is no side effect of importing.
    const source = new Map(shipped.map((path) => [path, readFileSync(join(root, path), 'utf8')]));
    const defines = (path: string): boolean => /^define\(\s*['"]volley-/m.test(source.get(path)!)
      || [...source.get(path)!.matchAll(/\b(?:import|from)\s*['"](\.[^'"]+)['"]/g)].some(([, file]) => defines(join(path, '..', file)));
    const defining = shipped.filter(defines);
    const marked = shipped.filter((path) => patterns.some((pattern) => pattern.test(path)));
    assert.ok(defining.length >= 11, `${defining.length} defining files`);
    assert.deepEqual(marked.sort(), defining.sort());
  });

  it('a host\'s bundler (esbuild) bundles every export by the package\'s name without a warning', async () => {
    // Each subpath as a host imports it; the element files one by one. A bare import of a chunk
    // that sideEffects calls pure (Rollup's hoisted transitive imports) is an ignored-bare-import warning.
    const elements = readdirSync(join(root, 'dist/elements')).filter((name) => name.endsWith('.js')).map((name) => `volley-chat/elements/${name}`);
    const specifiers = [...Object.keys(pkg.exports).filter((subpath) => !/\*|package\.json/.test(subpath)).map((subpath) => subpath.replace(/^\./, 'volley-chat')), ...elements];
    for (const specifier of specifiers) {
      const result = await build({
        stdin: { contents: `export * from '${specifier}';`, resolveDir: root, loader: 'js' },
        bundle: true, write: false, format: 'esm', logLevel: 'silent',
      });
      assert.deepEqual(result.warnings.map((warning) => `${warning.id}: ${warning.text} (${warning.location?.file})`), [], specifier);
    }
  });

  it('the host-app example type-checks and bundles against the package by name', async () => {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'examples/host-app')], { stdio: 'pipe' });
    const bundle = await rollup({ ...exampleConfig, onwarn: () => undefined });
    const { output } = await bundle.generate({ format: 'es' });
    await bundle.close();
    const modules = output.flatMap((chunk) => (chunk.type === 'chunk' ? chunk.moduleIds : [])).map((id) => relative(root, id));
    // Volley's code came from dist/, through the exports map, never from src/.
    assert.ok(modules.some((id) => id.startsWith('dist/elements/chat.js')), 'volley-chat/elements/chat.js');
    assert.ok(modules.some((id) => id.startsWith('dist/persist')), 'volley-chat/persist');
    assert.deepEqual(modules.filter((id) => id.startsWith('src/')), []);
    const code = output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('\n');
    assert.match(code, /define\(['"]volley-chat['"]/);
  });
});

describe('dist/volley.js in a browser', () => {
  let browser: Browser;
  let server: { close(): void; address(): { port: number } };
  before(async () => {
    server = await startServer({ listenPort: 0, listenHost: '127.0.0.1' });
    const { CHROMIUM_ARGS } = { CHROMIUM_ARGS: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'] };
    browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  it('one tag mounts the bubble onto a live chat; a second copy changes nothing; Volley is the one global of its own', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(`http://127.0.0.1:${server.address().port}/script-tag.html`);
    await page.locator('volley-launcher button[part~=bubble]').waitFor();
    // What the page's window has that a blank frame's has not: Volley, and Lit's own registry
    // (the versions list and property metadata every copy of Lit shares on a page).
    const added = await page.evaluate(() => {
      const frame = document.createElement('iframe');
      document.body.append(frame);
      const blank = frame.contentWindow!;
      // (Numeric keys are the page's frames, this one included.)
      const keys = Object.keys(window).filter((key) => !(key in blank) && !/^\d+$/.test(key));
      frame.remove();
      return keys.sort();
    });
    assert.deepEqual(added, ['Volley', 'litElementVersions', 'litHtmlVersions', 'litPropertyMetadata', 'reactiveElementVersions']);

    await page.evaluate(() => ((window as unknown as { first: unknown }).first = window.Volley));
    await page.addScriptTag({ url: '/dist/volley.js' });
    assert.equal(await page.evaluate(() => (window as unknown as { first: unknown }).first === window.Volley), true);
    assert.equal(await page.locator('volley-launcher').count(), 1);

    await page.locator('volley-launcher button[part~=bubble]').click();
    const message = (text: string) => page.locator('volley-launcher volley-thread [part~=bubble]', { hasText: text });
    await message('Are you around tonight?').waitFor();
    const field = page.locator('volley-launcher volley-composer textarea');
    await field.fill('See you at nine');
    await page.locator('volley-launcher volley-composer [part~=send-button]').click();
    await message('See you at nine').waitFor();
    // The demo's other side answers.
    await message('thank you!').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('volley-launcher [part~=panel]').waitFor({ state: 'detached' });
    assert.deepEqual(errors, []);
    await page.close();
  });
});
