import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { presets, type Policy } from '../src/index.ts';
import { createServer, Journal, MemoryDurableStore } from '../server/src/index.ts';
import { freePort, spawnServer } from '../scripts/server-process.ts';
import { stopStores, storeKinds } from './stores.ts';

const SECRET = 'x'.repeat(32);
const root = decodeURIComponent(new URL('..', import.meta.url).pathname);
let dirs: string;
let folders = 0;
before(() => (dirs = mkdtempSync(join(tmpdir(), 'volley-lifecycle-'))));
after(() => rmSync(dirs, { recursive: true, force: true }));
const folderFor = () => join(dirs, `data-${++folders}`);
const kinds = storeKinds();
after(() => stopStores(kinds));

/** Runs the CLI to its exit: its code and what it printed on stderr. */
function runCli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--conditions=volley-source', '--import', 'tsx', join(root, 'server/src/cli.ts'), ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  // A CLI that never stops on its own fails the test instead of hanging it.
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) => child.once('exit', (code) => {
    clearTimeout(timer);
    resolve({ code, stderr });
  }));
}

for (const kind of kinds) describe(`The data belongs to one server at a time (${kind.name})`, { skip: kind.skip }, () => {
  const folder = () => kind.place();
  const start = (place: string, policy = presets.paidChat()) => createServer({ secret: SECRET, ...kind.server(place), port: 0, policy });

  it('a second server on the same folder is refused with a clear error while the first keeps serving; after close it starts', async () => {
    const dir = await folder();
    const first = await start(dir);
    await assert.rejects(start(dir), (error: Error) => {
      assert.match(error.message, /in use by another server/);
      assert.equal((error as Error & { code?: string }).code, 'data-locked');
      return true;
    });
    assert.equal((await fetch(`${first.url}/health`)).status, 200, 'the first one still serves');
    await first.close();
    const second = await start(dir);
    await second.close();
  });

  it('a refused start (a policy that is not one) leaves the folder free for the next one', async () => {
    const dir = await folder();
    await (await start(dir)).close();
    await assert.rejects(start(dir, { ...presets.teamInbox(), nonsense: {} } as Policy), { code: 'invalid' });
    await (await start(dir)).close();
  });

  it('the CLI says why in one line and exits non-zero when the folder is in use', async () => {
    const dir = await folder();
    const first = await start(dir);
    try {
      const { code, stderr } = await runCli(['--port', '0', ...(kind.name === 'postgres' ? ['--postgres', dir] : ['--data', dir]), '--secret', SECRET]);
      assert.notEqual(code, 0);
      assert.equal(stderr.trim().split('\n').length, 1, stderr);
      assert.match(stderr, /in use by another server/);
    } finally {
      await first.close();
    }
  });

  it('the lock of a killed server does not block the restart', async () => {
    const dir = await folder();
    const uploads = folderFor();
    const child = await spawnServer({ port: await freePort(), dataDir: kind.name === 'postgres' ? uploads : dir, postgres: kind.name === 'postgres' ? dir : undefined, secret: SECRET, ratePerIp: 1000 });
    // The CLI's policy is the data's own: this start reuses it.
    const restart = () => createServer({ secret: SECRET, ...kind.server(dir), port: 0 });
    await assert.rejects(restart(), /in use by another server/, 'held while the process lives');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const server = await restart();
    await server.close();
  });
});

/** A store whose disk fails on demand: `flush` throws once `failing` is set. */
class FailingStore extends MemoryDurableStore {
  failing = false;
  override flush(): void {
    if (this.failing) throw new Error('disk full');
    super.flush();
  }
}

const user = (id: string) => ({ name: 'upsertUser' as const, args: [{ id, role: 'customer' as const }] as [{ id: string; role: 'customer' }] });

describe('A store that cannot make a batch durable: reported, never process.exit', () => {
  it('the journal rejects the batch, reports once, refuses later work and rejects close with the error (no onFatal: the process keeps running)', async () => {
    const store = new FailingStore();
    const journal = await Journal.open({ store, policy: presets.paidChat() });
    await journal.host(user('c1'));
    store.failing = true;
    await assert.rejects(journal.host(user('c2')), /disk full/);
    await assert.rejects(journal.host(user('c3')), { code: 'unavailable' });
    await assert.rejects(journal.close(), /disk full/);
  });

  it('onFatal hears the error once', async () => {
    const store = new FailingStore();
    const heard: unknown[] = [];
    const journal = await Journal.open({ store, policy: presets.paidChat(), onFatal: (error) => heard.push(error) });
    store.failing = true;
    await Promise.allSettled([journal.host(user('c1')), journal.host(user('c2'))]);
    assert.equal(heard.length, 1);
    assert.match(String(heard[0]), /disk full/);
    await assert.rejects(journal.close(), /disk full/);
  });

  it('the server stops listening and drops its sockets, then tells onFatal; close rejects with the error', async () => {
    const store = new FailingStore();
    let report!: (error: unknown) => void;
    const reported = new Promise<unknown>((resolve) => (report = resolve));
    const server = await createServer({ secret: SECRET, store, port: 0, policy: presets.paidChat(), onFatal: (error) => report(error) });
    assert.equal((await fetch(`${server.url}/health`)).status, 200);
    store.failing = true;
    await assert.rejects(server.host(user('c1')), /disk full/);
    assert.match(String(await reported), /disk full/);
    await assert.rejects(fetch(`${server.url}/health`), 'no longer listening');
    assert.equal(server.connections(), 0);
    await assert.rejects(server.close(), /disk full/);
  });
});
