import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ChatClient, LocalTransport, presets, type ChatEngine, type ChatEvent, type Command, type CommandOf, type CommandResults,
  type ChatClientOptions, type CommandType, type Conversation, type Policy, type Snapshot, type Transport, type TransportStatus,
} from '../src/index.ts';
import { actor, exec, flush, makeWorld, type World, refused, recorder } from './fixtures.ts';

// P12: delivered and read receipts per message shown to the sender; typing indicators.

const lastView = (events: ChatEvent[], conversationId: string): Conversation | undefined =>
  events.flatMap((e) => (e.type === 'conversation' && e.conversation.id === conversationId ? [e.conversation] : [])).at(-1);

/** The client's default `receiptDelayMs`: how long it gathers delivered receipts before sending the highest. */
const RECEIPT_DELAY = 300;

const receiptsOf = (view: Conversation | undefined) => ({ delivered: view?.peerDeliveredSeq, read: view?.peerReadSeq });

/** LocalTransport that counts the commands it sends and can hold back the replies of one type. */
class SpyTransport implements Transport {
  readonly sent: Command[] = [];
  readonly #inner: LocalTransport;
  #held?: { type: CommandType; release: Promise<void> };

  constructor(engine: ChatEngine, userId: string) {
    this.#inner = new LocalTransport(engine, { userId });
  }

  hold(type: CommandType): () => void {
    let release!: () => void;
    this.#held = { type, release: new Promise((resolve) => (release = resolve)) };
    return release;
  }

  connect(onEvent: (event: ChatEvent) => void) {
    return this.#inner.connect(onEvent);
  }

  async request<T extends CommandType>(command: CommandOf<T>): Promise<CommandResults[T]> {
    this.sent.push(command);
    const result = await this.#inner.request(command);
    if (this.#held?.type === command.type) await this.#held.release;
    return result;
  }

  disconnect() {
    this.#inner.disconnect();
  }

  onStatus(listener: (status: TransportStatus) => void) {
    return this.#inner.onStatus(listener);
  }

  /** Loses (or finds) the network, as LocalTransport simulates it. */
  setOnline(online: boolean) {
    this.#inner.setOnline(online);
  }
}

async function spyClient(world: World, userId: string, options: Partial<ChatClientOptions> = {}) {
  const transport = new SpyTransport(world.engine, userId);
  const client = new ChatClient({ transport, clock: world.clock, ...options });
  await client.connect();
  return { client, transport };
}

function paidWorld(policy: Policy = presets.paidChat()) {
  return makeWorld({ policy, users: [{ id: 'p1', role: 'provider', name: 'Ivy' }, { id: 'c1', role: 'customer', name: 'Cam' }, { id: 'a1', role: 'agent', teamId: 'p1' }] });
}

/** A chat in which the customer wrote once, so the provider side may write too. */
async function openChat(world: World) {
  const c1 = actor(world.engine, 'c1');
  const conversation = await c1.start('p1');
  await c1.send(conversation.id, 'hello');
  return conversation;
}

describe('P12 receipts in the engine: delivered and read, per side, never backwards', () => {
  it('a new chat has no receipts on either side', async () => {
    const world = paidWorld();
    const conversation = await actor(world.engine, 'c1').start('p1');
    assert.deepEqual(receiptsOf(conversation), { delivered: 0, read: 0 });
  });

  it('delivered: the sender is told how far the recipient\'s client received', async () => {
    const world = paidWorld();
    const conversation = await openChat(world);
    const providerEvents = recorder(world.engine, 'p1');
    await exec(world.engine, 'p1', { type: 'delivered', conversationId: conversation.id, seq: 1 });
    const p1 = actor(world.engine, 'p1');
    const reply = await p1.send(conversation.id, 'hi');
    // The customer wrote message 1, so it has read up to there; the reply is message 2.
    assert.deepEqual(receiptsOf(lastView(providerEvents, conversation.id)), { delivered: 1, read: 1 }, 'before the customer got it');
    await exec(world.engine, 'c1', { type: 'delivered', conversationId: conversation.id, seq: reply.seq });
    assert.deepEqual(receiptsOf(lastView(providerEvents, conversation.id)), { delivered: 2, read: 1 });
  });

  it('read: marking read is the read receipt, and read implies delivered', async () => {
    const world = paidWorld();
    const conversation = await openChat(world);
    const reply = await actor(world.engine, 'p1').send(conversation.id, 'hi');
    const providerEvents = recorder(world.engine, 'p1');
    await exec(world.engine, 'c1', { type: 'mark-read', conversationId: conversation.id });
    assert.deepEqual(receiptsOf(lastView(providerEvents, conversation.id)), { delivered: reply.seq, read: reply.seq });
  });

  it('the customer sees the provider side as one: any member\'s read counts', async () => {
    const world = paidWorld();
    const conversation = await openChat(world);
    const customerEvents = recorder(world.engine, 'c1');
    await exec(world.engine, 'a1', { type: 'mark-read', conversationId: conversation.id });
    assert.deepEqual(receiptsOf(lastView(customerEvents, conversation.id)), { delivered: 1, read: 1 });
    assert.deepEqual(receiptsOf((await actor(world.engine, 'p1').hello()).conversations[0]), { delivered: 1, read: 1 }, 'the provider side reads the customer\'s receipts (up to its own message), not its own');
  });

  it('replying implies having read what came before', async () => {
    const world = paidWorld();
    const conversation = await openChat(world);
    await actor(world.engine, 'p1').send(conversation.id, 'hi');
    const [view] = (await actor(world.engine, 'c1').hello()).conversations;
    assert.deepEqual(receiptsOf(view), { delivered: 2, read: 2 });
  });

  it('a receipt never moves backwards: an older delivered seq changes nothing and tells nobody', async () => {
    const world = paidWorld();
    const conversation = await openChat(world);
    const p1 = actor(world.engine, 'p1');
    await p1.send(conversation.id, 'one');
    await p1.send(conversation.id, 'two');
    await exec(world.engine, 'c1', { type: 'delivered', conversationId: conversation.id, seq: 3 });
    const providerEvents = recorder(world.engine, 'p1');
    await exec(world.engine, 'c1', { type: 'delivered', conversationId: conversation.id, seq: 2 });
    await exec(world.engine, 'c1', { type: 'delivered', conversationId: conversation.id, seq: 3 });
    assert.deepEqual(providerEvents, []);
    assert.deepEqual(receiptsOf((await p1.hello()).conversations[0]), { delivered: 3, read: 1 });
  });

  it('a delivered seq beyond the last message counts only up to the last message', async () => {
    const world = paidWorld();
    const conversation = await openChat(world);
    await actor(world.engine, 'p1').send(conversation.id, 'hi');
    await exec(world.engine, 'c1', { type: 'delivered', conversationId: conversation.id, seq: 99 });
    assert.equal((await actor(world.engine, 'p1').hello()).conversations[0].peerDeliveredSeq, 2);
  });

  it('a receipt for a chat that is not mine is not-found; a malformed one is invalid; nothing changes', async () => {
    const world = paidWorld();
    world.engine.upsertUser({ id: 'c2', role: 'customer' });
    const conversation = await openChat(world);
    await actor(world.engine, 'p1').send(conversation.id, 'hi');
    await refused(exec(world.engine, 'c2', { type: 'delivered', conversationId: conversation.id, seq: 2 }), 'not-found');
    await refused(world.engine.execute('c1', { type: 'delivered', conversationId: conversation.id, seq: 0 }), 'invalid');
    await refused(world.engine.execute('c1', { type: 'delivered', conversationId: conversation.id, seq: 1.5 }), 'invalid');
    assert.equal((await actor(world.engine, 'p1').hello()).conversations[0].peerDeliveredSeq, 1, 'still only the customer\'s own message');
  });
});

describe('P12 receipts through the client: acknowledged on arrival, shown to the sender', () => {
  it('the recipient\'s client acknowledges each message it receives; the sender\'s state shows it delivered, then read', async () => {
    const world = paidWorld();
    const conversation = await openChat(world);
    const provider = await world.client('p1');
    const customer = await world.client('c1');
    const reply = await provider.send(conversation.id, { kind: 'text', text: 'hi' });
    await flush();
    world.clock.advance(RECEIPT_DELAY);
    await flush();
    assert.deepEqual(receiptsOf(provider.state.conversations[conversation.id]), { delivered: reply.seq, read: 1 });
    await customer.markRead(conversation.id);
    await flush();
    assert.deepEqual(receiptsOf(provider.state.conversations[conversation.id]), { delivered: reply.seq, read: reply.seq });
  });

  it('my own messages are not acknowledged by me', async () => {
    const world = paidWorld();
    const conversation = await openChat(world);
    const { client: provider, transport } = await spyClient(world, 'p1');
    await provider.markRead(conversation.id);
    await flush();
    transport.sent.length = 0;
    await provider.send(conversation.id, { kind: 'text', text: 'hi' });
    await flush();
    world.clock.advance(RECEIPT_DELAY);
    await flush();
    assert.deepEqual(transport.sent.filter((c) => c.type === 'delivered'), []);
  });

  it('messages that arrived unread with the snapshot are acknowledged on connect', async () => {
    const world = paidWorld();
    const conversation = await openChat(world);
    await actor(world.engine, 'p1').send(conversation.id, 'while you were away');
    const { transport } = await spyClient(world, 'c1');
    await flush();
    world.clock.advance(RECEIPT_DELAY);
    await flush();
    assert.deepEqual(transport.sent.filter((c) => c.type === 'delivered'), [{ type: 'delivered', conversationId: conversation.id, seq: 2 }]);
    assert.equal((await actor(world.engine, 'p1').hello()).conversations[0].peerDeliveredSeq, 2);
  });

  it('a late, older view does not move the client\'s receipts backwards', async () => {
    const world = paidWorld();
    const conversation = await openChat(world);
    await actor(world.engine, 'p1').send(conversation.id, 'hi');
    await actor(world.engine, 'c1').send(conversation.id, 'thanks!');
    const { client: customer, transport } = await spyClient(world, 'c1');
    // The reply to `start` (a view with the provider's read at 2) is held back while the provider reads 3.
    const release = transport.hold('start');
    const started = customer.startConversation({ with: 'p1' });
    await flush();
    await exec(world.engine, 'p1', { type: 'mark-read', conversationId: conversation.id });
    await flush();
    assert.equal(customer.state.conversations[conversation.id].peerReadSeq, 3);
    release();
    assert.equal((await started).peerReadSeq, 3, 'the late view was raised to what the client already knew');
    assert.equal(customer.state.conversations[conversation.id].peerReadSeq, 3);
  });
});

describe('P12 delivered receipts coalesced by the client: the highest seq per chat, on a short timer', () => {
  const delivered = (transport: SpyTransport) => transport.sent.filter((c) => c.type === 'delivered');

  it('a burst of 50 messages costs one receipt (the highest seq), sent receiptDelayMs after the first arrived; the sender sees all delivered', async () => {
    const world = paidWorld();
    const conversation = await openChat(world);
    const provider = await world.client('p1');
    const { client: customer, transport } = await spyClient(world, 'c1');
    await customer.markRead(conversation.id);
    await flush();
    world.clock.advance(RECEIPT_DELAY);
    transport.sent.length = 0;
    let last = 0;
    for (let i = 1; i <= 50; i++) last = (await provider.send(conversation.id, { kind: 'text', text: `answer ${i}` })).seq;
    await flush();
    assert.equal(customer.state.messages[conversation.id].length, 51, 'every message shows at once');
    world.clock.advance(RECEIPT_DELAY - 1);
    await flush();
    assert.deepEqual(delivered(transport), [], 'nothing before the timer');
    world.clock.advance(1);
    await flush();
    assert.deepEqual(delivered(transport), [{ type: 'delivered', conversationId: conversation.id, seq: last }]);
    assert.equal(provider.state.conversations[conversation.id].peerDeliveredSeq, last, 'P12: the sender sees every message delivered');
    world.clock.advance(10 * RECEIPT_DELAY);
    await flush();
    assert.equal(delivered(transport).length, 1, 'and nothing more');
  });

  it('a read sent before the timer makes the waiting receipt needless (read implies delivered): nothing is sent', async () => {
    const world = paidWorld();
    const conversation = await openChat(world);
    const provider = await world.client('p1');
    const { client: customer, transport } = await spyClient(world, 'c1');
    await customer.markRead(conversation.id);
    const reply = await provider.send(conversation.id, { kind: 'text', text: 'hi' });
    await flush();
    await customer.markRead(conversation.id);
    world.clock.advance(RECEIPT_DELAY);
    await flush();
    assert.deepEqual(delivered(transport), []);
    assert.deepEqual(receiptsOf(provider.state.conversations[conversation.id]), { delivered: reply.seq, read: reply.seq });
  });

  it('one receipt per chat, each with its own highest seq; the delay is a client option', async () => {
    const world = paidWorld();
    world.engine.upsertUser({ id: 'p2', role: 'provider', name: 'Max' });
    const first = await openChat(world);
    const second = await actor(world.engine, 'c1').start('p2');
    await actor(world.engine, 'c1').send(second.id, 'hello Max');
    const { client: customer, transport } = await spyClient(world, 'c1', { receiptDelayMs: 50 });
    await customer.markRead(first.id);
    await customer.markRead(second.id);
    world.clock.advance(50);
    transport.sent.length = 0;
    for (const text of ['a', 'b', 'c']) await actor(world.engine, 'p1').send(first.id, text);
    for (const text of ['x', 'y']) await actor(world.engine, 'p2').send(second.id, text);
    await flush();
    world.clock.advance(50);
    await flush();
    assert.deepEqual(delivered(transport), [
      { type: 'delivered', conversationId: first.id, seq: 4 },
      { type: 'delivered', conversationId: second.id, seq: 3 },
    ]);
  });

  it('after a reconnect the highest seq is sent again (a restarted server may have lost it), once', async () => {
    const world = paidWorld();
    const conversation = await openChat(world);
    const { client: customer, transport } = await spyClient(world, 'c1');
    await customer.markRead(conversation.id);
    for (const text of ['one', 'two']) await actor(world.engine, 'p1').send(conversation.id, text);
    await flush();
    world.clock.advance(RECEIPT_DELAY);
    await flush();
    assert.deepEqual(delivered(transport).map((c) => c.seq), [3]);
    transport.setOnline(false);
    transport.setOnline(true);
    await flush();
    world.clock.advance(RECEIPT_DELAY);
    await flush();
    assert.deepEqual(delivered(transport).map((c) => c.seq), [3, 3]);
  });

  it('a receipt the transport could not send goes out after the reconnect, with what arrived since', async () => {
    const world = paidWorld();
    const conversation = await openChat(world);
    const { client: customer, transport } = await spyClient(world, 'c1');
    await customer.markRead(conversation.id);
    await actor(world.engine, 'p1').send(conversation.id, 'one');
    await flush();
    transport.setOnline(false);
    world.clock.advance(RECEIPT_DELAY);
    await flush();
    assert.equal((await actor(world.engine, 'p1').hello()).conversations[0].peerDeliveredSeq, 1, 'not delivered while offline');
    transport.setOnline(true);
    await flush();
    world.clock.advance(RECEIPT_DELAY);
    await flush();
    assert.equal((await actor(world.engine, 'p1').hello()).conversations[0].peerDeliveredSeq, 2);
  });

  it('disconnect leaves no receipt timer behind', async () => {
    const world = paidWorld();
    const conversation = await openChat(world);
    const { client: customer } = await spyClient(world, 'c1');
    await actor(world.engine, 'p1').send(conversation.id, 'one');
    await flush();
    const timers = world.clock.pendingTimers;
    customer.disconnect();
    assert.equal(world.clock.pendingTimers, timers - 1);
  });
});

describe('A snapshot does not wipe what arrived while its answer was on the way', () => {
  it('a message event that lands between the hello reply and the client applying it stays (it was never resent: the transport\'s cursor passed it)', async () => {
    const world = paidWorld();
    const conversation = await openChat(world);
    const inner = new LocalTransport(world.engine, { userId: 'p1' });
    let onEvent!: (event: ChatEvent) => void;
    let race = false;
    const transport: Transport = {
      connect: (listener) => inner.connect((onEvent = listener)),
      disconnect: () => inner.disconnect(),
      async request(command) {
        const result = await inner.request(command);
        if (command.type === 'hello' && race) {
          // The customer writes right after the snapshot was taken; its event comes before the reply is handled.
          const message = await actor(world.engine, 'c1').send(conversation.id, 'just after the snapshot');
          onEvent({ type: 'message', message });
          assert.equal((result as Snapshot).conversations[0].lastSeq, 1);
        }
        return result;
      },
    };
    const provider = new ChatClient({ transport, clock: world.clock });
    await provider.connect();
    provider.disconnect();
    race = true;
    await provider.connect();
    assert.deepEqual(provider.state.messages[conversation.id].map((m) => m.kind === 'text' && m.text), ['hello', 'just after the snapshot']);
  });

  it('a message deleted (C4) while the snapshot was on its way stays deleted', async () => {
    const world = paidWorld();
    const conversation = await openChat(world);
    const first = (await actor(world.engine, 'p1').history(conversation.id))[0];
    const inner = new LocalTransport(world.engine, { userId: 'p1' });
    let onEvent!: (event: ChatEvent) => void;
    const transport: Transport = {
      connect: (listener) => inner.connect((onEvent = listener)),
      disconnect: () => inner.disconnect(),
      async request(command) {
        const result = await inner.request(command);
        if (command.type === 'hello') {
          await exec(world.engine, 'p1', { type: 'delete-message', conversationId: conversation.id, messageId: first.id });
          onEvent({ type: 'message-deleted', conversationId: conversation.id, messageId: first.id });
        }
        return result;
      },
    };
    const provider = new ChatClient({ transport, clock: world.clock });
    await provider.connect();
    assert.deepEqual(provider.state.messages[conversation.id], []);
  });
});

describe('P12 typing: throttled, and expiring on its own', () => {
  const typing = (world: World, userId: string, conversationId: string) => exec(world.engine, userId, { type: 'typing', conversationId });
  const typingEvents = (events: ChatEvent[]) => events.flatMap((e) => (e.type === 'typing' ? [e] : []));

  it('the others in the chat are told who types, with when the signal lapses; the typer is not', async () => {
    const world = paidWorld();
    const conversation = await openChat(world);
    const provider = recorder(world.engine, 'p1');
    const agent = recorder(world.engine, 'a1');
    const customer = recorder(world.engine, 'c1');
    await typing(world, 'c1', conversation.id);
    const expected = [{ type: 'typing', conversationId: conversation.id, userId: 'c1', expiresAt: world.clock.now() + world.engine.policy.typing.ttlMs }];
    assert.deepEqual(typingEvents(provider), expected);
    assert.deepEqual(typingEvents(agent), expected);
    assert.deepEqual(typingEvents(customer), []);
  });

  it('at most one signal per typing.throttleMs per user and chat', async () => {
    const world = paidWorld(presets.paidChat({ typing: { throttleMs: 1_000, ttlMs: 4_000 } }));
    const conversation = await openChat(world);
    const provider = recorder(world.engine, 'p1');
    await typing(world, 'c1', conversation.id);
    world.clock.advance(999);
    await typing(world, 'c1', conversation.id);
    assert.equal(typingEvents(provider).length, 1);
    world.clock.advance(1);
    await typing(world, 'c1', conversation.id);
    assert.deepEqual(typingEvents(provider).map((e) => e.expiresAt), [world.clock.now() - 1_000 + 4_000, world.clock.now() + 4_000]);
  });

  it('who may not write does not seem to type: a blocked customer is refused and nobody is told', async () => {
    const world = paidWorld();
    const conversation = await openChat(world);
    await exec(world.engine, 'p1', { type: 'block', userId: 'c1' });
    const provider = recorder(world.engine, 'p1');
    await refused(typing(world, 'c1', conversation.id), 'blocked');
    assert.deepEqual(typingEvents(provider), []);
  });

  it('typing in a chat that is not mine is not-found', async () => {
    const world = paidWorld();
    world.engine.upsertUser({ id: 'c2', role: 'customer' });
    const conversation = await openChat(world);
    await refused(typing(world, 'c2', conversation.id), 'not-found');
  });

  it('the client shows who types and drops it after typing.ttlMs on its own clock', async () => {
    const world = paidWorld();
    const conversation = await openChat(world);
    const provider = await world.client('p1');
    const customer = await world.client('c1');
    await customer.typing(conversation.id);
    await flush();
    assert.deepEqual(Object.keys(provider.state.typing[conversation.id] ?? {}), ['c1']);
    world.clock.advance(world.engine.policy.typing.ttlMs - 1);
    assert.deepEqual(Object.keys(provider.state.typing[conversation.id]), ['c1']);
    world.clock.advance(1);
    assert.deepEqual(provider.state.typing[conversation.id], {});
  });

  it('a renewed signal keeps it showing past the first expiry', async () => {
    const world = paidWorld();
    const { ttlMs, throttleMs } = world.engine.policy.typing;
    const conversation = await openChat(world);
    const provider = await world.client('p1');
    const customer = await world.client('c1');
    await customer.typing(conversation.id);
    await flush();
    world.clock.advance(throttleMs);
    await customer.typing(conversation.id);
    await flush();
    world.clock.advance(ttlMs - throttleMs);
    assert.deepEqual(Object.keys(provider.state.typing[conversation.id]), ['c1'], 'the first signal lapsed, the second holds');
    world.clock.advance(throttleMs);
    assert.deepEqual(provider.state.typing[conversation.id], {});
  });

  it('the typer\'s message ends the indicator at once', async () => {
    const world = paidWorld();
    const conversation = await openChat(world);
    const provider = await world.client('p1');
    const customer = await world.client('c1');
    await customer.typing(conversation.id);
    await flush();
    await customer.send(conversation.id, { kind: 'text', text: 'here it is' });
    await flush();
    assert.deepEqual(provider.state.typing[conversation.id], {});
  });

  it('the client sends at most one typing command per throttle window, however many keystrokes', async () => {
    const world = paidWorld();
    const conversation = await openChat(world);
    const { client: customer, transport } = await spyClient(world, 'c1');
    for (let key = 0; key < 10; key++) {
      await customer.typing(conversation.id);
      world.clock.advance(100);
    }
    assert.equal(transport.sent.filter((c) => c.type === 'typing').length, 1);
    world.clock.advance(world.engine.policy.typing.throttleMs);
    await customer.typing(conversation.id);
    assert.equal(transport.sent.filter((c) => c.type === 'typing').length, 2);
  });

  it('client.typing never rejects, even where the engine refuses', async () => {
    const world = paidWorld();
    const conversation = await openChat(world);
    await exec(world.engine, 'p1', { type: 'block', userId: 'c1' });
    const customer = await world.client('c1');
    await customer.typing(conversation.id);
  });
});
