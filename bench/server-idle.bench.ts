/**
 * The reference server under load, on this machine: the server runs in its own process on the
 * SQLite default (WAL, one disk sync per batch before its acks); this process holds the
 * clients. It opens `BENCH_IDLE` idle authenticated connections, then `BENCH_PAIRS` customers
 * send to their provider for `BENCH_SECONDS`, each with `BENCH_WINDOW` sends in flight, and it
 * reports connections held, messages delivered per second, and send→delivery latency p50/p99.
 *
 *   npm run bench:server:idle
 *   BENCH_IDLE=5000 BENCH_PAIRS=50 npm run bench:server:idle
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketTransport } from '../src/transport/ws.ts';
import { signToken } from '../server/src/token.ts';
import { NodeWebSocket, WebSocket } from '../test-node/ws-fixtures.ts';
import { freePort, spawnServer } from '../scripts/server-process.ts';

const IDLE = Number(process.env.BENCH_IDLE ?? 2000);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 25);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 4);
const SECRET = 'bench-secret-0123456789abcdef';
const exp = Math.floor(Date.now() / 1000) + 3600;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'volley-bench-'));
const child = await spawnServer({ port, dataDir, secret: SECRET, ratePerIp: 10_000_000 });
const url = `ws://127.0.0.1:${port}/ws`;

// Idle connections: authenticated sockets that only answer pings.
const idle: InstanceType<typeof WebSocket>[] = [];
const openedAt = performance.now();
for (let start = 0; start < IDLE; start += 200) {
  await Promise.all(Array.from({ length: Math.min(200, IDLE - start) }, (_, k) => new Promise<void>((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => socket.send(JSON.stringify({ v: 1, auth: { token: signToken({ sub: `idle-${start + k}`, role: 'customer', exp }, SECRET) } })));
    socket.on('message', (data) => { if (String(data).includes('"welcome"')) resolve(); });
    socket.once('error', reject);
    idle.push(socket);
  })));
}
const openSeconds = (performance.now() - openedAt) / 1000;

// Active pairs: each customer writes to its own provider.
const pairs = await Promise.all(Array.from({ length: PAIRS }, async (_, i) => {
  const transport = (sub: string, role: 'customer' | 'provider') =>
    new WebSocketTransport({ url, token: signToken({ sub, role, exp }, SECRET), WebSocket: NodeWebSocket });
  const provider = transport(`prov-${i}`, 'provider');
  const received: number[] = [];
  const sentAt = new Map<string, number>();
  await provider.connect((event) => {
    if (event.type !== 'message') return;
    const at = sentAt.get(event.message.id);
    if (at !== undefined) received.push(performance.now() - at);
  });
  const customer = transport(`cust-${i}`, 'customer');
  await customer.connect(() => {});
  const conversation = await customer.request({ type: 'start', with: `prov-${i}` });
  return { provider, customer, conversationId: conversation.id, received, sentAt, acks: [] as number[] };
}));

const health = await (await fetch(`http://127.0.0.1:${port}/health`)).json() as { connections: number };
let running = true;
let counter = 0;
const began = performance.now();
const loops = pairs.flatMap((pair) => Array.from({ length: WINDOW }, async () => {
  while (running) {
    const id = `b${++counter}`;
    const at = performance.now();
    pair.sentAt.set(id, at);
    await pair.customer.request({ type: 'send', conversationId: pair.conversationId, message: { id, kind: 'text', text: `message ${id}` } });
    pair.acks.push(performance.now() - at);
  }
}));
await sleep(SECONDS * 1000);
running = false;
await Promise.all(loops);
await sleep(200);
const elapsed = (performance.now() - began) / 1000;

const delivered = pairs.flatMap((p) => p.received).sort((a, b) => a - b);
const acks = pairs.flatMap((p) => p.acks).sort((a, b) => a - b);
const pct = (list: number[], p: number) => list[Math.min(list.length - 1, Math.floor((p / 100) * list.length))] ?? NaN;
const ms = (n: number) => `${n.toFixed(1)} ms`;
const rows: [string, string][] = [
  ['connections held (idle + active, per /health)', `${health.connections} (opened ${IDLE} idle in ${openSeconds.toFixed(1)} s)`],
  ['active pairs × sends in flight', `${PAIRS} × ${WINDOW}`],
  ['messages delivered', `${delivered.length} in ${elapsed.toFixed(1)} s`],
  ['messages delivered per second', `${Math.round(delivered.length / elapsed)}`],
  ['send → delivered to the other party, p50 / p99', `${ms(pct(delivered, 50))} / ${ms(pct(delivered, 99))}`],
  ['send → ack (durable), p50 / p99', `${ms(pct(acks, 50))} / ${ms(pct(acks, 99))}`],
];
console.log('\nvolley-chat-server on this machine (SQLite WAL, one sync per batch before its acks; clients in another process)');
for (const [name, value] of rows) console.log(`  ${name.padEnd(50)} ${value}`);

for (const pair of pairs) {
  pair.customer.disconnect();
  pair.provider.disconnect();
}
for (const socket of idle) socket.terminate();
child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));
rmSync(dataDir, { recursive: true, force: true });
