import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { ChatEngine, presets, type Message, type StoreRecord } from '../src/index.ts';
import { actor, flush, makeWorld, type Actor, type World } from './fixtures.ts';

const USERS = [
  { id: 'c1', role: 'customer', name: 'Cleo' },
  { id: 'c2', role: 'customer', name: 'Cato' },
  { id: 'p1', role: 'provider', name: 'Ivy' },
  { id: 'p2', role: 'provider', name: 'Max' },
] as const;

let world: World;
let c1: Actor, c2: Actor, p1: Actor, p2: Actor;

function setUp(policy = presets.paidChat()) {
  world = makeWorld({ policy, users: USERS.map((u) => ({ ...u })) });
  c1 = actor(world.engine, 'c1');
  c2 = actor(world.engine, 'c2');
  p1 = actor(world.engine, 'p1');
  p2 = actor(world.engine, 'p2');
}

const ids = (messages: readonly Message[]) => messages.map((m) => m.id);
const seqs = (messages: readonly Message[]) => messages.map((m) => m.seq);

describe('C1 customers initiate', () => {
  beforeEach(() => setUp());

  it('a provider cannot start a chat with a customer who never wrote', async () => {
    await assert.rejects(p1.start('c1'), { code: 'customer-must-initiate' });
    assert.deepEqual((await p1.hello()).conversations, []);
    assert.deepEqual((await c1.hello()).conversations, []);
  });

  it('a provider cannot write in a chat the customer opened but has not written in yet', async () => {
    const conv = await c1.start('p1');
    // Starting is allowed for the provider once the chat exists; writing is not.
    assert.equal((await p1.start('c1')).id, conv.id);
    await assert.rejects(p1.send(conv.id, 'hello there'), { code: 'customer-must-initiate' });
    assert.deepEqual(await c1.history(conv.id), []);
    assert.equal((await p1.start('c1')).lastSeq, 0);
  });

  it('once the customer wrote, the provider can reply', async () => {
    const conv = await c1.start('p1');
    await c1.send(conv.id, 'hi');
    const reply = await p1.send(conv.id, 'hello!');
    assert.equal(reply.seq, 2);
    assert.equal(reply.authorId, 'p1');
  });

  it('with customerMustInitiate off, a provider may open the chat', async () => {
    setUp(presets.paidChat({ initiation: { customerMustInitiate: false } }));
    const conv = await p1.start('c1');
    assert.equal((await p1.send(conv.id, 'welcome')).seq, 1);
  });

  it('providers cannot chat with other providers', async () => {
    await assert.rejects(p1.start('p2'), { code: 'provider-to-provider' });
    assert.deepEqual((await p1.hello()).conversations, []);
    assert.deepEqual((await p2.hello()).conversations, []);
  });

  it('an unknown target is not-found, for a customer and for a provider', async () => {
    await assert.rejects(c1.start('nobody'), { code: 'not-found' });
    await assert.rejects(p1.start('nobody'), { code: 'not-found' });
    assert.deepEqual((await c1.hello()).conversations, []);
  });

  it('a customer cannot start a chat with another customer', async () => {
    await assert.rejects(c1.start('c2'), { code: 'not-found' });
    assert.deepEqual((await c2.hello()).conversations, []);
  });

  it('a message in an unknown conversation is not-found', async () => {
    await assert.rejects(c1.send('c_missing', 'hi'), { code: 'not-found' });
  });

  it("a customer cannot write into another customer's conversation", async () => {
    const conv = await c1.start('p1');
    await assert.rejects(c2.send(conv.id, 'let me in'), { code: 'not-found' });
    assert.deepEqual(await c1.history(conv.id), []);
  });
});

describe('C3 client ids and sequence numbers', () => {
  beforeEach(() => setUp());

  it('seq starts at 1 and grows by one per message, whoever writes', async () => {
    const conv = await c1.start('p1');
    const sent = [await c1.send(conv.id, 'one'), await c1.send(conv.id, 'two'), await p1.send(conv.id, 'three'), await c1.send(conv.id, 'four')];
    assert.deepEqual(seqs(sent), [1, 2, 3, 4]);
    assert.deepEqual(seqs(await p1.history(conv.id)), [1, 2, 3, 4]);
    assert.equal((await c1.start('p1')).lastSeq, 4);
  });

  it('each conversation counts on its own', async () => {
    const a = await c1.start('p1');
    const b = await c1.start('p2');
    await c1.send(a.id, 'a1');
    await c1.send(a.id, 'a2');
    const first = await c1.send(b.id, 'b1');
    assert.equal(first.seq, 1);
    assert.deepEqual(seqs(await c1.history(b.id)), [1]);
  });

  it('a refused message takes no sequence number', async () => {
    const conv = await c1.start('p1');
    await c1.send(conv.id, 'one');
    await assert.rejects(c1.send(conv.id, 'x'.repeat(world.engine.policy.messages.maxTextLength + 1)), { code: 'too-long' });
    assert.equal((await c1.send(conv.id, 'two')).seq, 2);
  });

  it('a message carries its client id, author, time and kind', async () => {
    const conv = await c1.start('p1');
    world.clock.advance(5_000);
    const message = await c1.send(conv.id, 'hello', 'm-client-1');
    assert.equal(message.id, 'm-client-1');
    assert.equal(message.conversationId, conv.id);
    assert.equal(message.authorId, 'c1');
    assert.equal(message.at, world.clock.now());
    assert.equal(message.kind, 'text');
  });

  it('a resend with the same client id returns the stored message and stores nothing new', async () => {
    const conv = await c1.start('p1');
    const first = await c1.send(conv.id, 'hello', 'm-1');
    world.clock.advance(1_000);
    const again = await c1.send(conv.id, 'hello', 'm-1');
    assert.deepEqual(again, first);
    assert.deepEqual(ids(await p1.history(conv.id)), ['m-1']);
    assert.equal((await c1.start('p1')).lastSeq, 1);
    // The next new message still gets the next number.
    assert.equal((await c1.send(conv.id, 'next')).seq, 2);
  });

  it('a resend reaches the provider once: one message event, one alert', async () => {
    const conv = await c1.start('p1');
    const events: string[] = [];
    world.engine.connect('p1', (e) => { if (e.type === 'message') events.push(e.message.id); });
    await c1.send(conv.id, 'hello', 'm-1');
    await c1.send(conv.id, 'hello', 'm-1');
    assert.deepEqual(events, ['m-1']);
    assert.equal(world.notifier.sent.filter((n) => n.messageIds?.includes('m-1') && n.channel === 'in-app').length, 1);
  });

  it('two sends with the same id in flight at once store one message', async () => {
    const conv = await c1.start('p1');
    const [a, b] = await Promise.all([c1.send(conv.id, 'hello', 'm-1'), c1.send(conv.id, 'hello', 'm-1')]);
    assert.deepEqual(a, b);
    assert.deepEqual(ids(await c1.history(conv.id)), ['m-1']);
  });

  it('two sends with the same id in flight behind a slow store store one message', async () => {
    // The store acknowledges late (a network database): the second send arrives meanwhile.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const commits: StoreRecord[] = [];
    const slow = { commit: async (records: StoreRecord[]) => { commits.push(...records); if (records.some((r) => r.type === 'message')) await gate; } };
    const engine = new ChatEngine({ policy: presets.paidChat(), clock: world.clock, payments: world.payments, notifier: world.notifier, store: slow });
    for (const u of USERS) engine.upsertUser({ ...u });
    const customer = actor(engine, 'c1');
    const conv = await customer.start('p1');
    const first = customer.send(conv.id, 'hello', 'm-1');
    const second = customer.send(conv.id, 'hello', 'm-1');
    let secondSettled = false;
    void second.then(() => (secondSettled = true));
    await flush();
    assert.equal(secondSettled, false, 'a resend is not acknowledged before the store has committed the message');
    release();
    const [a, b] = await Promise.all([first, second]);
    assert.deepEqual(a, b);
    assert.deepEqual(ids(await customer.history(conv.id)), ['m-1']);
    assert.equal(commits.filter((r) => r.type === 'message').length, 1);
  });

  it('an id reused by another author is invalid and stores nothing', async () => {
    const conv = await c1.start('p1');
    await c1.send(conv.id, 'hello', 'm-1');
    await assert.rejects(p1.send(conv.id, 'hijack', 'm-1'), { code: 'invalid' });
    const other = await c2.start('p1');
    await assert.rejects(c2.send(other.id, 'hijack', 'm-1'), { code: 'invalid' });
    assert.deepEqual(ids(await c1.history(conv.id)), ['m-1']);
    assert.deepEqual(await c2.history(other.id), []);
  });

  it('an id reused by another author while the first send is in flight is invalid too', async () => {
    // A tribute waits for the payments adapter: its id is in flight, not yet stored.
    const conv = await c1.start('p1');
    await c1.send(conv.id, 'hi');
    const other = await c2.start('p1');
    await c2.send(other.id, 'hi');
    const tribute = c1.run<'send-tribute'>({ type: 'send-tribute', conversationId: conv.id, id: 'm-shared', amountCents: 500 });
    const hijack = c2.send(other.id, 'mine now', 'm-shared');
    await assert.rejects(hijack, { code: 'invalid' });
    assert.equal((await tribute).authorId, 'c1');
    assert.deepEqual(ids(await c2.history(other.id)).includes('m-shared'), false);
  });
});

describe('C4 delete for me only', () => {
  let convId: string;
  beforeEach(async () => {
    setUp();
    convId = (await c1.start('p1')).id;
    await c1.send(convId, 'keep this', 'm-1');
    await c1.send(convId, 'my photo', 'm-2');
    await p1.send(convId, 'nice photo', 'm-3');
  });

  const deleteAs = (who: Actor, messageId: string, conversationId = convId) =>
    who.run<'delete-message'>({ type: 'delete-message', conversationId, messageId });

  it("a deleted message is gone from the deleter's history and snapshot", async () => {
    assert.equal(await deleteAs(c1, 'm-2'), null);
    assert.deepEqual(ids(await c1.history(convId)), ['m-1', 'm-3']);
    assert.deepEqual(ids((await c1.hello()).messages[convId]), ['m-1', 'm-3']);
  });

  it('the other party still sees it', async () => {
    await deleteAs(c1, 'm-2');
    assert.deepEqual(ids(await p1.history(convId)), ['m-1', 'm-2', 'm-3']);
    assert.deepEqual(ids((await p1.hello()).messages[convId]), ['m-1', 'm-2', 'm-3']);
  });

  it("a user may delete the other party's message from their own side", async () => {
    await deleteAs(c1, 'm-3');
    assert.deepEqual(ids(await c1.history(convId)), ['m-1', 'm-2']);
    assert.deepEqual(ids(await p1.history(convId)), ['m-1', 'm-2', 'm-3']);
  });

  it('only the deleter is told', async () => {
    const seen: Record<string, string[]> = { c1: [], p1: [] };
    for (const id of ['c1', 'p1']) world.engine.connect(id, (e) => { if (e.type === 'message-deleted') seen[id].push(e.messageId); });
    await deleteAs(c1, 'm-2');
    assert.deepEqual(seen, { c1: ['m-2'], p1: [] });
  });

  it('deletion is permanent: later messages, a resend of the same id and a new snapshot do not bring it back', async () => {
    await deleteAs(c1, 'm-2');
    await p1.send(convId, 'anyone there?');
    // A retry of the deleted message's id is the same message: it stays deleted.
    await c1.send(convId, 'my photo', 'm-2');
    await deleteAs(c1, 'm-2');
    const history = ids(await c1.history(convId));
    assert.equal(history.includes('m-2'), false);
    assert.equal(history.length, 3);
    assert.equal(ids((await c1.hello()).messages[convId]).includes('m-2'), false);
    // Nothing was renumbered for the other side.
    assert.deepEqual(seqs(await p1.history(convId)), [1, 2, 3, 4]);
  });

  it('an unknown message is not-found and changes nothing', async () => {
    await assert.rejects(deleteAs(c1, 'm-nope'), { code: 'not-found' });
    assert.deepEqual(ids(await c1.history(convId)), ['m-1', 'm-2', 'm-3']);
  });

  it('a message of another conversation is not-found', async () => {
    const other = await c1.start('p2');
    await c1.send(other.id, 'elsewhere', 'm-other');
    await assert.rejects(deleteAs(c1, 'm-other'), { code: 'not-found' });
    assert.deepEqual(ids(await c1.history(other.id)), ['m-other']);
  });

  it("a stranger cannot delete in someone else's conversation", async () => {
    await assert.rejects(deleteAs(c2, 'm-1'), { code: 'not-found' });
    assert.deepEqual(ids(await c1.history(convId)), ['m-1', 'm-2', 'm-3']);
  });
});

describe('M1 inbox and order conversations', () => {
  beforeEach(() => {
    setUp(presets.marketplace());
    world.engine.recordOrder({ id: 'o1', customerId: 'c1', providerId: 'p1', title: 'Logo design', amountCents: 5_000 });
    world.engine.recordOrder({ id: 'o2', customerId: 'c2', providerId: 'p1', title: 'Banner', amountCents: 2_000 });
  });

  it('the inbox and an order are separate conversations with separate histories', async () => {
    const inbox = await c1.start('p1');
    const order = await c1.start('p1', 'o1');
    assert.notEqual(inbox.id, order.id);
    assert.equal(inbox.orderId, undefined);
    assert.equal(order.orderId, 'o1');
    await c1.send(inbox.id, 'a question before buying', 'm-inbox');
    await c1.send(order.id, 'about my order', 'm-order');
    assert.deepEqual(ids(await c1.history(inbox.id)), ['m-inbox']);
    assert.deepEqual(ids(await p1.history(order.id)), ['m-order']);
    assert.equal((await c1.send(order.id, 'again')).seq, 2);
  });

  it('starting again finds the same conversation for the inbox and for each order', async () => {
    const inbox = await c1.start('p1');
    const order = await c1.start('p1', 'o1');
    assert.equal((await c1.start('p1')).id, inbox.id);
    assert.equal((await c1.start('p1', 'o1')).id, order.id);
    assert.equal((await c1.hello()).conversations.length, 2);
  });

  it("an order of another customer is forbidden and opens nothing", async () => {
    await assert.rejects(c1.start('p1', 'o2'), { code: 'forbidden' });
    assert.deepEqual((await c1.hello()).conversations, []);
  });

  it('an order with another provider is forbidden', async () => {
    await assert.rejects(c1.start('p2', 'o1'), { code: 'forbidden' });
    assert.deepEqual((await c1.hello()).conversations, []);
  });

  it('an unknown order is not-found', async () => {
    await assert.rejects(c1.start('p1', 'o-missing'), { code: 'not-found' });
    await assert.rejects(p1.start('c1', 'o-missing'), { code: 'not-found' });
    assert.deepEqual((await c1.hello()).conversations, []);
  });

  it('the provider reaches the order conversation the customer opened', async () => {
    const order = await c1.start('p1', 'o1');
    await c1.send(order.id, 'hi');
    assert.equal((await p1.start('c1', 'o1')).id, order.id);
    await assert.rejects(p1.start('c2', 'o1'), { code: 'forbidden' });
  });
});
