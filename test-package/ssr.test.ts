// Server-side rendering (Next.js, Nuxt, any Node process): importing the built package's entries
// with no DOM throws nothing, creates no DOM global and defines no tag; the elements define
// themselves only in a browser. Each check runs in a fresh Node process, as a server imports them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const elementFiles = readdirSync(join(root, 'dist/elements')).filter((name) => name.endsWith('.js')).map((name) => `volley-chat/elements/${name}`);
const ENTRIES = ['volley-chat', 'volley-chat/ws', 'volley-chat/persist', 'volley-chat/rules', 'volley-chat/elements', ...elementFiles, 'volley-chat/react'];

/** Imports `specifiers` in a new Node process; returns the globals they added and what it saw. */
function importInNode(specifiers: string[], then = ''): { added: string[]; tags: string[]; out: unknown } {
  const script = `
    const before = new Set(Object.getOwnPropertyNames(globalThis));
    for (const specifier of ${JSON.stringify(specifiers)}) await import(specifier);
    const added = Object.getOwnPropertyNames(globalThis).filter((key) => !before.has(key)).sort();
    const tags = globalThis.customElements
      ? ['volley-chat', 'volley-launcher', 'volley-thread', 'volley-composer', 'volley-chat-card'].filter((tag) => customElements.get(tag))
      : [];
    const out = await (async () => { ${then} })();
    console.log(JSON.stringify({ added, tags, out }));`;
  // From the repository, so `volley-chat` resolves through package.json's exports to dist/.
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

describe('the package on a server (no DOM)', () => {
  it('is built', () => assert.ok(existsSync(join(root, 'dist/react.js')), 'Run `npm run build` first.'));

  // What Lit's own Node build adds when imported (its customElements shim, version lists): the baseline.
  const lit = importInNode(['lit', '@lit/context', '@lit/react']).added;

  it('Lit alone adds only its own registry and shims, and no window or document', () => {
    for (const name of ['window', 'document', 'HTMLElement', 'navigator', 'self']) assert.ok(!lit.includes(name), name);
  });

  for (const entry of ENTRIES) {
    it(`import '${entry}' throws nothing, adds no global beyond Lit's, defines no tag`, () => {
      const { added, tags } = importInNode([entry]);
      assert.deepEqual(added.filter((name) => !lit.includes(name)), []);
      assert.deepEqual(tags, []);
    });
  }

  it('every entry at once; a React server render of the components writes the tags and no property', () => {
    const { added, tags, out } = importInNode([...ENTRIES, 'react', 'react-dom/server'], `
      const React = await import('react');
      const { renderToString } = await import('react-dom/server');
      const { VolleyChat, VolleyChatCard } = await import('volley-chat/react');
      const client = { secret: 'not for the page' };
      return renderToString(React.createElement('main', null,
        React.createElement(VolleyChat, { client, conversationId: 'c1', theme: 'dark', onVolleySend: () => {} }),
        React.createElement(VolleyChatCard, { provider: 'ivy' })));`);
    assert.deepEqual(added.filter((name) => !lit.includes(name)), []);
    assert.deepEqual(tags, []);
    const html = String(out);
    assert.match(html, /<volley-chat\b[^>]*>/);
    assert.match(html, /<volley-chat-card\b[^>]*>/);
    assert.doesNotMatch(html, /not for the page|\[object Object\]|onVolleySend|function/);
  });
});
