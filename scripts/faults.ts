#!/usr/bin/env node
/**
 * Fault injection: many clients send through a proxy that cuts sockets at random, repeats and
 * reorders frames, while the server is killed (SIGKILL) and restarted on the same data folder.
 * Then every client's log of every conversation it sees must equal the server's: nothing lost,
 * nothing twice, nothing out of order, and no acknowledged message missing.
 *
 *   npm run test:faults                       the CI size (about a minute)
 *   npm run test:faults -- --clients 50 --messages 200 --kills 5     the full run
 *   npm run test:faults -- --postgres         the server on PostgreSQL (a throwaway cluster this script starts and stops)
 *
 * Everything runs on 127.0.0.1 and stops by itself (bounded counts and a deadline).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ChatEvent, Message } from '../src/index.ts';
import { WebSocketTransport } from '../src/transport/ws.ts';
import { signToken } from '../server/src/token.ts';
import { NodeWebSocket, WebSocket, WebSocketServer } from '../test-node/ws-fixtures.ts';
import { freePort, spawnServer } from './server-process.ts';
import { startPostgres } from '../test-node/postgres.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '20' },
    messages: { type: 'string', default: '50' },
    kills: { type: 'string', default: '3' },
    'cut-min': { type: 'string', default: '250' },
    'cut-max': { type: 'string', default: '750' },
    'deadline-s': { type: 'string', default: '300' },
    postgres: { type: 'boolean', default: false },
  },
});
const CLIENTS = Number(values.clients);
const MESSAGES = Number(values.messages);
const KILLS = Number(values.kills);
const CUT_MIN = Number(values['cut-min']);
const CUT_MAX = Number(values['cut-max']);
const DEADLINE = Date.now() + Number(values['deadline-s']) * 1000;
const AGENTS = Math.max(2, Math.round(CLIENTS / 5));
const CUSTOMERS = CLIENTS - AGENTS;
const SECRET = 'fault-injection-secret-0123456789';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (min: number, max: number) => min + Math.random() * (max - min);

// ---- the server, as a process that can be killed ------------------------------------------------

const dataDir = mkdtempSync(join(tmpdir(), 'volley-faults-'));
// --postgres: the journal and messages in a PostgreSQL of its own (fsync on), killed with the server's process, never with its data.
const postgres = values.postgres ? await startPostgres() : undefined;
const database = postgres && (await postgres.database('faults'));
if (postgres) log(`PostgreSQL on port ${postgres.port}`);
const serverPort = await freePort();
let child: ChildProcess | undefined;
let restarts = 0;

async function startServer(): Promise<void> {
  const started = Date.now();
  child = await spawnServer({ port: serverPort, dataDir, postgres: database, secret: SECRET, ratePerIp: 1_000_000 });
  log(`server up in ${Date.now() - started} ms (pid ${child.pid})`);
}

async function killServer(): Promise<void> {
  const dying = child!;
  const exited = new Promise((resolve) => dying.once('exit', resolve));
  dying.kill('SIGKILL');
  await exited;
  restarts++;
}

// ---- the proxy: cuts, repeats, reorders ---------------------------------------------------------

const faults = { cuts: 0, repeated: 0, reordered: 0, connections: 0 };
let injecting = true;
const proxyPort = await freePort();
const proxy = new WebSocketServer({ port: proxyPort, host: '127.0.0.1' });
await new Promise((resolve) => proxy.once('listening', resolve));

proxy.on('connection', (downstream) => {
  faults.connections++;
  const upstream = new WebSocket(`ws://127.0.0.1:${serverPort}/ws`);
  const queued: string[] = [];
  const cut = () => {
    downstream.terminate();
    upstream.terminate();
  };
  const life = setTimeout(() => {
    if (!injecting) return;
    faults.cuts++;
    cut();
  }, between(CUT_MIN, CUT_MAX));
  /** Forwards with faults: a frame may go twice, or swap places with the next one. */
  const forwarder = (to: InstanceType<typeof WebSocket>) => {
    let held: string | undefined;
    let heldTimer: ReturnType<typeof setTimeout> | undefined;
    const send = (frame: string) => to.readyState === WebSocket.OPEN && to.send(frame);
    return (frame: string) => {
      if (injecting && held === undefined && Math.random() < 0.05) {
        faults.reordered++;
        held = frame;
        heldTimer = setTimeout(() => { if (held !== undefined) send(held); held = undefined; }, 20);
        return;
      }
      send(frame);
      if (injecting && Math.random() < 0.05) {
        faults.repeated++;
        send(frame);
      }
      if (held !== undefined) {
        clearTimeout(heldTimer);
        send(held);
        held = undefined;
      }
    };
  };
  const toServer = forwarder(upstream);
  const toClient = forwarder(downstream);
  upstream.on('open', () => { for (const frame of queued.splice(0)) toServer(frame); });
  downstream.on('message', (data) => {
    const frame = data.toString();
    if (upstream.readyState === WebSocket.OPEN) toServer(frame);
    else queued.push(frame);
  });
  upstream.on('message', (data) => toClient(data.toString()));
  const end = () => {
    clearTimeout(life);
    cut();
  };
  upstream.on('close', end);
  upstream.on('error', end);
  downstream.on('close', end);
  downstream.on('error', end);
});

// ---- the clients ------------------------------------------------------------------------------

interface Client {
  id: string;
  role: 'customer' | 'agent';
  transport: WebSocketTransport;
  /** What the transport handed over, per conversation, in order. */
  log: Map<string, Message[]>;
  acked: Map<string, Message>;
  online: boolean;
}

const exp = Math.floor(Date.now() / 1000) + 24 * 3600;
const clients: Client[] = [];
for (let i = 0; i < CLIENTS; i++) {
  const role = i < CUSTOMERS ? 'customer' : 'agent';
  const id = role === 'customer' ? `cust-${i}` : `agent-${i - CUSTOMERS}`;
  const token = signToken({ sub: id, role, exp, ...(role === 'agent' ? { team: 'team' } : {}) }, SECRET);
  const transport = new WebSocketTransport({ url: `ws://127.0.0.1:${proxyPort}`, token, WebSocket: NodeWebSocket, backoff: { initialMs: 100, maxMs: 2000 } });
  clients.push({ id, role, transport, log: new Map(), acked: new Map(), online: false });
}

function log(line: string) {
  console.log(`[faults ${new Date().toISOString().slice(11, 23)}] ${line}`);
}

await startServer();
// The team's provider exists before anyone writes to it.
{
  const owner = new WebSocketTransport({ url: `ws://127.0.0.1:${serverPort}/ws`, token: signToken({ sub: 'owner', role: 'provider', team: 'team', exp }, SECRET), WebSocket: NodeWebSocket });
  await owner.connect(() => {});
  owner.disconnect();
}

for (const client of clients) {
  client.transport.onStatus((status) => (client.online = status === 'online'));
  void client.transport.connect((event: ChatEvent) => {
    if (event.type !== 'message') return;
    const list = client.log.get(event.message.conversationId) ?? [];
    list.push(event.message);
    client.log.set(event.message.conversationId, list);
  }).then(() => (client.online = true), () => {});
}

/** Runs a request until the server answers, across cuts and restarts. */
async function persist<T>(client: Client, run: () => Promise<T>): Promise<T> {
  for (;;) {
    if (Date.now() > DEADLINE) throw new Error('deadline passed');
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== 'unavailable' && code !== 'rate-limited') throw error;
      await sleep(between(10, 60));
    }
  }
}

const conversations = new Map<string, string>(); // customer → conversation
let sentTotal = 0;

async function customer(client: Client): Promise<void> {
  const conversation = await persist(client, () => client.transport.request({ type: 'start', with: 'owner' }));
  conversations.set(client.id, conversation.id);
  for (let i = 1; i <= MESSAGES; i++) {
    const id = `${client.id}-m${i}`;
    const message = await persist(client, () => client.transport.request({ type: 'send', conversationId: conversation.id, message: { id, kind: 'text', text: `${client.id} #${i}` } }));
    client.acked.set(id, message);
    sentTotal++;
  }
}

async function agent(client: Client): Promise<void> {
  for (let i = 1; i <= MESSAGES; i++) {
    // Reply in a chat whose customer has written (the rule for the provider side).
    let target: string | undefined;
    while (!target) {
      const written = [...client.log.keys()];
      target = written[Math.floor(Math.random() * written.length)];
      if (!target) await sleep(20);
    }
    const id = `${client.id}-m${i}`;
    const conversationId = target;
    const message = await persist(client, () => client.transport.request({ type: 'send', conversationId, message: { id, kind: 'text', text: `${client.id} #${i}` } }));
    client.acked.set(id, message);
    sentTotal++;
  }
}

const started = Date.now();
const total = CLIENTS * MESSAGES;
log(`${CUSTOMERS} customers and ${AGENTS} agents send ${MESSAGES} messages each (${total}); sockets cut every ${CUT_MIN}–${CUT_MAX} ms; ${KILLS} kills`);
const senders = Promise.all(clients.map((client) => (client.role === 'customer' ? customer(client) : agent(client))));
let sendersDone = false;
void senders.then(() => (sendersDone = true), () => (sendersDone = true));

// Kill the server at even steps of progress, and bring it back on the same data.
for (let kill = 1; kill <= KILLS; kill++) {
  while (!sendersDone && sentTotal < (total * kill) / (KILLS + 1) && Date.now() < DEADLINE) await sleep(20);
  if (sendersDone) break;
  log(`SIGKILL #${kill} at ${sentTotal}/${total} acked`);
  await killServer();
  await sleep(between(100, 400));
  await startServer();
}
await senders;
log(`all ${sentTotal} messages acked in ${((Date.now() - started) / 1000).toFixed(1)} s; faults stop, waiting for every client to catch up`);
injecting = false;

// ---- the verdict -----------------------------------------------------------------------------

// The truth: the server's own log of each conversation, read directly (no proxy).
const reader = new WebSocketTransport({ url: `ws://127.0.0.1:${serverPort}/ws`, token: signToken({ sub: 'owner', role: 'provider', team: 'team', exp }, SECRET), WebSocket: NodeWebSocket });
await reader.connect(() => {});
const truth = new Map<string, Message[]>();
for (const conversationId of conversations.values()) {
  const all: Message[] = [];
  for (let before: number | undefined; ;) {
    const page = await reader.request({ type: 'history', conversationId, limit: 500, ...(before ? { beforeSeq: before } : {}) });
    all.unshift(...page);
    if (page.length < 500) break;
    before = page[0].seq;
  }
  truth.set(conversationId, all);
}
reader.disconnect();

const viewers = (conversationId: string) =>
  clients.filter((c) => c.role === 'agent' || conversations.get(c.id) === conversationId);

// Wait (bounded) for every client to hold the whole log of every chat it sees.
const caughtUp = () => [...truth].every(([cid, messages]) => viewers(cid).every((c) => (c.log.get(cid)?.length ?? 0) >= messages.length));
const waitStart = Date.now();
while (!caughtUp() && Date.now() - waitStart < 30_000) await sleep(50);

let lost = 0;
let duplicated = 0;
let outOfOrder = 0;
let mismatched = 0;
let logs = 0;
for (const [cid, messages] of truth) {
  // The server's own log: seq 1..n with no gap.
  messages.forEach((m, i) => { if (m.seq !== i + 1) outOfOrder++; });
  const expected = messages.map((m) => m.id);
  for (const client of viewers(cid)) {
    logs++;
    const got = (client.log.get(cid) ?? []).map((m) => m.id);
    const seen = new Set<string>();
    for (const id of got) {
      if (seen.has(id)) duplicated++;
      seen.add(id);
    }
    const seqs = (client.log.get(cid) ?? []).map((m) => m.seq);
    for (let i = 1; i < seqs.length; i++) if (seqs[i] <= seqs[i - 1]) outOfOrder++;
    for (const id of expected) if (!seen.has(id)) lost++;
    if (got.join() !== expected.join()) mismatched++;
  }
}
let ackedMissing = 0;
const stored = new Map([...truth.values()].flat().map((m) => [m.id, m]));
for (const client of clients) {
  for (const [id, message] of client.acked) {
    const kept = stored.get(id);
    if (!kept || kept.seq !== message.seq || kept.conversationId !== message.conversationId) ackedMissing++;
  }
}
const storedTotal = stored.size;

for (const client of clients) client.transport.disconnect();
await new Promise((resolve) => proxy.close(resolve));
await killServer();
rmSync(dataDir, { recursive: true, force: true });
await postgres?.stop();

const seconds = ((Date.now() - started) / 1000).toFixed(1);
log(`faults injected: ${faults.cuts} socket cuts, ${faults.repeated} frames repeated, ${faults.reordered} frames reordered, ${KILLS} SIGKILLs (${faults.connections} connections)`);
log(`stored ${storedTotal}/${total} messages in ${truth.size} conversations; ${logs} client logs compared`);
log(`lost ${lost}, duplicated ${duplicated}, out of order ${outOfOrder}, logs differing ${mismatched}, acked but missing ${ackedMissing} (${seconds} s)`);
const failed = lost + duplicated + outOfOrder + mismatched + ackedMissing + (storedTotal === total ? 0 : 1);
console.log(`faults: ${failed === 0 ? 1 : 0} passed, ${failed === 0 ? 0 : 1} failed`);
process.exit(failed === 0 ? 0 : 1);
