/**
 * The reference server over its life, not a test's minute: does memory or restart time grow with
 * history? A child process fills a SQLite data folder through the server's journal (the same code
 * path as the wire, minus the sockets) with a fixed set of conversations, and reports its heap
 * after a forced GC at each checkpoint. The data is then left the two ways a server stops: cleanly
 * (`close()`) and killed (SIGKILL mid-run). For each, the real server (the CLI) is started on the
 * folder and timed to the first accepted login; the same start on empty data is the baseline (the
 * runtime's own start-up).
 *
 *   npm run bench:server-life                                  # 100,000 and 1,000,000 messages
 *   BENCH_LIFE_MESSAGES=20000,200000 npm run bench:server-life # a quicker run
 *   npm run bench:server-life -- --postgres                    # on PostgreSQL (a throwaway cluster, fsync on)
 *
 * `BENCH_LIFE_CONVERSATIONS` (default 500) is held constant while the history grows.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signToken } from '../server/src/token.ts';
import { WebSocket } from '../test-node/ws-fixtures.ts';
import { freePort, isBuilt, spawnServer } from '../scripts/server-process.ts';
import { startPostgres } from '../test-node/postgres.ts';

const CHECKPOINTS = (process.env.BENCH_LIFE_MESSAGES ?? '100000,1000000').split(',').map(Number);
const CONVERSATIONS = Number(process.env.BENCH_LIFE_CONVERSATIONS ?? 500);
const PROVIDERS = Math.max(1, Math.round(CONVERSATIONS / 10));
const SECRET = 'life-bench-secret-0123456789abcdef';
const IN_FLIGHT = 512;
const self = fileURLToPath(import.meta.url);
/** The built server when there is one (`npm run build`): a restart timed as an operator runs it, not compiling TypeScript first. */
const COMPILED = isBuilt();

if (process.argv[2] === 'fill') await fill(process.argv[3], process.argv[4] === 'kill');
else await main();

/** The child: fills the folder, prints `{"messages":n,"heapMB":x,"seconds":s}` at each checkpoint. */
async function fill(place: string, kill: boolean): Promise<void> {
  const { Journal, PgStore, SqliteStore } = await import('../server/src/index.ts');
  const store = place.startsWith('postgres://') ? await PgStore.open(place) : new SqliteStore(place);
  // The snapshot interval the server runs this store with.
  const journal = await Journal.open({ store, snapshotEvery: 'snapshotEvery' in store ? store.snapshotEvery : undefined });
  for (let p = 0; p < PROVIDERS; p++) void journal.host({ name: 'upsertUser', args: [{ id: `prov-${p}`, role: 'provider', name: `Provider ${p}` }] });
  const conversations: { id: string; customer: string; provider: string }[] = [];
  for (let c = 0; c < CONVERSATIONS; c++) {
    const customer = `cust-${c}`;
    const provider = `prov-${c % PROVIDERS}`;
    await journal.host({ name: 'upsertUser', args: [{ id: customer, role: 'customer' }] });
    const started = await new Promise<{ id: string }>((resolve, reject) =>
      journal.command(customer, { type: 'start', with: provider }, (o) => (o.ok ? resolve(o.value as { id: string }) : reject(o.error))));
    conversations.push({ id: started.id, customer, provider });
  }
  const startedAt = performance.now();
  let sent = 0;
  let refused = 0;
  let firstRefusal: unknown;
  for (const checkpoint of CHECKPOINTS) {
    while (sent < checkpoint) {
      const batch: Promise<void>[] = [];
      for (let k = 0; k < IN_FLIGHT && sent < checkpoint; k++, sent++) {
        const round = Math.floor(sent / CONVERSATIONS);
        const chat = conversations[sent % CONVERSATIONS];
        // Customer and provider take turns, so no send limit refuses the provider side.
        const author = round % 2 === 0 ? chat.customer : chat.provider;
        batch.push(new Promise((resolve) => journal.command(author, {
          type: 'send', conversationId: chat.id, message: { id: `m-${sent}`, kind: 'text', text: `Message ${sent}: is the blue one still in stock in a medium?` },
        }, (o) => {
          if (!o.ok) { refused++; firstRefusal ??= o.error; }
          resolve();
        })));
      }
      await Promise.all(batch);
    }
    await journal.idle();
    for (let i = 0; i < 3; i++) (globalThis as { gc?: () => void }).gc?.();
    const heapMB = process.memoryUsage().heapUsed / 2 ** 20;
    console.log(JSON.stringify({ messages: sent, heapMB, seconds: (performance.now() - startedAt) / 1000, refused, firstRefusal: firstRefusal && String(firstRefusal) }));
  }
  if (kill) process.kill(process.pid, 'SIGKILL');
  await journal.close();
}

async function runFill(dataDir: string, kill: boolean): Promise<{ messages: number; heapMB: number; seconds: number; refused: number; firstRefusal?: string }[]> {
  const child = spawn(process.execPath, ['--expose-gc', '--conditions=volley-source', '--import', 'tsx', self, 'fill', dataDir, kill ? 'kill' : 'close'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  await new Promise((resolve) => child.once('exit', resolve));
  return output.trim().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
}

/** Seconds from spawning the server CLI on `dataDir` to a login's welcome frame. */
async function timeToLogin(place: string, uploads: string): Promise<number> {
  const port = await freePort();
  const startedAt = performance.now();
  const postgres = place.startsWith('postgres://') ? place : undefined;
  const child = await spawnServer({ port, dataDir: postgres ? uploads : place, postgres, secret: SECRET, ratePerIp: 1_000_000, compiled: COMPILED });
  try {
    await new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`);
      const token = signToken({ sub: 'cust-0', role: 'customer', exp: Math.floor(Date.now() / 1000) + 600 }, SECRET);
      socket.once('open', () => socket.send(JSON.stringify({ v: 1, auth: { token } })));
      socket.on('message', (data) => {
        if (!String(data).includes('"welcome"')) return;
        socket.close();
        resolve();
      });
      socket.once('error', reject);
    });
    return (performance.now() - startedAt) / 1000;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'volley-life-'));
  const pg = process.argv.includes('--postgres') ? await startPostgres() : undefined;
  /** A folder (SQLite) or a new database (PostgreSQL). */
  const place = async (name: string) => (pg ? pg.database(name) : join(root, name));
  const uploads = join(root, 'uploads');
  try {
    const empty = await timeToLogin(await place('empty'), uploads);
    console.log(`The server ${COMPILED ? 'as built (server/dist)' : 'from source through tsx (run npm run build to time the built one)'}, on ${pg ? 'PostgreSQL (a local cluster, fsync on)' : 'SQLite'}.`);
    console.log(`Start on empty data (baseline): ${empty.toFixed(2)} s to the first accepted login\n`);
    for (const stop of ['clean stop', 'SIGKILL'] as const) {
      const dataDir = await place(stop === 'SIGKILL' ? 'killed' : 'clean');
      const points = await runFill(dataDir, stop === 'SIGKILL');
      const restart = await timeToLogin(dataDir, uploads);
      console.log(`${stop}: ${CONVERSATIONS} conversations`);
      console.log('  messages    heap after GC   fill rate');
      for (const point of points) {
        console.log(`  ${String(point.messages).padStart(9)}   ${point.heapMB.toFixed(1).padStart(8)} MB   ${Math.round(point.messages / point.seconds).toLocaleString('en-US').padStart(7)} msg/s`);
        if (point.refused) console.log(`  (${point.refused} refused; first: ${point.firstRefusal})`);
      }
      if (points.length >= 2) {
        const [first, last] = [points[0], points.at(-1)!];
        console.log(`  heap at ${last.messages.toLocaleString('en-US')} / heap at ${first.messages.toLocaleString('en-US')}: ${(last.heapMB / first.heapMB).toFixed(3)} (bound: 1.15)`);
      }
      console.log(`  restart to the first accepted login: ${restart.toFixed(2)} s (${(restart - empty).toFixed(2)} s above the empty-data start; bound: 1 s)\n`);
    }
  } finally {
    await pg?.stop();
    rmSync(root, { recursive: true, force: true });
  }
}
