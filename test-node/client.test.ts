import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  ChatClient, ChatError, selectConversation, selectConversationList, selectHasUnread, selectMessages,
  type ChatState, type Conversation, type Message,
} from '../src/index.ts';
import { exec, flush, makeWorld, type World } from './fixtures.ts';

let world: World;
let customer: ChatClient;
let provider: ChatClient;
/** The c1–p1 conversation, started by the customer. */
let cid: string;

const MINUTE = 60_000;

beforeEach(async () => {
  world = makeWorld({
    users: [
      { id: 'c1', role: 'customer', name: 'Cal' },
      { id: 'c2', role: 'customer', name: 'Dee' },
      { id: 'c3', role: 'customer', name: 'Eve' },
      { id: 'p1', role: 'provider', name: 'Ivy' },
      { id: 'p2', role: 'provider', name: 'Jo' },
    ],
  });
  customer = await world.client('c1');
  provider = await world.client('p1');
  cid = (await customer.startConversation({ with: 'p1' })).id;
  await flush();
});

/** What the engine itself holds for a conversation, seen from the provider's side (who deletes nothing here). */
const engineHistory = (conversationId = cid) => exec(world.engine, 'p1', { type: 'history', conversationId, limit: 500 });
const messagesOf = (client: ChatClient, conversationId = cid) => selectMessages(conversationId)(client.state);
const copiesOf = (client: ChatClient, id: string, conversationId = cid) => messagesOf(client, conversationId).filter((m) => m.id === id);

describe('ChatClient state: one immutable snapshot', () => {
  it('state is frozen, a change makes a new object, and old snapshots are untouched', async () => {
    const before = customer.state;
    const copy = structuredClone(before);
    assert.ok(Object.isFrozen(before));
    assert.throws(() => { (before as { connection: string }).connection = 'closed'; }, TypeError);

    await customer.send(cid, { kind: 'text', text: 'hello' });
    const after = customer.state;
    assert.notEqual(after, before);
    assert.ok(Object.isFrozen(after));
    assert.equal(messagesOf(customer).length, 1);
    assert.deepEqual(before, copy, 'the old snapshot did not change');
    assert.equal(before.messages[cid], undefined);
  });

  it('parts that did not change are shared between snapshots (structural sharing)', async () => {
    await customer.send(cid, { kind: 'text', text: 'one' });
    const other = (await customer.startConversation({ with: 'p2' })).id;
    const before = customer.state;
    await customer.send(other, { kind: 'text', text: 'two' });
    assert.notEqual(customer.state.messages, before.messages);
    assert.equal(customer.state.messages[cid], before.messages[cid], 'the untouched conversation keeps its array');
  });

  it('connect fills the state from the engine', async () => {
    await customer.send(cid, { kind: 'text', text: 'hello' });
    const again = await world.client('c1');
    assert.equal(again.state.connection, 'open');
    assert.deepEqual(again.state.me, { id: 'c1', role: 'customer', name: 'Cal' });
    assert.deepEqual(Object.keys(again.state.conversations), [cid]);
    assert.deepEqual(messagesOf(again).map((m) => [m.id, m.seq, m.status]), messagesOf(customer).map((m) => [m.id, m.seq, 'sent']));
  });
});

describe('ChatClient subscribe(selector, listener)', () => {
  it('fires only when the selected slice changes, with the new and previous values', async () => {
    const other = (await customer.startConversation({ with: 'p2' })).id;
    const calls: Array<[readonly Message[], readonly Message[]]> = [];
    const stop = customer.subscribe(selectMessages(cid), (value, previous) => calls.push([value, previous]));

    // Unrelated changes: another conversation's messages, the block list, a conversation update.
    await customer.send(other, { kind: 'text', text: 'to p2' });
    await customer.block('p2');
    await flush();
    assert.equal(calls.length, 0, 'no call for unrelated changes');

    await customer.send(cid, { kind: 'text', text: 'to p1' });
    assert.ok(calls.length >= 2, 'pending, then sent');
    const [firstValue, firstPrevious] = calls[0];
    assert.equal(firstPrevious.length, 0);
    assert.equal(firstValue[0].status, 'pending');
    assert.equal(calls.at(-1)![0][0].status, 'sent');

    stop();
    const count = calls.length;
    await customer.send(cid, { kind: 'text', text: 'again' });
    await flush();
    assert.equal(calls.length, count, 'the unsubscribe stops it');
  });

  it('a boolean selector fires only when the value flips', async () => {
    const values: boolean[] = [];
    provider.subscribe(selectHasUnread, (value) => values.push(value));
    await customer.send(cid, { kind: 'text', text: 'one' });
    await flush();
    await customer.send(cid, { kind: 'text', text: 'two' });
    await flush();
    await provider.markRead(cid);
    await flush();
    assert.deepEqual(values, [true, false]);
  });

  it('a shared selector (the chat list) does not fire for unrelated changes when two clients use it', async () => {
    // Two StoreControllers on one page, e.g. the demo showing both sides, read the same selector.
    const calls = { customer: 0, provider: 0 };
    customer.subscribe(selectConversationList, () => calls.customer++);
    provider.subscribe(selectConversationList, () => calls.provider++);
    await customer.block('p2');
    await provider.block('c2');
    await flush();
    assert.deepEqual(calls, { customer: 0, provider: 0 }, 'a block list change is not a change of the chat list');
    await customer.send(cid, { kind: 'text', text: 'hi' });
    await flush();
    assert.ok(calls.customer > 0 && calls.provider > 0, 'a new message does change both lists');
  });

  it('a custom equality decides what counts as a change', async () => {
    const ids = (s: ChatState) => (s.messages[cid] ?? []).map((m) => m.id);
    let byIdentity = 0;
    let byContent = 0;
    customer.subscribe(ids, () => byIdentity++);
    customer.subscribe(ids, () => byContent++, (a, b) => a.join() === b.join());
    await customer.send(cid, { id: 'only', kind: 'text', text: 'x' });
    await flush();
    assert.equal(byContent, 1, 'the ids changed once: pending and sent are the same id');
    assert.ok(byIdentity > byContent, 'a new array each time counts as a change by default');
  });
});

describe('ChatClient on(event)', () => {
  it("'message' and 'conversation' fire for the other party's message; the returned function stops them", async () => {
    const messages: Message[] = [];
    const conversations: Conversation[] = [];
    const offMessage = provider.on('message', (m) => messages.push(m));
    const offConversation = provider.on('conversation', (c) => conversations.push(c));

    const sent = await customer.send(cid, { kind: 'text', text: 'hello' });
    await flush();
    assert.deepEqual(messages.map((m) => [m.id, m.seq, m.authorId]), [[sent.id, 1, 'c1']]);
    assert.equal(messages[0].status, undefined, "others' messages carry no delivery state");
    assert.ok(conversations.some((c) => c.id === cid && c.unread));

    offMessage();
    offConversation();
    await customer.send(cid, { kind: 'text', text: 'again' });
    await flush();
    assert.equal(messages.length, 1);
    assert.equal(messagesOf(provider).length, 2, 'the state still follows');
  });

  it("'state' fires with each new snapshot", async () => {
    const states: ChatState[] = [];
    customer.on('state', (s) => states.push(s));
    await customer.send(cid, { kind: 'text', text: 'x' });
    assert.ok(states.length >= 2);
    assert.equal(states.at(-1), customer.state);
  });
});

describe('C3 optimistic send', () => {
  it("a message shows at once as 'pending' with seq 0, then 'sent' with the engine's seq", async () => {
    await exec(world.engine, 'c1', { type: 'send', conversationId: cid, message: { id: 'pre', kind: 'text', text: 'first' } });
    await flush();
    const promise = customer.send(cid, { kind: 'text', text: 'hello' });
    const pending = messagesOf(customer).at(-1)!;
    assert.equal(pending.status, 'pending');
    assert.equal(pending.seq, 0);
    assert.equal(pending.authorId, 'c1');
    assert.equal(pending.at, world.clock.now());
    assert.equal(pending.kind === 'text' && pending.text, 'hello');

    const stored = await promise;
    assert.equal(stored.id, pending.id, 'the client-made id is the stored id');
    assert.equal(stored.seq, 2);
    const shown = copiesOf(customer, pending.id);
    assert.equal(shown.length, 1);
    assert.equal(shown[0].status, 'sent');
    assert.equal(shown[0].seq, 2);
    assert.deepEqual((await engineHistory()).map((m) => m.id), ['pre', pending.id]);

    await flush();
    assert.equal(copiesOf(customer, pending.id).length, 1, 'the event and the ack make one message');
    assert.deepEqual(messagesOf(customer).map((m) => m.seq), [1, 2]);
  });

  it('sending the same id twice stores one message', async () => {
    const first = await customer.send(cid, { id: 'same', kind: 'text', text: 'x' });
    const second = await customer.send(cid, { id: 'same', kind: 'text', text: 'x' });
    await flush();
    assert.deepEqual(second, first);
    assert.equal((await engineHistory()).length, 1);
    assert.equal(copiesOf(customer, 'same').length, 1);
    assert.equal(copiesOf(provider, 'same').length, 1);
  });

  it("a refused send becomes 'failed' with the error code, and the promise rejects with that ChatError", async () => {
    await provider.block('c1');
    await flush();
    const promise = customer.send(cid, { id: 'm-blocked', kind: 'text', text: 'hello?' });
    assert.equal(copiesOf(customer, 'm-blocked')[0].status, 'pending');
    await assert.rejects(promise, (error: unknown) => error instanceof ChatError && error.code === 'blocked');
    const [failed] = copiesOf(customer, 'm-blocked');
    assert.equal(failed.status, 'failed');
    assert.equal(failed.seq, 0);
    assert.equal(failed.error?.code, 'blocked');
    assert.ok(failed.error!.message.length > 0);
    assert.deepEqual(await engineHistory(), [], 'the engine stored nothing');
    await flush();
    assert.deepEqual(messagesOf(provider), []);
  });

  it('retry after the cause is lifted sends it with the same id, and both sides end with one copy', async () => {
    await provider.block('c1');
    await flush();
    await assert.rejects(customer.send(cid, { id: 'm-retry', kind: 'text', text: 'hello?' }), { code: 'blocked' });
    // Still blocked: a retry fails again and stays one failed copy.
    await assert.rejects(customer.retry(cid, 'm-retry'), { code: 'blocked' });
    assert.equal(copiesOf(customer, 'm-retry').length, 1);
    assert.equal(copiesOf(customer, 'm-retry')[0].status, 'failed');

    await provider.unblock('c1');
    await flush();
    const stored = await customer.retry(cid, 'm-retry');
    await flush();
    assert.equal(stored.id, 'm-retry');
    assert.equal(stored.seq, 1);
    for (const client of [customer, provider]) {
      const copies = copiesOf(client, 'm-retry');
      assert.equal(copies.length, 1);
      assert.equal(copies[0].seq, 1);
      assert.equal(copies[0].kind === 'text' && copies[0].text, 'hello?');
      assert.equal(copies[0].error, undefined);
    }
    assert.equal(copiesOf(customer, 'm-retry')[0].status, 'sent');
    assert.deepEqual((await engineHistory()).map((m) => m.id), ['m-retry']);
  });

  it('retry of a failed tribute request sends it again as a tribute request, with the same id', async () => {
    await customer.send(cid, { kind: 'text', text: 'hi' });
    await customer.block('p1');
    await flush();
    const amountCents = world.engine.policy.tribute.minCents;
    await assert.rejects(provider.requestTribute(cid, { id: 'tr1', amountCents, note: 'please' }), { code: 'blocked' });
    const [failed] = copiesOf(provider, 'tr1');
    assert.equal(failed.kind, 'tribute-request');
    assert.equal(failed.status, 'failed');

    await customer.unblock('p1');
    await flush();
    const stored = await provider.retry(cid, 'tr1');
    await flush();
    assert.equal(stored.kind, 'tribute-request');
    assert.equal(stored.id, 'tr1');
    for (const client of [customer, provider]) {
      const copies = copiesOf(client, 'tr1');
      assert.equal(copies.length, 1);
      assert.ok(copies[0].kind === 'tribute-request' && copies[0].amountCents === amountCents && copies[0].note === 'please');
      assert.equal(copies[0].seq, 2);
    }
  });

  it('retry of a message that did not fail is refused and sends nothing', async () => {
    const sent = await customer.send(cid, { kind: 'text', text: 'fine' });
    await assert.rejects(customer.retry(cid, sent.id), { code: 'not-found' });
    await assert.rejects(customer.retry(cid, 'no-such-message'), { code: 'not-found' });
    assert.equal((await engineHistory()).length, 1);
  });
});

describe('D2 unread tracking', () => {
  it('a message from the other party makes the conversation unread; markRead clears it', async () => {
    await customer.send(cid, { kind: 'text', text: 'hi' });
    await flush();
    assert.equal(provider.state.conversations[cid].unread, true);
    assert.equal(selectHasUnread(provider.state), true);

    const read = await provider.markRead(cid);
    assert.equal(read.unread, false);
    assert.equal(provider.state.conversations[cid].unread, false);
    assert.equal(selectHasUnread(provider.state), false);
    // The engine remembers: a fresh connection agrees.
    const again = await world.client('p1');
    assert.equal(again.state.conversations[cid].unread, false);

    await provider.send(cid, { kind: 'text', text: 'hello back' });
    await flush();
    assert.equal(customer.state.conversations[cid].unread, true);
  });

  it("the author's own messages never make the conversation unread", async () => {
    const seen: boolean[] = [];
    customer.subscribe(selectConversation(cid), (c) => { if (c) seen.push(c.unread); });
    for (let i = 0; i < 3; i++) await customer.send(cid, { kind: 'text', text: `msg ${i}` });
    await flush();
    assert.ok(seen.length > 0);
    assert.ok(seen.every((unread) => !unread), `never unread, saw ${JSON.stringify(seen)}`);
    assert.equal(selectHasUnread(customer.state), false);

    // A provider's reply marks its own side read (the reply implies reading).
    await flush();
    assert.equal(provider.state.conversations[cid].unread, true);
    await provider.send(cid, { kind: 'text', text: 'answer' });
    await flush();
    assert.equal(provider.state.conversations[cid].unread, false);
  });
});

describe('D2 selectConversationList and selectHasUnread', () => {
  it('lists unread conversations first, then the most recent; closed ones are hidden', async () => {
    const start = async (userId: string) => (await exec(world.engine, userId, { type: 'start', with: 'p1' })).id;
    const write = (userId: string, conversationId: string, text: string) =>
      world.engine.execute(userId, { type: 'send', conversationId, message: { id: `${userId}-${world.clock.now()}`, kind: 'text', text } });
    const order = () => selectConversationList(provider.state).map((c) => c.customerId);

    await write('c1', cid, 'first');
    const c2 = await start('c2');
    world.clock.advance(MINUTE);
    await write('c2', c2, 'second');
    const c3 = await start('c3');
    world.clock.advance(MINUTE);
    await write('c3', c3, 'third');
    await flush();
    assert.deepEqual(order(), ['c3', 'c2', 'c1'], 'all unread: most recent first');

    await provider.markRead(c3);
    assert.deepEqual(order(), ['c2', 'c1', 'c3'], 'unread first, even when older');

    world.clock.advance(MINUTE);
    await provider.send(cid, { kind: 'text', text: 'reply to c1' });
    await flush();
    assert.deepEqual(order(), ['c2', 'c1', 'c3'], 'c1 is read now (I replied) and the most recent read one');
    assert.equal(selectHasUnread(provider.state), true);

    await provider.closeConversation(c2);
    assert.deepEqual(order(), ['c1', 'c3'], 'a closed chat leaves the list');
    assert.equal(selectHasUnread(provider.state), false, 'a closed unread chat does not light the menu');

    world.clock.advance(MINUTE);
    await write('c2', c2, 'are you there?');
    await flush();
    assert.deepEqual(order(), ['c2', 'c1', 'c3'], 'a new message from the other party brings it back, unread');
    assert.equal(selectHasUnread(provider.state), true);
  });

  it('the list is the same array while conversations do not change', async () => {
    const first = selectConversationList(customer.state);
    assert.equal(selectConversationList(customer.state), first);
    await customer.send(cid, { kind: 'text', text: 'x' });
    await flush();
    assert.notEqual(selectConversationList(customer.state), first);
  });
});

describe('P4 sendTribute is not optimistic', () => {
  it('a declined tribute leaves no message in state, and rejects with payment-declined', async () => {
    await customer.send(cid, { kind: 'text', text: 'hi' });
    world.payments.setBalance('c1', 0);
    const before = messagesOf(customer);
    const amountCents = world.engine.policy.tribute.minCents;
    const promise = customer.sendTribute(cid, { amountCents, id: 't-declined' });
    assert.equal(messagesOf(customer), before, 'nothing shows while the payment runs');
    await assert.rejects(promise, (error: unknown) => error instanceof ChatError && error.code === 'payment-declined');
    await flush();
    assert.deepEqual(copiesOf(customer, 't-declined'), []);
    assert.ok(!messagesOf(customer).some((m) => m.kind === 'tribute'));
    assert.ok(!messagesOf(provider).some((m) => m.kind === 'tribute'));
    assert.deepEqual(world.payments.charges.filter((c) => c.reason === 'tribute'), []);
    assert.equal((await engineHistory()).length, 1);
  });

  it("an accepted tribute shows once the payment went through, as 'sent'", async () => {
    await customer.send(cid, { kind: 'text', text: 'hi' });
    const amountCents = world.engine.policy.tribute.minCents;
    const stored = await customer.sendTribute(cid, { amountCents, note: 'thanks' });
    await flush();
    const [shown] = copiesOf(customer, stored.id);
    assert.equal(shown.kind, 'tribute');
    assert.equal(shown.status, 'sent');
    assert.equal(shown.seq, 2);
    assert.equal(copiesOf(provider, stored.id).length, 1);
    assert.deepEqual(world.payments.charges.filter((c) => c.reason === 'tribute').map((c) => [c.payerId, c.payeeId, c.amountCents]), [['c1', 'p1', amountCents]]);
  });
});
