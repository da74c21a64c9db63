/**
 * Restart time to the first accepted login, with a long history. Writes `RESTART_MESSAGES`
 * messages (default 200,000) in `RESTART_CHATS` conversations (default 500) through the journal
 * on the SQLite store, each followed by the receiver's `delivered` (as clients send it today: two
 * journal rows a message), then starts the CLI server on that data and times from the spawn to the
 * first `welcome` on a WebSocket:
 *
 *   - after a clean stop (a snapshot covers everything: nothing to replay),
 *   - after a SIGKILL (the latest periodic snapshot, then the entries after it),
 *   - with no snapshot at all (the whole journal replayed: how every restart worked before snapshots).
 *
 *   node --conditions=volley-source --import tsx bench/restart.bench.ts
 */
import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { presets, type Policy } from '../src/index.ts';
import { Journal, SqliteStore } from '../server/src/index.ts';
import { signToken } from '../server/src/token.ts';
import { WebSocket } from '../test-node/ws-fixtures.ts';
import { freePort } from '../scripts/server-process.ts';

const MESSAGES = Number(process.env.RESTART_MESSAGES ?? 200_000);
const CHATS = Number(process.env.RESTART_CHATS ?? 500);
const SECRET = 'bench-secret-0123456789abcdef';
const root = decodeURIComponent(new URL('..', import.meta.url).pathname);
const work = mkdtempSync(join(tmpdir(), 'volley-restart-'));
// The CLI's policy when none is given: the defaults (the data keeps its own).
const policy: Policy | undefined = process.env.RESTART_POLICY ? (presets as Record<string, () => Policy>)[process.env.RESTART_POLICY]() : undefined;

/**
 * Writes messages `from`…`to` of the history (the conversations first, on new data). `snapshotEvery:
 * Infinity` writes no snapshot. Stops without `close()` (a SIGKILL): the last snapshot is a periodic one.
 */
async function write(dataDir: string, snapshotEvery: number, from: number, to: number): Promise<{ seconds: number; entries: number; opened: number }> {
  const began = performance.now();
  const journal = await Journal.open({ store: new SqliteStore(dataDir), policy, snapshotEvery });
  const opened = (performance.now() - began) / 1000;
  const run = (userId: string, command: unknown) => new Promise<any>((resolve, reject) => journal.command(userId, command, (o) => (o.ok ? resolve(o.value) : reject(o.error))));
  const chats: { id: string; customer: string; provider: string }[] = [];
  for (let i = 0; i < CHATS; i++) {
    if (journal.fresh) {
      await journal.host({ name: 'upsertUser', args: [{ id: `cust-${i}`, role: 'customer', name: `Customer ${i}` }] });
      await journal.host({ name: 'upsertUser', args: [{ id: `prov-${i}`, role: 'provider', name: `Provider ${i}` }] });
    }
    const { id } = await run(`cust-${i}`, { type: 'start', with: `prov-${i}` });
    chats.push({ id, customer: `cust-${i}`, provider: `prov-${i}` });
  }
  const CHUNK = 2000;
  for (let start = from; start < to; start += CHUNK) {
    const pending: Promise<unknown>[] = [];
    for (let n = start; n < Math.min(to, start + CHUNK); n++) {
      const chat = chats[n % CHATS];
      const round = Math.floor(n / CHATS);
      // Customers and providers take turns, so no send limit refuses anything.
      const [from, to] = round % 2 === 0 ? [chat.customer, chat.provider] : [chat.provider, chat.customer];
      pending.push(run(from, { type: 'send', conversationId: chat.id, message: { id: `m-${n}`, kind: 'text', text: `message ${n} of the history, about this long` } }));
      pending.push(run(to, { type: 'delivered', conversationId: chat.id, seq: round + 1 }));
    }
    await Promise.all(pending);
  }
  const entries = (await journal.store.load()).entries.length;
  // A SIGKILL: no snapshot at the stop, nothing more reaches the disk.
  journal.clock.stop();
  journal.engine.dispose();
  journal.store.close();
  return { seconds: (performance.now() - began) / 1000, entries, opened };
}

/** Spawns the CLI on the data and times the first accepted login; returns the seconds and what the server said it restored. */
async function restart(dataDir: string): Promise<{ seconds: number; said: string; closed: number }> {
  const port = await freePort();
  const began = performance.now();
  const child = spawn(process.execPath, [
    '--conditions=volley-source', '--import', 'tsx', join(root, 'server/src/cli.ts'),
    '--port', String(port), '--data', dataDir, '--secret', SECRET,
  ], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let said = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      said += chunk;
      if (said.includes('volley-chat-server: ws://')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`The server exited (${code}) before it was ready.`)));
  });
  const token = signToken({ sub: 'cust-0', role: 'customer', exp: Math.floor(Date.now() / 1000) + 3600 }, SECRET);
  await new Promise<void>((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    socket.once('open', () => socket.send(JSON.stringify({ v: 1, auth: { token } })));
    socket.on('message', (data) => {
      if (!String(data).includes('"welcome"')) return;
      socket.terminate();
      resolve();
    });
    socket.once('error', reject);
  });
  const seconds = (performance.now() - began) / 1000;
  // A clean stop: SIGTERM closes the journal, which writes a snapshot.
  const stopped = performance.now();
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  return { seconds, said: said.split('\n')[0].replace(/^.*\(/, '(').trim(), closed: (performance.now() - stopped) / 1000 };
}

const mb = (dir: string) => `${(statSync(join(dir, 'volley.sqlite')).size / 2 ** 20).toFixed(0)} MB`;
const killed = join(work, 'killed');
const none = join(work, 'no-snapshots');
console.log(`Restart with ${MESSAGES.toLocaleString('en')} messages in ${CHATS} conversations (2 journal rows a message)`);
// One history, written once with no snapshot; the other data are copies of it. The last 5 % of
// the messages (10 % of the default snapshot interval's rows at 200,000) come after a snapshot.
const TAIL = Math.min(5000, Math.floor(MESSAGES / 10));
const written = await write(none, Number.POSITIVE_INFINITY, 0, MESSAGES - TAIL);
console.log(`  history written in ${written.seconds.toFixed(1)} s; no snapshot: ${written.entries} journal entries`);
const empty = join(work, 'empty');
await write(empty, 20_000, 0, 0);
cpSync(none, killed, { recursive: true });
// Opened on the whole journal (timed: the replay in this process), its first batch snapshots everything; then a tail, then a SIGKILL.
const tail = await write(killed, Math.min(20_000, written.entries), MESSAGES - TAIL, MESSAGES);
console.log(`  in process: Journal.open replayed the ${written.entries} entries in ${tail.opened.toFixed(2)} s; then ${tail.entries} entries after the snapshot at the kill (${mb(killed)})`);
await write(none, Number.POSITIVE_INFINITY, MESSAGES - TAIL, MESSAGES);
const clean = join(work, 'clean');
cpSync(killed, clean, { recursive: true });

const rows: [string, Awaited<ReturnType<typeof restart>>][] = [];
rows.push(['empty data (the process and its modules)', await restart(empty)]);
rows.push(['after a SIGKILL (snapshot + tail)', await restart(killed)]);
// `clean` is the killed data: its first start replays the tail, its SIGTERM writes the snapshot; the second start is after a clean stop.
await restart(clean);
rows.push(['after a clean stop (snapshot, no tail)', await restart(clean)]);
rows.push(['with no snapshot (whole journal: before snapshots)', await restart(none)]);
for (const [name, result] of rows) {
  console.log(`  ${name.padEnd(52)} ${result.seconds.toFixed(2)} s to the first login  ${result.said}; its clean stop took ${result.closed.toFixed(2)} s`);
}
rmSync(work, { recursive: true, force: true });
