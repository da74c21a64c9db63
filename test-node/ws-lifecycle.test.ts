import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { presets } from '../src/index.ts';
import { createServer } from '../server/src/index.ts';
import { freePort, spawnServer } from '../scripts/server-process.ts';

const SECRET = 'x'.repeat(32);
const root = decodeURIComponent(new URL('..', import.meta.url).pathname);
let dirs: string;
let folders = 0;
before(() => (dirs = mkdtempSync(join(tmpdir(), 'volley-lifecycle-'))));
after(() => rmSync(dirs, { recursive: true, force: true }));
const folder = () => join(dirs, `data-${++folders}`);

const start = (dataDir: string, policy = presets.paidChat()) => createServer({ secret: SECRET, dataDir, port: 0, policy });

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

describe('The data folder belongs to one server at a time', () => {
  it('a second server on the same folder is refused with a clear error while the first keeps serving; after close it starts', async () => {
    const dir = folder();
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

  it('a refused start (another policy) leaves the folder free for the next one', async () => {
    const dir = folder();
    await (await start(dir)).close();
    await assert.rejects(start(dir, presets.teamInbox()), /another policy/);
    await (await start(dir)).close();
  });

  it('the CLI says why in one line and exits non-zero when the folder is in use', async () => {
    const dir = folder();
    const first = await start(dir);
    try {
      const { code, stderr } = await runCli(['--port', '0', '--data', dir, '--secret', SECRET]);
      assert.notEqual(code, 0);
      assert.equal(stderr.trim().split('\n').length, 1, stderr);
      assert.match(stderr, /in use by another server/);
    } finally {
      await first.close();
    }
  });

  it('the lock of a killed server does not block the restart', async () => {
    const dir = folder();
    const child = await spawnServer({ port: await freePort(), dataDir: dir, secret: SECRET, ratePerIp: 1000 });
    // The CLI's policy is the data's own: this start reuses it.
    const restart = () => createServer({ secret: SECRET, dataDir: dir, port: 0 });
    await assert.rejects(restart(), /in use by another server/, 'held while the process lives');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const server = await restart();
    await server.close();
  });
});
