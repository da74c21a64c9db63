/**
 * The reference server side by side with two baselines, in one run on this machine: a bare `ws`
 * relay (bench/server/relay.ts) and a Socket.IO 4 server (bench/server/socketio.ts). Each server
 * runs in its own child process, so its CPU is read from /proc per server; this process holds
 * every client (raw sockets speaking each server's protocol, kept as cheap as possible).
 *
 * Workload, the same for each server: 1,000 clients in 500 conversations (a customer and a
 * provider per chat), customers sending at a fixed total rate (open loop, round robin), at 500
 * and 2,000 msg/s, then a ramp of rising rates until one fails (p99 above the bound, or fewer
 * delivered than offered): the last rate that passed is the server's sustained rate. Phases are
 * interleaved (each rate runs on every server before the next), so a noisy neighbour hits all
 * three alike; ratios matter more than absolute figures.
 *
 * The volley server is the real one (server/src/cli.ts: SQLite WAL, every message durable before
 * its ack); its providers acknowledge messages with `delivered` receipts as ChatClient
 * does: the highest seq received, once per 300 ms per client (`--receipts each` sends one per
 * message, `--receipts none` leaves them out).
 *
 *   npm run bench:server                 full: 10 s per fixed rate, 5 s per ramp step
 *   npm run bench:server -- --quick      4 s per fixed rate, 3 s per ramp step, a shorter ramp
 *   options: --servers volley,socketio,relay   --rates 500,2000   --ramp 2000,4000,…   --no-ramp
 *            --seconds N   --ramp-seconds N   --pairs N   --p99-bound MS   --receipts coalesced|each|none
 *            --profile DIR (volley runs under node --cpu-prof, the profile lands in DIR)
 *            --compare DIR (also runs the server of another checkout, as "volley@before": a change
 *            measured against what it replaces in the same run; DIR needs node_modules and
 *            server/node_modules/volley-chat linked as in a worktree)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { io as ioClient, type Socket } from 'socket.io-client';
import { signToken } from '../server/src/token.ts';
import { WebSocket } from '../test-node/ws-fixtures.ts';
import { freePort, isBuilt, spawnServer } from '../scripts/server-process.ts';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    servers: { type: 'string', default: 'relay,socketio,volley' },
    rates: { type: 'string' },
    ramp: { type: 'string' },
    'no-ramp': { type: 'boolean', default: false },
    seconds: { type: 'string' },
    'ramp-seconds': { type: 'string' },
    pairs: { type: 'string', default: '500' },
    'p99-bound': { type: 'string', default: '100' },
    receipts: { type: 'string', default: 'coalesced' },
    profile: { type: 'string' },
    compare: { type: 'string' },
  },
});
const QUICK = args.quick;
const PAIRS = Number(args.pairs);
const SECONDS = Number(args.seconds ?? (QUICK ? 4 : 10));
const RAMP_SECONDS = Number(args['ramp-seconds'] ?? (QUICK ? 3 : 5));
const RATES = (args.rates ?? '500,2000').split(',').map(Number);
const RAMP = args['no-ramp'] ? [] : (args.ramp ?? (QUICK ? '3000,4000,6000,8000,10000,12000' : '3000,4000,5000,6000,8000,10000,12000,15000,20000')).split(',').map(Number);
const P99_BOUND = Number(args['p99-bound']);
const RECEIPTS = args.receipts as 'coalesced' | 'each' | 'none';
if (!['coalesced', 'each', 'none'].includes(RECEIPTS)) throw new Error('--receipts is coalesced, each or none.');
/** ChatClient's `receiptDelayMs`: a provider says the highest seq it received once per this many ms. */
const RECEIPT_DELAY_MS = 300;
const SERVERS = args.servers.split(',');
const SECRET = 'bench-secret-0123456789abcdef';
const root = decodeURIComponent(new URL('..', import.meta.url).pathname);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const CLK_TCK = 100;

// ---- measuring ------------------------------------------------------------------------------

/** User + system CPU of a process so far, in µs (Linux /proc, clock ticks of 10 ms). */
function cpuOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLK_TCK;
}

/** What the clients saw of the messages of one phase. */
class Meter {
  readonly #sentAt = new Map<string, number>();
  readonly #ackPending = new Map<string, number>();
  readonly deliveries: number[] = [];
  readonly acks: number[] = [];
  /** When each delivery arrived (ms since the phase began). */
  readonly arrivals: number[] = [];
  began = 0;
  sent = 0;

  sending(id: string): void {
    const at = performance.now();
    this.#sentAt.set(id, at);
    this.#ackPending.set(id, at);
    this.sent++;
  }

  acked = (id: string): void => {
    const at = this.#ackPending.get(id);
    if (at === undefined) return;
    this.#ackPending.delete(id);
    this.acks.push(performance.now() - at);
  };

  delivered = (id: string): void => {
    const at = this.#sentAt.get(id);
    if (at === undefined) return;
    const now = performance.now();
    this.#sentAt.delete(id);
    this.deliveries.push(now - at);
    this.arrivals.push(now - this.began);
  };

  get outstanding(): number {
    return this.#sentAt.size + this.#ackPending.size;
  }
}

let meter = new Meter();

// ---- the servers and their clients --------------------------------------------------------

interface Pair { send(id: string): void }
interface Target {
  name: string;
  pid: number;
  pairs: Pair[];
  connectPair(i: number): Promise<Pair>;
  close(): void;
  stop(): Promise<void>;
}

function spawnBaseline(script: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, script)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const port = /listening (\d+)/.exec(output)?.[1];
      if (port) resolve({ child, port: Number(port) });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it was ready.`)));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))]);
  await exited;
}

function openSocket(url: string): Promise<InstanceType<typeof WebSocket>> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves with the first frame `accept` returns something for. */
function firstFrame<T>(socket: InstanceType<typeof WebSocket>, accept: (text: string) => T | undefined): Promise<T> {
  return new Promise((resolve) => {
    const listener = (data: unknown) => {
      const value = accept(String(data));
      if (value === undefined) return;
      socket.off('message', listener);
      resolve(value);
    };
    socket.on('message', listener);
  });
}

async function relayTarget(): Promise<Target> {
  const { child, port } = await spawnBaseline('bench/server/relay.ts');
  const url = `ws://127.0.0.1:${port}`;
  const sockets: InstanceType<typeof WebSocket>[] = [];
  const join = async (room: string) => {
    const socket = await openSocket(url);
    sockets.push(socket);
    const joined = firstFrame(socket, (text) => (text.includes('joined') ? true : undefined));
    socket.send(JSON.stringify({ join: room }));
    await joined;
    return socket;
  };
  return {
    name: 'ws relay', pid: child.pid!, pairs: [],
    async connectPair(i) {
      const provider = await join(`c${i}`);
      provider.on('message', (data) => meter.delivered((JSON.parse(String(data)) as { id: string }).id));
      const customer = await join(`c${i}`);
      customer.on('message', (data) => meter.acked((JSON.parse(String(data)) as { re: string }).re));
      return { send: (id) => customer.send(JSON.stringify({ id, text: `hello ${id}` })) };
    },
    close: () => sockets.forEach((socket) => socket.terminate()),
    stop: () => stopChild(child),
  };
}

async function socketIoTarget(): Promise<Target> {
  const { child, port } = await spawnBaseline('bench/server/socketio.ts');
  const sockets: Socket[] = [];
  const join = (room: string) => new Promise<Socket>((resolve, reject) => {
    const socket = ioClient(`http://127.0.0.1:${port}`, { transports: ['websocket'], auth: { room }, forceNew: true, reconnection: false });
    sockets.push(socket);
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
  return {
    name: 'Socket.IO 4', pid: child.pid!, pairs: [],
    async connectPair(i) {
      const provider = await join(`c${i}`);
      provider.on('message', (message: { id: string }) => meter.delivered(message.id));
      const customer = await join(`c${i}`);
      // A room's membership is set on the server's side of the handshake: give it a turn.
      return { send: (id) => customer.emit('send', { id, text: `hello ${id}` }, () => meter.acked(id)) };
    },
    close: () => sockets.forEach((socket) => socket.disconnect()),
    stop: () => stopChild(child),
  };
}

async function volleyTarget(name = 'volley', from?: string): Promise<Target> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'volley-bench-'));
  const child = await spawnServer({
    port, dataDir, secret: SECRET, ratePerIp: 1e9, root: from, compiled: isBuilt(from ?? root),
    nodeArgs: args.profile ? ['--cpu-prof', '--cpu-prof-dir', args.profile] : [],
  });
  const url = `ws://127.0.0.1:${port}/ws`;
  const exp = Math.floor(Date.now() / 1000) + 3 * 3600;
  const sockets: InstanceType<typeof WebSocket>[] = [];
  const login = async (sub: string, role: 'customer' | 'provider') => {
    const socket = await openSocket(url);
    sockets.push(socket);
    const welcome = firstFrame(socket, (text) => (text.includes('"welcome"') ? true : undefined));
    // As WebSocketTransport: no echo of its own messages (the reply carries them).
    socket.send(JSON.stringify({ v: 1, auth: { token: signToken({ sub, role, exp }, SECRET), echo: false } }));
    await welcome;
    return socket;
  };
  return {
    name, pid: child.pid!, pairs: [],
    async connectPair(i) {
      const provider = await login(`prov-${i}`, 'provider');
      const customer = await login(`cust-${i}`, 'customer');
      const started = firstFrame(customer, (text) => (text.includes('"re":"start"') ? (JSON.parse(text) as { result: { id: string } }).result.id : undefined));
      customer.send(JSON.stringify({ v: 1, id: 'start', cmd: { type: 'start', with: `prov-${i}` } }));
      const conversationId = await started;
      let receivedSeq = 0;
      let receiptTimer: NodeJS.Timeout | undefined;
      provider.on('message', (data) => {
        const text = String(data);
        if (!text.includes('"ev":{"type":"message"')) return;
        const { message } = (JSON.parse(text) as { ev: { message: { id: string; seq: number } } }).ev;
        meter.delivered(message.id);
        // A notice, as ChatClient sends it: no request id, no reply.
        const sendReceipt = (seq: number) => provider.send(JSON.stringify({ v: 1, cmd: { type: 'delivered', conversationId, seq } }));
        if (RECEIPTS === 'each') sendReceipt(message.seq);
        if (RECEIPTS !== 'coalesced') return;
        receivedSeq = Math.max(receivedSeq, message.seq);
        receiptTimer ??= setTimeout(() => {
          receiptTimer = undefined;
          sendReceipt(receivedSeq);
        }, RECEIPT_DELAY_MS);
      });
      customer.on('message', (data) => {
        const text = String(data);
        const at = text.indexOf('"re":"');
        if (at >= 0) meter.acked(text.slice(at + 6, text.indexOf('"', at + 6)));
      });
      return {
        send: (id) => customer.send(JSON.stringify({ v: 1, id, cmd: { type: 'send', conversationId, message: { id, kind: 'text', text: `hello ${id}` } } })),
      };
    },
    close: () => sockets.forEach((socket) => socket.terminate()),
    async stop() {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---- phases ---------------------------------------------------------------------------------

interface Result {
  rate: number;
  offered: number;
  delivered: number;
  /** Of the messages sent, how many arrived in the end. */
  arrived: number;
  sent: number;
  p50: number;
  p99: number;
  ackP99: number;
  cpuPerDelivery: number;
  serverCpu: number;
  clientCpu: number;
  passed: boolean;
  clientBound: boolean;
  /** Messages still undelivered 10 s after the phase: the server works on them through the next phase, so it runs no more. */
  backlog: boolean;
}

let nextId = 0;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function phase(target: Target, rate: number, seconds: number): Promise<Result> {
  meter = new Meter();
  const cpuBefore = cpuOf(target.pid);
  const clientBefore = process.cpuUsage();
  const began = (meter.began = performance.now());
  const { pairs } = target;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = (performance.now() - began) / 1000;
      const due = Math.floor(rate * Math.min(elapsed, seconds));
      while (meter.sent < due) {
        const id = `m${++nextId}`;
        meter.sending(id);
        pairs[meter.sent % pairs.length].send(id);
      }
      if (elapsed >= seconds) {
        clearInterval(timer);
        resolve();
      }
    }, 2);
  });
  const sendEnded = performance.now();
  // Let what is in flight land: up to 10 s (a saturated server may never catch up).
  while (meter.outstanding > 0 && performance.now() - sendEnded < 10_000) await sleep(20);
  const serverCpu = cpuOf(target.pid) - cpuBefore;
  const client = process.cpuUsage(clientBefore);
  const wall = performance.now() - began;
  // Delivered per second: what arrived within the phase and half a second after it.
  const inTime = meter.arrivals.filter((at) => at <= seconds * 1000 + 500).length;
  const sorted = meter.deliveries.slice().sort((a, b) => a - b);
  const acks = meter.acks.slice().sort((a, b) => a - b);
  const offered = meter.sent / seconds;
  const delivered = inTime / seconds;
  const p99 = pct(sorted, 99);
  const clientBound = offered < 0.97 * rate;
  return {
    rate, offered, delivered, arrived: meter.deliveries.length, sent: meter.sent,
    p50: pct(sorted, 50), p99, ackP99: pct(acks, 99),
    cpuPerDelivery: serverCpu / Math.max(1, meter.deliveries.length),
    serverCpu: serverCpu / (wall * 1000), clientCpu: (client.user + client.system) / (wall * 1000),
    passed: !clientBound && p99 <= P99_BOUND && delivered >= 0.97 * offered && meter.deliveries.length === meter.sent,
    clientBound, backlog: meter.outstanding > 0,
  };
}

/** Servers left with a backlog: measuring them further would count the old backlog's CPU. */
const saturated = new Map<Target, number>();

// ---- the run ----------------------------------------------------------------------------------

const makers: Record<string, () => Promise<Target>> = {
  relay: relayTarget, socketio: socketIoTarget, volley: () => volleyTarget(), 'volley@before': () => volleyTarget('volley@before', args.compare),
};
const targets: Target[] = [];
for (const name of args.compare ? [...SERVERS, 'volley@before'] : SERVERS) {
  if (!makers[name]) throw new Error(`Unknown server ${name}: relay, socketio or volley.`);
  const target = await makers[name]();
  targets.push(target);
  const began = performance.now();
  for (let start = 0; start < PAIRS; start += 50) {
    target.pairs.push(...await Promise.all(Array.from({ length: Math.min(50, PAIRS - start) }, (_, k) => target.connectPair(start + k))));
  }
  console.log(`${target.name}: ${PAIRS * 2} clients in ${PAIRS} conversations connected in ${((performance.now() - began) / 1000).toFixed(1)} s`);
}
// Warm up each server's hot path (JIT, the engine's lazily loaded rules) before anything is measured.
for (const target of targets) await phase(target, 500, 1);

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—');
const ms = (n: number) => (n < 10 ? fmt(n, 2) : n < 100 ? fmt(n, 1) : fmt(n, 0));
const ratio = (a: number, b: number | undefined) => (b ? `×${fmt(a / b, 1)}` : '—');

function table(title: string, results: Map<Target, Result>): void {
  const byName = new Map([...results].map(([target, result]) => [target.name, result]));
  const io = byName.get('Socket.IO 4');
  const relay = byName.get('ws relay');
  console.log(`\n${title}`);
  const header = ['server', 'offered/s', 'delivered/s', 'p50 ms', 'p99 ms', 'ack p99 ms', 'CPU µs/deliv', 'vs Socket.IO', 'vs relay', 'server CPU', 'client CPU'];
  const rows = [...results].map(([target, r]) => [
    target.name, fmt(r.offered), fmt(r.delivered) + (r.arrived < r.sent ? ` (${r.sent - r.arrived} lost)` : ''),
    ms(r.p50), ms(r.p99), ms(r.ackP99), fmt(r.cpuPerDelivery, 1),
    ratio(r.cpuPerDelivery, io?.cpuPerDelivery), ratio(r.cpuPerDelivery, relay?.cpuPerDelivery),
    `${fmt(r.serverCpu * 100)} %`, `${fmt(r.clientCpu * 100)} %${r.clientBound ? ' (client-bound)' : ''}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  for (const row of [header, ...rows]) console.log('  ' + row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
}

console.log(`\nvolley runs ${isBuilt(root) ? 'as built (server/dist: run npm run build after a change)' : 'from source through tsx (npm run build to measure the built server)'}.`);
console.log(`\nworkload: ${PAIRS * 2} clients in ${PAIRS} conversations, customers sending (open loop); volley receipts: ${{ coalesced: `the highest seq per ${RECEIPT_DELAY_MS} ms, as ChatClient`, each: 'one per message', none: 'none' }[RECEIPTS]}; p99 bound ${P99_BOUND} ms`);
/** Per server, the highest rate that passed (fixed rates and ramp steps alike). */
const sustained = new Map<Target, { rate: number; note: string }>(targets.map((target) => [target, { rate: 0, note: '' }]));
for (const rate of RATES) {
  const results = new Map<Target, Result>();
  for (const target of targets) {
    if (saturated.has(target)) continue;
    const result = await phase(target, rate, SECONDS);
    results.set(target, result);
    if (result.passed && rate > sustained.get(target)!.rate) sustained.set(target, { rate, note: '' });
    if (result.backlog) {
      saturated.set(target, rate);
      sustained.get(target)!.note = `a backlog left at ${fmt(rate)} msg/s (not measured further)`;
    }
  }
  table(`${fmt(rate)} msg/s for ${SECONDS} s`, results);
}

if (RAMP.length > 0) {
  const running = new Set(targets.filter((target) => !saturated.has(target)));
  for (const rate of RAMP) {
    if (running.size === 0) break;
    const results = new Map<Target, Result>();
    for (const target of running) {
      const result = await phase(target, rate, RAMP_SECONDS);
      results.set(target, result);
      if (result.passed) sustained.set(target, { rate: Math.max(rate, sustained.get(target)!.rate), note: '' });
      else {
        running.delete(target);
        sustained.get(target)!.note = result.clientBound ? `the client process could not offer ${fmt(rate)} msg/s` : `failed at ${fmt(rate)} msg/s (p99 ${ms(result.p99)} ms, delivered ${fmt(result.delivered)}/s)`;
      }
    }
    table(`ramp: ${fmt(rate)} msg/s for ${RAMP_SECONDS} s`, results);
  }
  console.log('\nsustained rate (last ramp step with p99 ≤ bound and everything delivered)');
  for (const [target, { rate, note }] of sustained) console.log(`  ${target.name.padEnd(13)} ${fmt(rate).padStart(7)} msg/s${running.has(target) ? ' (the ramp ended first)' : ''}  ${note}`);
}

for (const target of targets) {
  target.close();
  await target.stop();
}
process.exit(0);
