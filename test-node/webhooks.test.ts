import { after, afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { WebSocketTransport } from '../src/transport/ws.ts';
import { freePort } from '../scripts/server-process.ts';
import { NodeWebSocket } from './ws-fixtures.ts';
import { stopStores, storeKinds } from './stores.ts';
import { ChatError, ManualClock, MemoryNotifier, MemoryPayments, presets, type Command, type CommandResults, type CommandType, type Message, type Notification } from '../src/index.ts';
import {
  MemoryOutbox, Webhooks, createServer, signToken, signWebhook, verifyWebhook,
  type ServerOptions, type WebhookOptions,
} from '../server/src/index.ts';
import { until } from '../test-support/until.ts';

const SECRET = 'test-secret-of-enough-length';
const HOOK_SECRET = 'whsec-test-secret-0123456789';
const kinds = storeKinds();
after(() => stopStores(kinds));

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

interface Received { headers: IncomingHttpHeaders; raw: string; body: { id: string; type: string; createdAt: number; data: any } }
type Answer = { status: number; body?: string } | 'hang';

/** A local webhook receiver: records every request, answers as `answer` says. */
async function receiver(answer: (request: Received, index: number) => Answer = () => ({ status: 200 })) {
  const requests: Received[] = [];
  const hanging = new Set<() => void>();
  const http: Server = createHttpServer((request, response) => {
    let raw = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (raw += chunk));
    request.on('end', () => {
      const received: Received = { headers: request.headers, raw, body: JSON.parse(raw) };
      requests.push(received);
      const reply = state.answer(received, requests.length - 1);
      if (reply === 'hang') {
        const end = () => response.destroy();
        hanging.add(end);
        response.on('close', () => hanging.delete(end));
        return;
      }
      response.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  const state = {
    url: `http://127.0.0.1:${(http.address() as { port: number }).port}/hooks`,
    requests,
    answer,
    of: (type: string) => requests.filter((r) => r.body.type === type),
    close: () => {
      for (const end of hanging) end();
      http.closeAllConnections();
      return new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
  open.push(state);
  return state;
}

const USERS = [
  { id: 'c1', role: 'customer' as const, name: 'Cam' },
  { id: 'c2', role: 'customer' as const },
  { id: 'p1', role: 'provider' as const, name: 'Ivy' },
  { id: 'p2', role: 'provider' as const },
];

async function serve(options: Partial<ServerOptions>) {
  const server = await createServer({ secret: SECRET, port: 0, policy: presets.paidChat(), ...options });
  const handle = { close: () => server.close() };
  open.push(handle);
  if (server.journal.replayed === 0) for (const user of USERS) await server.host({ name: 'upsertUser', args: [user] });
  const run = <T extends CommandType>(userId: string, command: Extract<Command, { type: T }>) =>
    new Promise<CommandResults[T]>((resolve, reject) => server.journal.command(userId, command, (o) => (o.ok ? resolve(o.value as CommandResults[T]) : reject(o.error))));
  const send = (userId: string, conversationId: string, id: string) =>
    run<'send'>(userId, { type: 'send', conversationId, message: { id, kind: 'text', text: id } });
  const tribute = (conversationId: string, id: string, amountCents = 500) =>
    run<'send-tribute'>('c1', { type: 'send-tribute', conversationId, id, amountCents });
  const history = async (userId: string, conversationId: string) =>
    (await run<'history'>(userId, { type: 'history', conversationId, limit: 500 })).map((m: Message) => m.id);
  return { server, run, send, tribute, history, close: handle.close };
}

const webhook = (url: string, extra: Partial<WebhookOptions> = {}): WebhookOptions => ({ url, secret: HOOK_SECRET, ...extra });

describe('Webhook signatures', () => {
  it('a signed body verifies; a tampered body, another secret, an old or missing signature do not', () => {
    const body = JSON.stringify({ id: 'evt_1', type: 'notify', data: { a: 1 } });
    const now = Date.now();
    const header = signWebhook(body, HOOK_SECRET, Math.floor(now / 1000));
    assert.match(header, /^t=\d+,v1=[0-9a-f]{64}$/);
    assert.equal(verifyWebhook(body, header, HOOK_SECRET, 300, now), true);
    assert.equal(verifyWebhook(Buffer.from(body), header, HOOK_SECRET, 300, now), true, 'the raw bytes verify as well');
    assert.equal(verifyWebhook(body.replace('"a":1', '"a":2'), header, HOOK_SECRET, 300, now), false, 'a tampered body');
    assert.equal(verifyWebhook(body, header, 'another-secret-of-enough-length', 300, now), false, 'another secret');
    assert.equal(verifyWebhook(body, header, HOOK_SECRET, 300, now + 301_000), false, 'too old (a replayed request)');
    assert.equal(verifyWebhook(body, header.replace(/t=\d+/, `t=${Math.floor(now / 1000) + 1}`), HOOK_SECRET, 300, now), false, 'another timestamp');
    assert.equal(verifyWebhook(body, undefined, HOOK_SECRET), false);
    assert.equal(verifyWebhook(body, 'v1=abc', HOOK_SECRET), false);
    // A secret being rotated: the receiver accepts either signature.
    const both = `${header},v1=${signWebhook(body, 'the-next-secret-0123456789', Math.floor(now / 1000)).split('v1=')[1]}`;
    assert.equal(verifyWebhook(body, both, 'the-next-secret-0123456789', 300, now), true);
  });

  it('what the server sends carries a signature the receiver verifies over the raw body, the event id and its type', async () => {
    const hooks = await receiver();
    const { run, send } = await serve({ webhook: webhook(hooks.url) });
    const conversation = await run<'start'>('c1', { type: 'start', with: 'p1' });
    await send('c1', conversation.id, 'm-1');
    await until(() => hooks.of('notify').length > 0, 'a notify event');
    for (const request of hooks.requests) {
      assert.equal(verifyWebhook(request.raw, request.headers['volley-signature'] as string, HOOK_SECRET), true);
      assert.equal(request.headers['volley-event-id'], request.body.id);
      assert.equal(request.headers['volley-event-type'], request.body.type);
      assert.equal(request.headers['content-type'], 'application/json');
    }
    const alert = hooks.of('notify')[0].body.data.notification as Notification;
    assert.equal(alert.userId, 'p1');
    assert.equal(alert.conversationId, conversation.id);
  });
});

describe('Webhook charge (synchronous)', () => {
  it('2xx accepts: the tribute is made, and the receiver got the charge with a stable id', async () => {
    const hooks = await receiver();
    const { run, tribute, history } = await serve({ webhook: webhook(hooks.url, { events: [] }) });
    const conversation = await run<'start'>('c1', { type: 'start', with: 'p1' });
    const message = await tribute(conversation.id, 'tri-1', 700);
    assert.equal(message.kind, 'tribute');
    const [charge] = hooks.of('charge');
    assert.deepEqual(charge.body.data, { reason: 'tribute', payerId: 'c1', payeeId: 'p1', amountCents: 700, conversationId: conversation.id, messageId: 'tri-1' });
    assert.match(charge.body.id, /^ch_[0-9a-f]{32}$/);
    assert.deepEqual(await history('c1', conversation.id), ['tri-1']);
  });

  it('402 declines with the receiver\'s message, and nothing is written', async () => {
    const hooks = await receiver(() => ({ status: 402, body: JSON.stringify({ message: 'Card expired.' }) }));
    const { run, tribute, history } = await serve({ webhook: webhook(hooks.url, { events: [] }) });
    const conversation = await run<'start'>('c1', { type: 'start', with: 'p1' });
    await assert.rejects(tribute(conversation.id, 'tri-1'), (error: unknown) => error instanceof ChatError && error.code === 'payment-declined' && error.message === 'Card expired.');
    assert.deepEqual(await history('c1', conversation.id), []);
  });

  it('any other status declines, and a retry of the same command carries the same event id (the host\'s idempotency key)', async () => {
    const hooks = await receiver((_, index) => (index === 0 ? { status: 500, body: 'boom' } : { status: 200 }));
    const { run, tribute, history } = await serve({ webhook: webhook(hooks.url, { events: [] }) });
    const conversation = await run<'start'>('c1', { type: 'start', with: 'p1' });
    await assert.rejects(tribute(conversation.id, 'tri-1'), (error: unknown) => error instanceof ChatError && error.code === 'payment-declined' && !error.message.includes('boom'));
    await tribute(conversation.id, 'tri-1');
    const ids = hooks.of('charge').map((r) => r.body.id);
    assert.equal(ids.length, 2);
    assert.equal(ids[0], ids[1]);
    assert.deepEqual(await history('c1', conversation.id), ['tri-1']);
  });

  it('a receiver that never answers declines after the timeout; other conversations wait at most that long, then flow', async (t) => {
    const TIMEOUT = 300;
    const hooks = await receiver((request) => (request.body.data.reason === 'tribute' ? 'hang' : { status: 200 }));
    const { run, tribute, send } = await serve({ webhook: webhook(hooks.url, { events: [], timeoutMs: TIMEOUT }) });
    const slow = await run<'start'>('c1', { type: 'start', with: 'p1' });
    const other = await run<'start'>('c2', { type: 'start', with: 'p2' });
    const started = Date.now();
    const charged = tribute(slow.id, 'tri-1').then(() => 'accepted', (error: unknown) => (error instanceof ChatError ? error.code : 'other'));
    const sent = send('c2', other.id, 'm-other').then(() => Date.now() - started);
    assert.equal(await charged, 'payment-declined');
    const declinedAfter = Date.now() - started;
    assert.ok(declinedAfter >= TIMEOUT - 20 && declinedAfter < TIMEOUT + 700, `declined after ${declinedAfter} ms`);
    const otherAfter = await sent;
    assert.ok(otherAfter < TIMEOUT + 700, `the other conversation's message was acked after ${otherAfter} ms`);
    // And after it, nothing is held up.
    const t0 = Date.now();
    await send('c2', other.id, 'm-other-2');
    const next = Date.now() - t0;
    assert.ok(next < 200);
    t.diagnostic(`timeout ${TIMEOUT} ms: declined after ${declinedAfter} ms, the other conversation acked after ${otherAfter} ms, the next message in ${next} ms`);
  });

  it('a host\'s own payments adapter that never answers declines after adapterTimeoutMs; a history adapter answers empty', async () => {
    const { run, tribute } = await serve({
      adapterTimeoutMs: 200,
      payments: { charge: () => new Promise<void>(() => {}) },
      history: { engagementHistory: () => new Promise<unknown[]>(() => {}) },
    });
    const conversation = await run<'start'>('c1', { type: 'start', with: 'p1' });
    await assert.rejects(tribute(conversation.id, 'tri-1'), (error: unknown) => error instanceof ChatError && error.code === 'payment-declined');
    assert.deepEqual(await run<'engagement-history'>('p1', { type: 'engagement-history', customerId: 'c1' }), []);
  });
});

describe('Webhook events (at least once, through the outbox)', () => {



  it('a message event carries the committed message, under an id derived from it', async () => {
    const hooks = await receiver();
    const { server, run, send } = await serve({ webhook: webhook(hooks.url, { events: ['message'] }) });
    const conversation = await run<'start'>('c1', { type: 'start', with: 'p1' });
    const sent = await send('c1', conversation.id, 'm-1');
    await until(() => hooks.requests.length === 1, 'the message event');
    await server.webhooks!.settled();
    const [event] = hooks.requests;
    assert.equal(event.body.type, 'message');
    assert.match(event.body.id, /^evt_[0-9a-f]{32}$/);
    assert.deepEqual(event.body.data.message, sent);
    assert.equal(await server.webhooks!.pending(), 0);
  });

  it('after its last attempt an event goes to the dead letters with a log line, and the next of its conversation goes', async () => {
    const clock = new ManualClock(Date.now());
    const hooks = await receiver((request) => (request.body.data.message.n === 1 ? { status: 500 } : { status: 200 }));
    const outbox = new MemoryOutbox();
    const lines: string[] = [];
    const log = { warn: (_: object, message: string) => lines.push(`warn ${message}`), error: (_: object, message: string) => lines.push(`error ${message}`) };
    const hooksClient = new Webhooks(webhook(hooks.url, { clock, random: () => 0, events: ['message'], retry: { baseMs: 100, maxAttempts: 3 } }), outbox, (work) => work(), log);
    open.push(hooksClient);
    const message = (n: number) => ({ type: 'message' as const, message: { id: `m-${n}`, conversationId: 'c', seq: n, authorId: 'c1', at: 0, kind: 'text', text: 'x', n } as unknown as Message });
    hooksClient.onRecords([message(1), message(2)]);
    for (let attempt = 1; attempt <= 3; attempt++) {
      await until(() => hooks.requests.length >= attempt, `attempt ${attempt}`);
      await hooksClient.settled();
      clock.advance(1000);
    }
    await until(() => hooks.requests.length === 4, 'the next event');
    await hooksClient.settled();
    assert.deepEqual(hooks.requests.map((r) => r.body.data.message.id), ['m-1', 'm-1', 'm-1', 'm-2']);
    assert.equal(outbox.deadLetters.length, 1);
    assert.equal(outbox.deadLetters[0].id, hooks.requests[0].body.id);
    assert.ok(lines.some((line) => line.startsWith('error') && line.includes('dead-lettered')));
    assert.equal(outbox.count(), 0);
  });

  it('a server without a webhook keeps no alert and no charge in memory', async () => {
    // The in-page defaults keep every alert and charge they are given: the server must not use them.
    const kept: string[] = [];
    const notify = MemoryNotifier.prototype.notify;
    const charge = MemoryPayments.prototype.charge;
    MemoryNotifier.prototype.notify = function (notification) { kept.push(`alert ${notification.kind}`); return notify.call(this, notification); };
    MemoryPayments.prototype.charge = function (c) { kept.push(`charge ${c.reason}`); return charge.call(this, c); };
    try {
      const { server, run, send } = await serve({});
      const conversation = await run<'start'>('c1', { type: 'start', with: 'p1' });
      await send('c1', conversation.id, 'm-1');
      await send('p1', conversation.id, 'm-2'); // a volley: charged
      assert.equal(server.webhooks, undefined);
    } finally {
      MemoryNotifier.prototype.notify = notify;
      MemoryPayments.prototype.charge = charge;
    }
    assert.deepEqual(kept, []);
  });
});

for (const kind of kinds) describe(`The outbox on ${kind.name}: retries, order, restarts`, { skip: kind.skip }, () => {
  const folder = () => kind.place();

  it('a notify event is retried after 500s with backoff until a 2xx, always with the same event id', async () => {
    const clock = new ManualClock(Date.now());
    let failures = 2;
    const hooks = await receiver((request) => (request.body.type === 'notify' && failures-- > 0 ? { status: 500 } : { status: 200 }));
    const { server, run, send } = await serve({ ...kind.server(await folder()), webhook: webhook(hooks.url, { clock, random: () => 0, retry: { baseMs: 1000 } }) });
    const conversation = await run<'start'>('c1', { type: 'start', with: 'p1' });
    await send('c1', conversation.id, 'm-1');
    await until(() => hooks.of('notify').length === 1, 'the first attempt');
    await server.webhooks!.settled();
    const first = hooks.of('notify')[0].body.id;
    clock.advance(499);
    await server.webhooks!.settled();
    assert.equal(hooks.of('notify').length, 1, 'not before the backoff (1 s, half of it jitter)');
    clock.advance(1);
    await until(() => hooks.of('notify').length === 2, 'the second attempt');
    await server.webhooks!.settled();
    clock.advance(999);
    await server.webhooks!.settled();
    assert.equal(hooks.of('notify').length, 2, 'the second backoff doubles');
    clock.advance(1);
    await until(() => hooks.of('notify').length >= 3, 'the third attempt');
    await server.webhooks!.settled();
    const attempts = hooks.of('notify').filter((r) => r.body.id === first);
    assert.equal(attempts.length, 3, 'three attempts of the first alert');
    assert.ok(attempts.every((r) => r.raw === attempts[0].raw), 'the very same body each time');
    const others = hooks.of('notify').length - 3;
    clock.advance(60_000);
    await server.webhooks!.settled();
    assert.equal(hooks.of('notify').length - 3, others, 'nothing is sent again after its 2xx');
    assert.equal(await server.webhooks!.pending(), 0);
  });
  it('events of one conversation go in order: a later one waits while an earlier one is retried', async () => {
    const clock = new ManualClock(Date.now());
    let failing = true;
    const hooks = await receiver(() => (failing ? { status: 503 } : { status: 200 }));
    const { server, run, send } = await serve({ ...kind.server(await folder()), webhook: webhook(hooks.url, { clock, random: () => 0, events: ['message'] }) });
    const conversation = await run<'start'>('c1', { type: 'start', with: 'p1' });
    await send('c1', conversation.id, 'm-1');
    await send('c1', conversation.id, 'm-2');
    await send('p1', conversation.id, 'm-3');
    const events = () => hooks.of('message');
    await until(() => events().length >= 1, 'the first attempt');
    await server.webhooks!.settled();
    assert.deepEqual(events().map((r) => r.body.data.message.id), ['m-1'], 'm-2 waits for m-1');
    failing = false;
    clock.advance(1000);
    await until(() => events().length >= 4, 'the rest');
    await server.webhooks!.settled();
    assert.deepEqual(events().map((r) => r.body.data.message.id), ['m-1', 'm-1', 'm-2', 'm-3']);
    assert.equal(events()[0].body.id, events()[1].body.id);
  });
  it('events pending at a stop are delivered after the restart, with the same ids, and the replay adds none', async () => {
    const dataDir = await folder();
    let up = false;
    const hooks = await receiver(() => (up ? { status: 204 } : { status: 503 }));
    const hook = webhook(hooks.url, { events: ['notify', 'message'], retry: { baseMs: 60_000 } });
    const first = await serve({ ...kind.server(dataDir), webhook: hook });
    const conversation = await first.run<'start'>('c1', { type: 'start', with: 'p1' });
    await first.send('c1', conversation.id, 'm-1');
    await first.send('p1', conversation.id, 'm-2');
    await until(() => hooks.requests.length >= 1, 'a first attempt');
    await first.server.webhooks!.settled();
    const pending = await first.server.webhooks!.pending();
    assert.ok(pending >= 3, `${pending} events pending (two messages and their alerts)`);
    const tried = new Set(hooks.requests.filter((r) => r.body.type !== 'charge').map((r) => r.body.id));
    await first.close();
    const pendingIds = (await kind.sql<{ id: string }>(dataDir, 'SELECT id FROM outbox ORDER BY n')).map((row) => row.id);
    assert.equal(pendingIds.length, pending, 'the outbox is on disk');
    for (const id of tried) assert.ok(pendingIds.includes(id));

    up = true;
    const before = hooks.requests.length;
    const second = await serve({ ...kind.server(dataDir), webhook: hook });
    assert.ok(second.server.journal.restored, "the restart restored the data");
    await until(async () => (await second.server.webhooks!.pending()) === 0, 'every pending event delivered');
    await second.server.webhooks!.settled();
    const afterRestart = hooks.requests.slice(before).filter((r) => r.body.type !== 'charge').map((r) => r.body.id);
    // Each pending event once, with its id; none new from the replay (it mutes the notifier and commits nothing).
    assert.deepEqual([...afterRestart].sort(), [...pendingIds].sort());
    const messages = hooks.requests.slice(before).filter((r) => r.body.type === 'message').map((r) => r.body.data.message.id);
    assert.deepEqual(messages, ['m-1', 'm-2']);
    await second.close();

    // The outbox is empty on disk; nothing went to the dead letters.
    assert.equal((await kind.sql<{ n: number }>(dataDir, 'SELECT count(*) AS n FROM outbox'))[0].n, 0);
    assert.equal((await kind.sql<{ n: number }>(dataDir, 'SELECT count(*) AS n FROM outbox_dead'))[0].n, 0);
  });
  it('a SIGKILL right after the acks loses no event: the restarted server delivers every acked message', async () => {
    const dataDir = await folder();
    let up = false;
    const hooks = await receiver(() => (up ? { status: 200 } : { status: 503 }));
    const port = await freePort();
    const start = async () => {
      const child = spawn(process.execPath, [
        '--conditions=volley-source', '--import', 'tsx', 'server/src/cli.ts', '--port', String(port), ...(kind.name === 'postgres' ? ['--postgres', dataDir] : ['--data', dataDir]), '--secret', SECRET,
        '--webhook', hooks.url, '--webhook-events', 'message', '--rate-user', '100000',
      ], { cwd: new URL('..', import.meta.url).pathname, env: { ...process.env, VOLLEY_WEBHOOK_SECRET: HOOK_SECRET }, stdio: ['ignore', 'pipe', 'ignore'] });
      open.push({ close: () => child.kill('SIGKILL') });
      await new Promise<void>((resolve, reject) => {
        let output = '';
        child.stdout!.on('data', (chunk) => ((output += chunk), output.includes('webhook:') && resolve()));
        child.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
      });
      return child;
    };
    const connect = async (id: string, role: 'customer' | 'provider') => {
      const t = new WebSocketTransport({
        url: `ws://127.0.0.1:${port}/ws`, WebSocket: NodeWebSocket, backoff: { initialMs: 20, maxMs: 200 },
        token: signToken({ sub: id, role, exp: Math.floor(Date.now() / 1000) + 600 }, SECRET),
      });
      open.push({ close: () => t.disconnect() });
      await t.connect(() => {});
      return t;
    };
    const first: ChildProcess = await start();
    await connect('p1', 'provider');
    const cam = await connect('c1', 'customer');
    const conversation = await cam.request({ type: 'start', with: 'p1' });
    const acked = await Promise.all(Array.from({ length: 20 }, (_, n) => cam.request({ type: 'send', conversationId: conversation.id, message: { id: `k-${n}`, kind: 'text', text: `${n}` } })));
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    cam.disconnect();

    up = true;
    await start();
    const delivered = () => new Set(hooks.of('message').filter((r) => r.headers['volley-signature']).map((r) => r.body.data.message.id));
    await until(() => acked.every((m) => delivered().has(m.id)), 'every acked message delivered after the restart', 15_000);
    // In order: the last attempt of each message comes after the last of the one before.
    const lastIndex = (id: string) => hooks.requests.findLastIndex((r) => r.body.type === 'message' && r.body.data.message.id === id);
    const order = acked.map((m) => lastIndex(m.id));
    assert.deepEqual(order, [...order].sort((a, b) => a - b));
  });
});
