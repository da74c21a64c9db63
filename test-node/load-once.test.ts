import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadOnce } from '../src/model/load-once.ts';

/** An importer whose first `failures` calls fail as a browser's import does when the server is gone. */
function flaky(failures: number) {
  let calls = 0;
  const importer = async () => {
    calls++;
    if (calls <= failures) throw new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1:5173/error-texts-x.js');
    return { loaded: calls };
  };
  return { importer, calls: () => calls };
}

describe('loadOnce: a chunk loads once, and a failed load is tried again', () => {
  it('an importer that fails once is called again on the next use, which then succeeds', async () => {
    const { importer, calls } = flaky(1);
    const load = loadOnce(importer);
    await assert.rejects(async () => load(), /Failed to fetch dynamically imported module/);
    assert.equal(load.value, undefined);
    assert.deepEqual(await load(), { loaded: 2 });
    assert.equal(calls(), 2);
  });

  it('once loaded it is handed over at once, without calling the importer again', async () => {
    const { importer, calls } = flaky(0);
    const load = loadOnce(importer);
    const module = await load();
    assert.equal(load(), module, 'not a promise: the module itself');
    assert.equal(load.value, module);
    assert.equal(calls(), 1);
  });

  it('callers during a load share it: one import', async () => {
    const { importer, calls } = flaky(0);
    const load = loadOnce(importer);
    const [a, b] = await Promise.all([load(), load()]);
    assert.equal(a, b);
    assert.equal(calls(), 1);
  });
});
