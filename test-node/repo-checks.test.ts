import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KNOWN_CIRCLE, cycles, graph, importsOf, violations, type Edge } from '../scripts/import-graph.mjs';
import { documented, problems } from '../scripts/rule-ids.mjs';

// The repository's own checks: the import graph of src/ (no circles, no import from a lower layer
// to a higher one: model → rules, protocol → engine → transport → client → persist → elements →
// react, widget) and docs/rules.md (every cited rule id defined, every named path there).

const edge = (to: string, typeOnly = false): Edge => ({ spec: to, to, typeOnly, lazy: false });

describe('the import graph of src/', () => {
  it('has no circle but the engine desks\' one, and no backward import', () => {
    const { edges, unresolved } = graph();
    assert.deepEqual(unresolved, []);
    const circles = cycles(edges).filter((circle) => !circle.every((file) => KNOWN_CIRCLE.has(file)));
    assert.deepEqual(circles, []);
    assert.deepEqual(violations(edges), []);
  });

  it('reads every kind of import, type-only and lazy ones too', () => {
    const found = importsOf(`
      import { a } from './a.js';
      import type { B } from "./b.js";
      import { type C, type D } from './c.js';
      import { type E, f } from './e.js';
      import './side-effect.js';
      export * from './star.js';
      export { g } from './g.js';
      export type { H } from './h.js';
      // import { commented } from './commented.js';
      /* import './block-commented.js'; */
      const lazy = () => import('./lazy.js');
      import { external } from 'lit';
      export const notAnImport = 'from "./string.js"';
    `);
    assert.deepEqual(found.map((i) => [i.spec, i.typeOnly, i.lazy]), [
      ['./a.js', false, false], ['./b.js', true, false], ['./c.js', true, false], ['./e.js', false, false],
      ['./side-effect.js', false, false], ['./star.js', false, false], ['./g.js', false, false], ['./h.js', true, false],
      ['./lazy.js', false, true],
    ]);
  });

  it('finds a circle made of a lazy import one way and a type import back', () => {
    const edges = new Map([
      ['elements/x/x.component.ts', [edge('elements/x/x.part.ts')]],
      ['elements/x/x.part.ts', [edge('elements/x/x.component.ts', true)]],
      ['model/types.ts', []],
    ]);
    assert.deepEqual(cycles(edges), [['elements/x/x.component.ts', 'elements/x/x.part.ts']]);
  });

  it('finds an import into a higher layer and one into another element\'s inner module', () => {
    const edges = new Map([
      ['rules/quiet-hours.ts', [edge('engine/adapters.ts', true), edge('model/types.ts')]],
      ['elements/feed/feed.list.ts', [edge('elements/inbox/preview.ts'), edge('elements/shared/format.ts')]],
      ['elements/chat/chat.ts', [edge('elements/thread/thread.ts'), edge('elements/thread/thread.strings.ts')]],
      ['elements/thread/thread.component.ts', [edge('client/client.ts'), edge('model/clock.ts')]],
    ]);
    const found = violations(edges);
    assert.equal(found.length, 2, found.join('\n'));
    assert.match(found[0], /^rules\/quiet-hours\.ts → engine\/adapters\.ts/);
    assert.match(found[1], /^elements\/feed\/feed\.list\.ts → elements\/inbox\/preview\.ts/);
  });
});

describe('docs/rules.md', () => {
  it('defines every rule id cited in src/, server/ and the tests, and every path it names exists', () => {
    assert.deepEqual(problems(), []);
  });

  it('reads the ids of its rows and the paths they name', () => {
    const { ids, paths } = documented('| Id | Rule |\n| --- | --- |\n| P12 | Typing | `src/engine/presence-desk.ts` | `test-node/x.test.ts` |\nP4 in prose\n');
    assert.deepEqual([...ids], ['P12']);
    assert.deepEqual([...paths], ['src/engine/presence-desk.ts', 'test-node/x.test.ts']);
  });
});
