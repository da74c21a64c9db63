import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeWebSocket, WebSocket, WebSocketServer } from './ws-fixtures.ts';
import { ChatClient, presets, type ChatEvent, type Message } from '../src/index.ts';
import { PROTOCOL_VERSION, reconnectDelay, WebSocketTransport, type WebSocketConstructor } from '../src/transport/ws.ts';
import { createServer, signToken, type ServerOptions, type VolleyServer } from '../server/src/index.ts';
import { until } from '../test-support/until.ts';
import { stopStores, storeKinds } from './stores.ts';

const SECRET = 'test-secret-of-enough-length';
let root: string;
let folders = 0;
before(() => (root = mkdtempSync(join(tmpdir(), 'volley-server-'))));
after(() => rmSync(root, { recursive: true, force: true }));

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

const USERS = [
  { id: 'c1', role: 'customer' as const, name: 'Cam' },
  { id: 'c2', role: 'customer' as const },
  { id: 'p1', role: 'provider' as const, name: 'Ivy' },
];

async function serve(options: Partial<ServerOptions> & { dataDir?: string } = {}): Promise<VolleyServer> {
  const server = await createServer({ secret: SECRET, port: 0, policy: presets.paidChat(), heartbeatMs: 1000, ...options });
  for (const user of USERS) await server.host({ name: 'upsertUser', args: [user] });
  const handle = { close: () => server.close(), server };
  open.push(handle);
  return server;
}

function transport(server: VolleyServer | string, userId: string, options: { token?: string; heartbeatMs?: number } = {}) {
  const url = typeof server === 'string' ? server : server.wsUrl;
  const user = USERS.find((u) => u.id === userId)!;
  const token = options.token ?? signToken({ sub: user.id, role: user.role, exp: Math.floor(Date.now() / 1000) + 600 }, SECRET);
  const t = new WebSocketTransport({ url, token, WebSocket: NodeWebSocket, heartbeatMs: options.heartbeatMs ?? 1000, backoff: { initialMs: 20, maxMs: 200 } });
  open.push({ close: () => t.disconnect() });
  return t;
}

async function connected(server: VolleyServer | string, userId: string) {
  const t = transport(server, userId);
  const events: ChatEvent[] = [];
  const statuses: string[] = [];
  t.onStatus((s) => statuses.push(s));
  await t.connect((event) => events.push(event));
  const messages = () => events.flatMap((e) => (e.type === 'message' ? [e.message] : []));
  return { t, events, statuses, messages, seqs: (cid: string) => messages().filter((m) => m.conversationId === cid).map((m) => m.seq) };
}

const text = (id: string) => ({ id, kind: 'text' as const, text: id });

/** A raw socket for what a well-behaved client would never send. */
async function raw(server: VolleyServer, headers: Record<string, string> = {}) {
  const socket = new WebSocket(server.wsUrl, { headers });
  const frames: any[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(data.toString())));
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => { socket.once('open', () => resolve()); socket.once('error', reject); });
  open.push({ close: () => socket.terminate() });
  return { socket, frames, closed, send: (frame: unknown) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)) };
}

describe('Wire: authentication, origin and limits', () => {
  it('a client with a host-signed token gets in, and a ChatClient works end to end over the socket', async () => {
    const server = await serve();
    const cam = new ChatClient({ transport: transport(server, 'c1') });
    const ivy = new ChatClient({ transport: transport(server, 'p1') });
    await cam.connect();
    await ivy.connect();
    assert.equal(cam.state.me?.id, 'c1');
    const conversation = await cam.startConversation({ with: 'p1' });
    const sent = await cam.send(conversation.id, { kind: 'text', text: 'hello over the wire' });
    assert.equal(sent.seq, 1);
    await until(() => (ivy.state.messages[conversation.id]?.length ?? 0) === 1, 'the provider receiving the message', 3000);
    assert.equal(ivy.state.messages[conversation.id][0].id, sent.id);
  });

  it('a bad, expired or foreign token is refused with forbidden, and the socket closes', async () => {
    const server = await serve();
    const now = Math.floor(Date.now() / 1000);
    for (const token of [
      'not-a-token',
      signToken({ sub: 'c1', role: 'customer', exp: now - 1 }, SECRET),
      signToken({ sub: 'c1', role: 'customer', exp: now + 600 }, 'another-secret-entirely'),
      signToken({ sub: 'c1', role: 'superuser' as never, exp: now + 600 }, SECRET),
    ]) {
      await assert.rejects(transport(server, 'c1', { token }).connect(() => {}), { code: 'forbidden' });
    }
    await until(() => server.connections() === 0, 'the refused sockets to close', 3000);
  });

  it('a command before authenticating is answered forbidden and runs nothing', async () => {
    const server = await serve();
    const client = await raw(server);
    client.send({ v: PROTOCOL_VERSION, id: 'r1', cmd: { type: 'start', with: 'p1' } });
    await until(() => client.frames.length === 1);
    assert.deepEqual([client.frames[0].re, client.frames[0].ok, client.frames[0].error.code], ['r1', false, 'forbidden']);
    const ivy = await connected(server, 'p1');
    assert.equal(ivy.events.length, 0);
  });

  it('a page whose Origin is not on the list cannot open a socket; a listed one can', async () => {
    const server = await serve({ origins: ['https://shop.example'] });
    await assert.rejects(raw(server, { origin: 'https://evil.example' }), /403/);
    const allowed = await raw(server, { origin: 'https://shop.example' });
    allowed.send({ v: PROTOCOL_VERSION, auth: { token: server.token({ id: 'c1', role: 'customer' }) } });
    await until(() => allowed.frames.some((f) => f.welcome));
  });

  it('without an allowlist a page (any Origin) is refused with 403, on the socket and uploads alike; a client without Origin (not a browser) gets in', async () => {
    const server = await serve();
    await assert.rejects(raw(server, { origin: 'https://shop.example' }), /403/);
    const upload = await fetch(`${server.url}/uploads?name=a.png`, {
      method: 'POST', body: new Uint8Array(8), headers: { origin: 'https://shop.example', authorization: `Bearer ${server.token({ id: 'c1', role: 'customer' })}` },
    });
    assert.equal(upload.status, 403);
    assert.equal(upload.headers.get('access-control-allow-origin'), null, 'no CORS grant either');
    const backend = await raw(server);
    backend.send({ v: PROTOCOL_VERSION, auth: { token: server.token({ id: 'c1', role: 'customer' }) } });
    await until(() => backend.frames.some((f) => f.welcome));
  });

  it('dev: true lets a page on any origin connect (development only)', async () => {
    const server = await serve({ dev: true });
    const page = await raw(server, { origin: 'http://127.0.0.1:5173' });
    page.send({ v: PROTOCOL_VERSION, auth: { token: server.token({ id: 'c1', role: 'customer' }) } });
    await until(() => page.frames.some((f) => f.welcome));
  });

  it('a frame over 64 KiB closes the socket with 1009 (message too big)', async () => {
    const server = await serve();
    const client = await raw(server);
    client.send({ v: PROTOCOL_VERSION, auth: { token: server.token({ id: 'c1', role: 'customer' }) } });
    await until(() => client.frames.some((f) => f.welcome));
    client.send(JSON.stringify({ v: PROTOCOL_VERSION, id: 'big', cmd: { type: 'hello', pad: 'x'.repeat(70 * 1024) } }));
    assert.equal(await client.closed, 1009);
  });

  it('commands past the per-user rate are answered rate-limited and run nothing', async () => {
    const server = await serve({ limits: { user: { perSecond: 0.001, burst: 3 } } });
    const cam = await connected(server, 'c1');
    const conversation = await cam.t.request({ type: 'start', with: 'p1' });
    await cam.t.request({ type: 'send', conversationId: conversation.id, message: text('m-1') });
    await cam.t.request({ type: 'send', conversationId: conversation.id, message: text('m-2') });
    await assert.rejects(cam.t.request({ type: 'send', conversationId: conversation.id, message: text('m-3') }), { code: 'rate-limited' });
    const ivy = await connected(server, 'p1');
    const history = await ivy.t.request({ type: 'history', conversationId: conversation.id });
    assert.deepEqual(history.map((m) => m.id), ['m-1', 'm-2']);
  });
});

describe('Wire: what travels per message', () => {
  /** A raw socket signed in as `userId`, with the auth frame's extra fields. */
  async function signedIn(server: VolleyServer, userId: string, auth: Record<string, unknown> = {}) {
    const client = await raw(server);
    const user = USERS.find((u) => u.id === userId)!;
    client.send({ v: PROTOCOL_VERSION, auth: { token: signToken({ sub: user.id, role: user.role, exp: Math.floor(Date.now() / 1000) + 600 }, SECRET), ...auth } });
    await until(() => client.frames.some((f) => f.welcome), 'the welcome', 3000);
    return client;
  }
  const kinds = (frames: any[]) => frames.map((f) => (f.welcome ? 'welcome' : f.ev ? `ev ${f.ev.type}` : f.re ? `re ${f.re}` : f.error ? `error ${f.error.code}` : '?'));

  it("with echo: false the sending socket gets its message in the reply only; the same user's other socket and the peer get the event", async () => {
    const server = await serve();
    const quiet = await signedIn(server, 'c1', { echo: false });
    const other = await signedIn(server, 'c1');
    const ivy = await signedIn(server, 'p1');
    quiet.send({ v: PROTOCOL_VERSION, id: 'r1', cmd: { type: 'start', with: 'p1' } });
    await until(() => quiet.frames.some((f) => f.re === 'r1'));
    const conversationId = quiet.frames.find((f) => f.re === 'r1').result.id;
    const mark = quiet.frames.length;
    quiet.send({ v: PROTOCOL_VERSION, id: 'r2', cmd: { type: 'send', conversationId, message: text('m-1') } });
    await until(() => quiet.frames.some((f) => f.re === 'r2') && other.frames.some((f) => f.ev?.message?.id === 'm-1') && ivy.frames.some((f) => f.ev?.message?.id === 'm-1'));
    await until(() => ivy.frames.some((f) => f.ev?.type === 'conversation' && f.ev.conversation.lastSeq === 1));
    assert.deepEqual(kinds(quiet.frames.slice(mark)), ['ev conversation', 're r2']);
    assert.equal(quiet.frames.at(-1).result.seq, 1, 'the reply is the stored message');
    assert.ok(other.frames.some((f) => f.ev?.type === 'message' && f.ev.message.seq === 1), 'echoed to a socket that did not ask otherwise');
  });

  it('the server pings only a socket silent for a heartbeat, and ends one silent for three', async () => {
    const server = await serve({ heartbeatMs: 100 });
    const talking = await signedIn(server, 'c1');
    const silent = await signedIn(server, 'p1');
    let talkingPings = 0;
    let silentPings = 0;
    talking.socket.on('ping', () => talkingPings++);
    // A socket that answers no ping (autoPong off) falls silent for good.
    (silent.socket as unknown as { _autoPong: boolean })._autoPong = false;
    silent.socket.on('ping', () => silentPings++);
    const chatter = setInterval(() => talking.send({ v: PROTOCOL_VERSION, ping: 1 }), 20);
    try {
      assert.equal(await Promise.race([silent.closed, new Promise((resolve) => setTimeout(() => resolve('open'), 1500))]), 1006, 'the silent socket is ended');
    } finally {
      clearInterval(chatter);
    }
    assert.ok(silentPings >= 1, 'the silent socket was asked');
    assert.equal(talkingPings, 0, 'a socket heard from within the heartbeat is not pinged');
  });

  it('delivered and typing sent without a request id are notices: they run and nothing answers; any other command without an id is refused', async () => {
    const server = await serve();
    const cam = await signedIn(server, 'c1');
    const ivy = await signedIn(server, 'p1');
    cam.send({ v: PROTOCOL_VERSION, id: 'r1', cmd: { type: 'start', with: 'p1' } });
    await until(() => cam.frames.some((f) => f.re === 'r1'));
    const conversationId = cam.frames.find((f) => f.re === 'r1').result.id;
    cam.send({ v: PROTOCOL_VERSION, id: 'r2', cmd: { type: 'send', conversationId, message: text('m-1') } });
    await until(() => ivy.frames.some((f) => f.ev?.message?.id === 'm-1'));
    const ivyMark = ivy.frames.length;
    ivy.send({ v: PROTOCOL_VERSION, cmd: { type: 'delivered', conversationId, seq: 1 } });
    await until(() => cam.frames.some((f) => f.ev?.type === 'conversation' && f.ev.conversation.peerDeliveredSeq === 1), 'the receipt to reach Cam', 3000);
    ivy.send({ v: PROTOCOL_VERSION, cmd: { type: 'send', conversationId, message: text('m-2') } });
    ivy.send({ v: PROTOCOL_VERSION, id: 'ping-after', cmd: { type: 'hello' } });
    await until(() => ivy.frames.some((f) => f.re === 'ping-after'));
    assert.deepEqual(kinds(ivy.frames.slice(ivyMark)), ['error invalid', 're ping-after'], 'the receipt got no answer; the id-less send was refused');
    assert.equal(ivy.frames.at(-1).result.conversations[0].lastSeq, 1, 'the refused send ran nothing');
  });
});

describe('Wire: exactly once, in order, across reconnects and restarts', () => {
  it('a send retried on another connection with the same client id is stored once', async () => {
    const server = await serve();
    const first = await connected(server, 'c1');
    const conversation = await first.t.request({ type: 'start', with: 'p1' });
    const a = await first.t.request({ type: 'send', conversationId: conversation.id, message: text('m-1') });
    first.t.disconnect();
    const second = await connected(server, 'c1');
    const b = await second.t.request({ type: 'send', conversationId: conversation.id, message: text('m-1') });
    assert.deepEqual(b, a);
    assert.deepEqual((await second.t.request({ type: 'history', conversationId: conversation.id })).map((m) => m.seq), [1]);
  });

  it('after a cut the client gets exactly the messages it missed, in order, and reports offline then online', async () => {
    const server = await serve();
    const cam = await connected(server, 'c1');
    const ivy = await connected(server, 'p1');
    const conversation = await cam.t.request({ type: 'start', with: 'p1' });
    await cam.t.request({ type: 'send', conversationId: conversation.id, message: text('m-1') });
    await until(() => ivy.seqs(conversation.id).length === 1);
    // The provider's socket drops, as on a network cut.
    assert.equal(server.disconnect('p1'), 1);
    await until(() => ivy.statuses.includes('offline'), 'offline', 3000);
    for (const id of ['m-2', 'm-3', 'm-4']) await sendRetrying(cam.t, conversation.id, id);
    await until(() => ivy.statuses.at(-1) === 'online', 'online again', 3000);
    await until(() => ivy.seqs(conversation.id).length === 4, 'the missed messages', 3000);
    assert.deepEqual(ivy.seqs(conversation.id), [1, 2, 3, 4]);
    assert.deepEqual(cam.seqs(conversation.id), [1, 2, 3, 4]);
  });


});

describe('ChatClient over the wire: the outbox across a cut', () => {
  it('a message sent while the socket is down stays pending, goes out once when the transport is back, and the other side gets it once', async () => {
    const { createPersistence } = await import('../src/persist/index.ts');
    const server = await serve();
    const persistence = createPersistence({ indexedDB: null, userId: 'c1', namespace: `wire-${Date.now()}` });
    const cam = new ChatClient({ transport: transport(server, 'c1'), persistence });
    open.push({ close: () => persistence.close() });
    const ivy = await connected(server, 'p1');
    await cam.connect();
    const conversation = await cam.startConversation({ with: 'p1' });
    await cam.send(conversation.id, { kind: 'text', text: 'before the cut' });
    // Send at the moment the client sees the cut: the transport may reconnect within milliseconds
    // (full jitter), before a poll would notice, but not within this synchronous callback.
    let sending: Promise<unknown> | undefined;
    let statusWhenSent: string | undefined;
    cam.subscribe((state) => state.connection, (connection) => {
      if (connection !== 'closed' || sending) return;
      sending = cam.send(conversation.id, { kind: 'text', text: 'during the cut', id: 'm-offline' }).catch((error) => error);
      statusWhenSent = cam.state.messages[conversation.id].find((m) => m.id === 'm-offline')?.status;
    });
    server.disconnect('c1');
    await until(() => sending !== undefined, 'the client to notice the cut', 3000);
    assert.equal(statusWhenSent, 'pending');
    await until(() => cam.state.connection === 'open', 'the client back online', 5000);
    await until(() => ivy.messages().some((m) => m.id === 'm-offline'), 'the outbox to deliver', 5000);
    await sending;
    const mine = cam.state.messages[conversation.id].filter((m) => m.id === 'm-offline');
    assert.equal(mine.length, 1);
    assert.equal(mine[0].status, 'sent');
    assert.deepEqual(ivy.seqs(conversation.id), [1, 2]);
    assert.deepEqual((await ivy.t.request({ type: 'history', conversationId: conversation.id })).map((m) => m.id).slice(-1), ['m-offline']);
  });
});

describe('WebSocketTransport: heartbeat, backoff, ordering', () => {
  it('a socket that goes silent is given up within two heartbeats and the transport reconnects', async () => {
    // A server that welcomes and then never answers again.
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => wss.once('listening', resolve));
    open.push({ close: () => new Promise((resolve) => { for (const c of wss.clients) c.terminate(); wss.close(resolve); }) });
    let connections = 0;
    wss.on('connection', (socket) => {
      connections++;
      socket.once('message', () => socket.send(JSON.stringify({ v: PROTOCOL_VERSION, n: 1, welcome: { userId: 'c1', epoch: 'e', reset: false, heartbeatMs: 100 } })));
    });
    const url = `ws://127.0.0.1:${(wss.address() as { port: number }).port}`;
    const t = new WebSocketTransport({ url, token: 't', WebSocket: NodeWebSocket, heartbeatMs: 100, backoff: { initialMs: 10, maxMs: 10 } });
    open.push({ close: () => t.disconnect() });
    const statuses: string[] = [];
    t.onStatus((s) => statuses.push(s));
    await t.connect(() => {});
    const start = Date.now();
    await until(() => statuses.includes('offline'), 'offline', 2000);
    const detectedIn = Date.now() - start;
    assert.ok(detectedIn >= 200 && detectedIn < 450, `detected in ${detectedIn} ms`);
    await until(() => connections >= 2 && statuses.at(-1) === 'online', 'a new connection', 2000);
  });

  it('reconnect delays are full jitter: random up to initial × 2^attempt, capped', () => {
    assert.equal(reconnectDelay(0, 500, 30_000, () => 1), 500);
    assert.equal(reconnectDelay(3, 500, 30_000, () => 1), 4000);
    assert.equal(reconnectDelay(10, 500, 30_000, () => 1), 30_000);
    assert.equal(reconnectDelay(10, 500, 30_000, () => 0.25), 7500);
    assert.equal(reconnectDelay(4, 500, 30_000, () => 0), 0);
  });

  it('frames repeated or reordered on the way reach the client once and in order', async () => {
    const sockets: FakeSocket[] = [];
    class FakeSocket {
      readyState = 0;
      onopen: ((e: unknown) => void) | null = null;
      onmessage: ((e: { data: unknown }) => void) | null = null;
      onclose: ((e: { code: number }) => void) | null = null;
      onerror: ((e: unknown) => void) | null = null;
      sent: any[] = [];
      constructor() { sockets.push(this); queueMicrotask(() => { this.readyState = 1; this.onopen?.({}); }); }
      send(data: string) { this.sent.push(JSON.parse(data)); }
      close() { this.readyState = 3; }
      deliver(frame: object) { this.onmessage?.({ data: JSON.stringify({ v: PROTOCOL_VERSION, ...frame }) }); }
    }
    const t = new WebSocketTransport({ url: 'ws://fake', token: 't', WebSocket: FakeSocket as unknown as WebSocketConstructor });
    open.push({ close: () => t.disconnect() });
    const delivered: Message[] = [];
    const connecting = t.connect((e) => e.type === 'message' && delivered.push(e.message));
    await new Promise((resolve) => setImmediate(resolve));
    const socket = sockets[0];
    socket.deliver({ n: 1, welcome: { userId: 'c1', epoch: 'e1', reset: false, heartbeatMs: 5000 } });
    await connecting;
    const message = (seq: number) => ({ type: 'message', message: { id: `m${seq}`, conversationId: 'c', seq, authorId: 'c1', at: 0, kind: 'text', text: '' } });
    socket.deliver({ n: 3, ev: message(2) });
    socket.deliver({ n: 2, ev: message(1) });
    socket.deliver({ n: 2, ev: message(1) });
    socket.deliver({ n: 4, ev: message(3) });
    socket.deliver({ n: 4, ev: message(3) });
    assert.deepEqual(delivered.map((m) => m.seq), [1, 2, 3]);
    // A gap in a conversation (seq 5 before 4) holds the later message and asks the server to resume.
    socket.deliver({ n: 5, ev: message(5) });
    assert.deepEqual(delivered.map((m) => m.seq), [1, 2, 3]);
    await until(() => socket.sent.some((f) => f.resume), 'a resume request', 1000);
    assert.deepEqual(socket.sent.find((f) => f.resume).resume.cursors, { c: 3 });
    socket.deliver({ n: 6, ev: message(4) });
    assert.deepEqual(delivered.map((m) => m.seq), [1, 2, 3, 4, 5]);
  });
});

async function sendRetrying(t: WebSocketTransport, conversationId: string, id: string): Promise<Message> {
  for (;;) {
    try {
      return await t.request({ type: 'send', conversationId, message: text(id) });
    } catch (error) {
      if ((error as { code?: string }).code !== 'unavailable') throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

describe('K6 uploads: size, type by content, and safe serving', () => {
  const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const upload = (server: VolleyServer, name: string, body: Buffer, token: string | null = server.token({ id: 'c1', role: 'customer' })) =>
    fetch(`${server.url}/uploads?name=${encodeURIComponent(name)}`, { method: 'POST', body: new Uint8Array(body), headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('a picture whose content matches its name is kept and served back with nosniff, a sandbox and its file name', async () => {
    const server = await serve({ dataDir: join(root, `data-${++folders}`) });
    const response = await upload(server, 'photo.png', PNG);
    assert.equal(response.status, 201);
    const attachment = await response.json() as { url: string; name: string; size: number; mime: string; head: string };
    assert.deepEqual([attachment.name, attachment.size, attachment.mime], ['photo.png', PNG.length, 'image/png']);
    const served = await fetch(`${server.url}${attachment.url}`);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(served.headers.get('content-type'), 'image/png');
    assert.match(served.headers.get('content-disposition') ?? '', /^inline; filename="photo.png"/);
    assert.match(served.headers.get('content-security-policy') ?? '', /sandbox/);
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), PNG);
    // The upload's answer is what the message carries; the engine checks it again.
    const cam = await connected(server, 'c1');
    const conversation = await cam.t.request({ type: 'start', with: 'p1' });
    const message = await cam.t.request({ type: 'send', conversationId: conversation.id, message: { id: 'm-photo', kind: 'attachment', attachment } });
    assert.equal(message.kind, 'attachment');
  });

  it('a file whose content is not what its name says is refused with attachment-type and not kept', async () => {
    const server = await serve({ dataDir: join(root, `data-${++folders}`) });
    const response = await upload(server, 'invoice.png', Buffer.from('%PDF-1.7 not a picture'));
    assert.equal(response.status, 415);
    assert.equal((await response.json() as { code: string }).code, 'attachment-type');
    const script = await upload(server, 'page.html', Buffer.from('<script>alert(1)</script>'));
    assert.equal((await script.json() as { code: string }).code, 'attachment-type');
  });

  it('a file over the size limit is refused with attachment-too-large', async () => {
    const server = await serve({ dataDir: join(root, `data-${++folders}`), policy: presets.paidChat({ attachments: { maxBytes: 1024 } }) });
    const response = await upload(server, 'big.png', Buffer.concat([PNG, Buffer.alloc(2048)]));
    assert.equal(response.status, 413);
    assert.equal((await response.json() as { code: string }).code, 'attachment-too-large');
  });

  it('an upload without a valid token is refused, and an unknown file id is not found', async () => {
    const server = await serve({ dataDir: join(root, `data-${++folders}`) });
    assert.equal((await upload(server, 'photo.png', PNG, null)).status, 401);
    assert.equal((await upload(server, 'photo.png', PNG, 'forged.token.here')).status, 401);
    assert.equal((await fetch(`${server.url}/uploads/../volley.sqlite`)).status, 404);
    assert.equal((await fetch(`${server.url}/uploads/00000000-0000-0000-0000-000000000000`)).status, 404);
  });
});

const kinds = storeKinds();
after(() => stopStores(kinds));
for (const kind of kinds) describe(`Resume across a restart (${kind.name})`, { skip: kind.skip }, () => {
  it('a restart on the same data keeps the epoch: acked messages are there and clients resume without a reset', async () => {
    const dataDir = await kind.place();
    let server = await serve(kind.server(dataDir));
    const port = server.port;
    const cam = await connected(server, 'c1');
    const ivy = await connected(server, 'p1');
    const conversation = await cam.t.request({ type: 'start', with: 'p1' });
    await cam.t.request({ type: 'send', conversationId: conversation.id, message: text('m-1') });
    await until(() => ivy.seqs(conversation.id).length === 1);
    await server.close();
    server = await serve({ ...kind.server(dataDir), port });
    await until(() => cam.statuses.at(-1) === 'online' && ivy.statuses.at(-1) === 'online', 'both back', 5000);
    await cam.t.request({ type: 'send', conversationId: conversation.id, message: text('m-2') });
    await until(() => ivy.seqs(conversation.id).length === 2);
    assert.deepEqual(ivy.seqs(conversation.id), [1, 2]);
    assert.deepEqual((await ivy.t.request({ type: 'history', conversationId: conversation.id })).map((m) => m.id), ['m-1', 'm-2']);
  });
  it('a server with other data (a new epoch) tells resuming clients to start over', async () => {
    let server = await serve(kind.server(await kind.place()));
    const port = server.port;
    const cam = await connected(server, 'c1');
    const conversation = await cam.t.request({ type: 'start', with: 'p1' });
    await cam.t.request({ type: 'send', conversationId: conversation.id, message: text('m-1') });
    await until(() => cam.seqs(conversation.id).length === 1);
    await server.close();
    server = await serve({ ...kind.server(await kind.place()), port });
    await until(() => cam.statuses.at(-1) === 'online', 'back online', 5000);
    // New data: a new conversation starts at seq 1 again, and the client takes it (its old cursors were dropped).
    const fresh = await cam.t.request({ type: 'start', with: 'p1' });
    await cam.t.request({ type: 'send', conversationId: fresh.id, message: text('m-new') });
    await until(() => cam.seqs(fresh.id).length === 1);
  });
});
