import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { NodeWebSocket, WebSocket } from './ws-fixtures.ts';
import { ChatClient, presets } from '../src/index.ts';
import { WebSocketTransport } from '../src/transport/ws.ts';
import { createServer, MemoryDurableStore, type ServerOptions, type VolleyServer } from '../server/src/index.ts';

/** A store whose disk fails on demand. */
class FailingStore extends MemoryDurableStore {
  failing = false;
  override flush(): void {
    if (this.failing) throw new Error('disk full');
    super.flush();
  }
}

const SECRET = 'ops-test-secret-of-enough-length';
const USERS = [
  { id: 'c1', role: 'customer' as const, name: 'Cam' },
  { id: 'p1', role: 'provider' as const, name: 'Ivy' },
];

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function serve(options: Partial<ServerOptions> = {}): Promise<VolleyServer> {
  const server = await createServer({ secret: SECRET, port: 0, policy: presets.paidChat(), ...options });
  for (const user of USERS) await server.host({ name: 'upsertUser', args: [user] });
  open.push({ close: () => server.close() });
  return server;
}

/** A pino logger whose JSON lines land in an array. */
function capture(level = 'debug') {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line));
      }
      done();
    },
  });
  return { logger: pino({ level }, stream), lines, raw };
}

async function client(server: VolleyServer, userId: string) {
  const user = USERS.find((u) => u.id === userId)!;
  const transport = new WebSocketTransport({ url: server.wsUrl, token: server.token(user), WebSocket: NodeWebSocket, heartbeatMs: 1000 });
  const chat = new ChatClient({ transport });
  open.push({ close: () => transport.disconnect() });
  await chat.connect();
  return chat;
}

/** The value of one sample in Prometheus text (`name{labels} value`), or undefined. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(labels ? `${name}{${labels}}` : `${name} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** A socket refused at the upgrade: its HTTP status. */
function refusedUpgrade(server: VolleyServer, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(server.wsUrl, { headers });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('open', () => reject(new Error('the socket opened')));
    socket.on('error', () => {});
  });
}

describe('Metrics: GET /metrics (prom-client), a registry per server', () => {
  it('counts connections, commands by type and outcome, journal batches and commit latency, with process defaults', async () => {
    const server = await serve();
    const cam = await client(server, 'c1');
    const conversation = await cam.startConversation({ with: 'p1' });
    await cam.send(conversation.id, { kind: 'text', text: 'counted, never logged' });
    await assert.rejects(cam.send('no-such-conversation', { kind: 'text', text: 'x' }));
    server.metrics.webhookFailures.inc({ event: 'notify' });
    const response = await fetch(`${server.url}/metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
    const text = await response.text();
    assert.equal(sample(text, 'volley_connections_open'), 1);
    assert.equal(sample(text, 'volley_commands_total', 'type="hello",outcome="ok"'), 1);
    assert.equal(sample(text, 'volley_commands_total', 'type="send",outcome="ok"'), 1);
    assert.equal(sample(text, 'volley_commands_total', 'type="send",outcome="not-found"'), 1);
    assert.ok(sample(text, 'volley_journal_commit_seconds_count')! >= 3, 'one observation per durable batch');
    assert.ok(sample(text, 'volley_journal_batch_size_sum')! >= 3);
    assert.equal(sample(text, 'volley_journal_queue_depth'), 0);
    assert.equal(sample(text, 'volley_webhook_failures_total', 'event="notify"'), 1);
    assert.ok(sample(text, 'process_cpu_user_seconds_total')! > 0, 'process defaults');
    assert.doesNotMatch(text, /counted, never logged/);
  });

  it('an unknown command type is counted as unknown (labels stay bounded)', async () => {
    const server = await serve();
    const socket = new WebSocket(server.wsUrl);
    const frames: { re?: string; ok?: boolean; error?: { code: string }; welcome?: unknown }[] = [];
    socket.on('message', (data) => frames.push(JSON.parse(data.toString())));
    await new Promise((resolve) => socket.once('open', resolve));
    open.push({ close: () => socket.terminate() });
    socket.send(JSON.stringify({ v: 1, auth: { token: server.token(USERS[0]) } }));
    while (!frames.some((f) => f.welcome)) await new Promise((resolve) => setTimeout(resolve, 5));
    socket.send(JSON.stringify({ v: 1, id: 'r1', cmd: { type: 'made-up-command' } }));
    while (!frames.some((f) => f.re === 'r1')) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(frames.find((f) => f.re === 'r1')?.error?.code, 'invalid');
    const text = await (await fetch(`${server.url}/metrics`)).text();
    assert.equal(sample(text, 'volley_commands_total', 'type="unknown",outcome="invalid"'), 1);
    assert.doesNotMatch(text, /made-up-command/);
  });

  it('two servers in one process keep their own registries', async () => {
    const one = await serve();
    const two = await serve();
    await client(one, 'c1');
    const [a, b] = await Promise.all([one, two].map(async (s) => (await fetch(`${s.url}/metrics`)).text()));
    assert.equal(sample(a, 'volley_connections_open'), 1);
    assert.equal(sample(b, 'volley_connections_open'), 0);
  });

  it('without a token only this machine reads them (not through a proxy, not a page); with one, only its bearer', async () => {
    const local = await serve();
    assert.equal((await fetch(`${local.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status, 403);
    assert.equal((await fetch(`${local.url}/metrics`, { headers: { origin: 'https://shop.example' } })).status, 403, 'not to a page');
    const guarded = await serve({ metricsToken: 'scrape-me-please' });
    assert.equal((await fetch(`${guarded.url}/metrics`)).status, 401);
    assert.equal((await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status, 401);
    assert.equal((await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer scrape-me-please' } })).status, 200);
  });

  it('refusals are counted by reason', async () => {
    const server = await serve({ origins: ['https://shop.example'] });
    assert.equal(await refusedUpgrade(server, { origin: 'https://evil.example' }), 403);
    const text = await (await fetch(`${server.url}/metrics`)).text();
    assert.equal(sample(text, 'volley_refusals_total', 'reason="origin"'), 1);
  });
});

describe('Logs: pino, JSON lines, through the logger option', () => {
  it('start, refusals (origin at info, token at debug), adapter errors and stop are logged; never a token or a message text', async () => {
    const { logger, lines, raw } = capture();
    const server = await serve({
      logger, origins: ['https://shop.example'],
      notifier: { notify: () => { throw new Error('the alert service is down'); } },
    });
    const started = lines.find((line) => String(line.msg).startsWith(`volley-chat-server: ${server.wsUrl}`));
    assert.ok(started, 'a start line with the address');
    assert.equal(started.level, 30);

    assert.equal(await refusedUpgrade(server, { origin: 'https://evil.example' }), 403);
    const origin = lines.find((line) => /origin not allowed/.test(String(line.msg)));
    assert.equal(origin?.level, 30);
    assert.equal(origin?.origin, 'https://evil.example');

    const forged = server.token(USERS[0]).slice(0, -4) + 'AAAA';
    const socket = new WebSocket(server.wsUrl);
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ v: 1, auth: { token: forged } }));
    await new Promise((resolve) => socket.once('close', resolve));
    const auth = lines.find((line) => /no valid token/.test(String(line.msg)));
    assert.equal(auth?.level, 20, 'a bad token is logged at debug');

    // Ivy is offline: the message alerts her, and the notifier throws.
    const cam = await client(server, 'c1');
    const conversation = await cam.startConversation({ with: 'p1' });
    await cam.send(conversation.id, { kind: 'text', text: 'a secret message text' });
    const deadline = Date.now() + 3000;
    while (!lines.some((line) => line.adapter === 'notifier') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    const adapter = lines.find((line) => line.adapter === 'notifier');
    assert.equal(adapter?.level, 50);
    assert.match(JSON.stringify(adapter?.err), /the alert service is down/);

    await server.close();
    assert.ok(lines.some((line) => line.msg === 'volley-chat-server: stopped'));
    const all = raw.join('\n');
    assert.doesNotMatch(all, /a secret message text/);
    assert.ok(!all.includes(forged) && !all.includes(server.token(USERS[0]).split('.')[2]), 'no token in the logs');
  });

  it('a store that cannot save is logged as fatal, with the error', async () => {
    const { logger, lines } = capture('info');
    const store = new FailingStore();
    let reported!: () => void;
    const done = new Promise<void>((resolve) => (reported = resolve));
    const server = await createServer({ secret: SECRET, store, port: 0, policy: presets.paidChat(), logger, onFatal: () => reported() });
    store.failing = true;
    await assert.rejects(server.host({ name: 'upsertUser', args: [{ id: 'c9', role: 'customer' }] }), /disk full/);
    await done;
    const fatal = lines.find((line) => line.level === 60);
    assert.match(String(fatal?.msg), /could not make a batch durable/);
    assert.match(JSON.stringify(fatal?.err), /disk full/);
    await assert.rejects(server.close(), /disk full/);
  });

  it('silent without a logger (tests, hosts that did not ask)', async () => {
    const server = await serve();
    assert.equal(server.logger.level, 'silent');
  });
});
