import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { ChatClient, ChatError, LocalTransport, type ChatEvent, type Message } from '../src/index.ts';
import { exec, flush, makeWorld, type World } from './fixtures.ts';

let world: World;

beforeEach(() => {
  world = makeWorld({
    users: [
      { id: 'c1', role: 'customer' },
      { id: 'c2', role: 'customer' },
      { id: 'c3', role: 'customer' },
      { id: 'p1', role: 'provider' },
      { id: 'p2', role: 'provider' },
    ],
  });
});

/** A transport connected as `userId`, recording every event it is given. */
async function connected(userId: string): Promise<{ transport: LocalTransport; events: ChatEvent[] }> {
  const transport = new LocalTransport(world.engine, { userId });
  const events: ChatEvent[] = [];
  await transport.connect((event) => events.push(event));
  return { transport, events };
}

/** Every conversation or message an event is about. */
const conversationIdsIn = (events: ChatEvent[]) =>
  events.flatMap((e) => (e.type === 'message' ? [e.message.conversationId] : e.type === 'conversation' ? [e.conversation.id] : []));

describe('LocalTransport: many clients on one engine', () => {
  it('each client receives only its own events', async () => {
    const c1 = await connected('c1');
    const c2 = await connected('c2');
    const c3 = await connected('c3');
    const p1 = await connected('p1');
    const p2 = await connected('p2');

    const a = await c1.transport.request({ type: 'start', with: 'p1' });
    const b = await c2.transport.request({ type: 'start', with: 'p1' });
    const c = await c3.transport.request({ type: 'start', with: 'p2' });
    for (const [{ transport }, conversationId] of [[c1, a.id], [c2, b.id], [c3, c.id]] as const) {
      await transport.request({ type: 'send', conversationId, message: { id: `m-${conversationId}`, kind: 'text', text: 'hello' } });
    }
    await p1.transport.request({ type: 'send', conversationId: a.id, message: { id: 'reply-a', kind: 'text', text: 'hi c1' } });
    await flush();

    assert.deepEqual(new Set(conversationIdsIn(c1.events)), new Set([a.id]));
    assert.deepEqual(new Set(conversationIdsIn(c2.events)), new Set([b.id]));
    assert.deepEqual(new Set(conversationIdsIn(c3.events)), new Set([c.id]));
    assert.deepEqual(new Set(conversationIdsIn(p1.events)), new Set([a.id, b.id]));
    assert.deepEqual(new Set(conversationIdsIn(p2.events)), new Set([c.id]));

    const messageIds = (events: ChatEvent[]) => events.flatMap((e) => (e.type === 'message' ? [e.message.id] : []));
    assert.deepEqual(messageIds(c1.events), [`m-${a.id}`, 'reply-a']);
    assert.deepEqual(messageIds(c2.events), [`m-${b.id}`]);
    assert.deepEqual(messageIds(p1.events), [`m-${a.id}`, `m-${b.id}`, 'reply-a']);
  });

  it('two clients of the same user both receive its events', async () => {
    const first = await connected('c1');
    const second = await connected('c1');
    const conversation = await first.transport.request({ type: 'start', with: 'p1' });
    await first.transport.request({ type: 'send', conversationId: conversation.id, message: { id: 'm1', kind: 'text', text: 'hi' } });
    await flush();
    for (const { events } of [first, second]) {
      assert.ok(events.some((e) => e.type === 'message' && e.message.id === 'm1'));
    }
  });

  it('ChatClients on one engine see only their own conversations', async () => {
    const clients = await Promise.all(['c1', 'c2', 'p1', 'p2'].map(async (userId) => {
      const client = new ChatClient({ transport: new LocalTransport(world.engine, { userId }), clock: world.clock });
      await client.connect();
      return client;
    }));
    const [c1, c2, p1, p2] = clients;
    const a = await c1.startConversation({ with: 'p1' });
    const b = await c2.startConversation({ with: 'p2' });
    await c1.send(a.id, { kind: 'text', text: 'for p1' });
    await c2.send(b.id, { kind: 'text', text: 'for p2' });
    await flush();
    assert.deepEqual(Object.keys(c1.state.conversations), [a.id]);
    assert.deepEqual(Object.keys(c2.state.conversations), [b.id]);
    assert.deepEqual(Object.keys(p1.state.conversations), [a.id]);
    assert.deepEqual(Object.keys(p2.state.conversations), [b.id]);
    assert.deepEqual(Object.keys(p1.state.messages), [a.id]);
    assert.deepEqual(Object.keys(p2.state.messages), [b.id]);
  });
});

describe('LocalTransport: everything crosses as a serialised frame', () => {
  it('a returned message is a copy: mutating it does not change the engine', async () => {
    const { transport } = await connected('c1');
    const conversation = await transport.request({ type: 'start', with: 'p1' });
    const sent = await transport.request({ type: 'send', conversationId: conversation.id, message: { id: 'm1', kind: 'text', text: 'original' } });
    (sent as { text: string }).text = 'tampered';
    sent.seq = 99;
    sent.authorId = 'p1';

    const history = await transport.request({ type: 'history', conversationId: conversation.id });
    assert.deepEqual(history.map((m) => [m.id, m.seq, m.authorId, m.kind === 'text' && m.text]), [['m1', 1, 'c1', 'original']]);
    history[0].at = 0;
    const again = await transport.request({ type: 'history', conversationId: conversation.id });
    assert.notEqual(again[0], history[0]);
    assert.equal(again[0].at, world.clock.now());
    // The engine's own view through a different door agrees.
    const direct = await exec(world.engine, 'p1', { type: 'history', conversationId: conversation.id });
    assert.equal(direct[0].kind === 'text' && direct[0].text, 'original');
  });

  it('the sent draft is copied too: changing it after the send changes nothing', async () => {
    const { transport } = await connected('c1');
    const conversation = await transport.request({ type: 'start', with: 'p1' });
    const draft = { id: 'm1', kind: 'text' as const, text: 'as sent' };
    const command = { type: 'send' as const, conversationId: conversation.id, message: draft };
    const promise = transport.request(command);
    draft.text = 'changed while in flight';
    await promise;
    draft.text = 'changed after';
    const [stored] = await exec(world.engine, 'p1', { type: 'history', conversationId: conversation.id });
    assert.equal(stored.kind === 'text' && stored.text, 'as sent');
  });

  it('an event is a copy: mutating the delivered message does not change the engine or the other side', async () => {
    const c1 = await connected('c1');
    const p1 = await connected('p1');
    const conversation = await c1.transport.request({ type: 'start', with: 'p1' });
    await c1.transport.request({ type: 'send', conversationId: conversation.id, message: { id: 'm1', kind: 'text', text: 'original' } });
    await flush();
    const inP1 = p1.events.find((e): e is Extract<ChatEvent, { type: 'message' }> => e.type === 'message')!.message;
    const inC1 = c1.events.find((e): e is Extract<ChatEvent, { type: 'message' }> => e.type === 'message')!.message;
    assert.notEqual(inP1, inC1, 'each client gets its own object');
    (inP1 as { text: string }).text = 'tampered';
    inP1.volley = true;
    assert.equal(inC1.kind === 'text' && inC1.text, 'original');
    const [stored] = await p1.transport.request({ type: 'history', conversationId: conversation.id });
    assert.equal(stored.kind === 'text' && stored.text, 'original');
    assert.equal(stored.volley, undefined);
  });

  it('the engine never hands a client its internal objects', async () => {
    // A hostile in-page client that pokes every object it is given.
    const { transport, events } = await connected('c1');
    const conversation = await transport.request({ type: 'start', with: 'p1' });
    const snapshot = await transport.request({ type: 'hello' });
    await transport.request({ type: 'send', conversationId: conversation.id, message: { id: 'm1', kind: 'text', text: 'hi' } });
    await flush();
    const poke = (value: unknown, seen = new Set<unknown>()): void => {
      if (value === null || typeof value !== 'object' || seen.has(value)) return;
      seen.add(value);
      // Everything is plain JSON data: no Map, Set, class instance or function leaks through.
      assert.ok(Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype, `a plain object, got ${Object.prototype.toString.call(value)}`);
      for (const key of Object.keys(value)) {
        const child = (value as Record<string, unknown>)[key];
        assert.notEqual(typeof child, 'function');
        poke(child, seen);
        if (!Array.isArray(value)) (value as Record<string, unknown>)[key] = 'poked';
        else (value as unknown[])[Number(key)] = 'poked';
      }
    };
    const { id } = conversation;
    poke(snapshot);
    poke(conversation);
    poke(events);
    const fresh = await transport.request({ type: 'hello' });
    assert.deepEqual(fresh.me, { id: 'c1', role: 'customer' });
    assert.deepEqual(fresh.conversations.map((c) => c.id), [id]);
    assert.deepEqual(fresh.messages[id].map((m) => m.id), ['m1']);
    assert.equal(fresh.conversations[0].closed, false);
  });

  it('a refusal arrives as a ChatError rebuilt from the wire', async () => {
    const { transport } = await connected('c1');
    await assert.rejects(transport.request({ type: 'start', with: 'nobody' }), (error: unknown) =>
      error instanceof ChatError && error.code === 'not-found' && /not found/i.test(error.message));
  });
});

describe('LocalTransport: connection', () => {
  it('a request before connect rejects with unavailable and reaches nothing', async () => {
    const transport = new LocalTransport(world.engine, { userId: 'c1' });
    await assert.rejects(transport.request({ type: 'start', with: 'p1' }), (error: unknown) => error instanceof ChatError && error.code === 'unavailable');
    assert.deepEqual((await exec(world.engine, 'c1', { type: 'hello' })).conversations, []);
  });

  it('a ChatClient whose transport cannot connect ends closed and rejects', async () => {
    const client = new ChatClient({ transport: new LocalTransport(world.engine, { userId: 'ghost' }), clock: world.clock });
    await assert.rejects(client.connect(), ChatError);
    assert.equal(client.state.connection, 'closed');
  });

  it('disconnect stops events, including ones already on their way', async () => {
    const c1 = await connected('c1');
    const conversation = await c1.transport.request({ type: 'start', with: 'p1' });
    await flush();
    const count = c1.events.length;

    // The host API emits synchronously: the event is queued, then the transport disconnects.
    world.engine.recordOrder({ id: 'o1', customerId: 'c1', providerId: 'p1', title: 'Poster', amountCents: 1000 });
    c1.transport.disconnect();
    await flush();
    assert.equal(c1.events.length, count, 'an event queued before the disconnect is dropped');

    await exec(world.engine, 'p1', { type: 'send', conversationId: conversation.id, message: { id: 'm1', kind: 'text', text: 'hi' } }).catch(() => {});
    await exec(world.engine, 'c1', { type: 'send', conversationId: conversation.id, message: { id: 'm2', kind: 'text', text: 'hi' } });
    await flush();
    assert.equal(c1.events.length, count, 'no event after disconnect');
    await assert.rejects(c1.transport.request({ type: 'hello' }), { code: 'unavailable' });
  });

  it('reconnecting resumes events without doubling them', async () => {
    const c1 = await connected('c1');
    const conversation = await c1.transport.request({ type: 'start', with: 'p1' });
    c1.transport.disconnect();
    const events: ChatEvent[] = [];
    await c1.transport.connect((event) => events.push(event));
    await c1.transport.connect((event) => events.push(event));
    await c1.transport.request({ type: 'send', conversationId: conversation.id, message: { id: 'm1', kind: 'text', text: 'back' } });
    await flush();
    const messages = events.filter((e): e is Extract<ChatEvent, { type: 'message' }> => e.type === 'message').map((e) => e.message as Message);
    assert.deepEqual(messages.map((m) => m.id), ['m1']);
  });

  it('ChatClient.disconnect stops state updates', async () => {
    const client = new ChatClient({ transport: new LocalTransport(world.engine, { userId: 'p1' }), clock: world.clock });
    await client.connect();
    const conversation = await exec(world.engine, 'c1', { type: 'start', with: 'p1' });
    await flush();
    client.disconnect();
    assert.equal(client.state.connection, 'closed');
    const before = client.state;
    await exec(world.engine, 'c1', { type: 'send', conversationId: conversation.id, message: { id: 'm1', kind: 'text', text: 'hi' } });
    await flush();
    assert.equal(client.state, before);
  });
});
