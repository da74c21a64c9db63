import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ChatEngine, ManualClock, MemoryNotifier, MemoryPayments, MemoryStore, presets,
  type Command, type CommandResults, type CommandType, type Message, type Snapshot,
} from '../src/index.ts';
import { Journal } from '../server/src/index.ts';
import { stopStores, storeKinds } from './stores.ts';
import { actor, refused, START, type Actor } from './fixtures.ts';

// Messages live in the store: the engine keeps per chat what the rules need and a bounded tail, and
// reads the rest from the store. Every read must equal what an engine holding every message returned.

const USERS = [
  { id: 'c1', role: 'customer' as const, name: 'Cam' },
  { id: 'p1', role: 'provider' as const, name: 'Ivy' },
];

function world(tailSize?: number) {
  const clock = new ManualClock(START);
  const store = new MemoryStore();
  const payments = new MemoryPayments();
  const engine = new ChatEngine({ policy: presets.paidChat(), clock, store, payments, notifier: new MemoryNotifier(), tailSize });
  for (const user of USERS) engine.upsertUser({ ...user });
  return { clock, store, payments, engine, c1: actor(engine, 'c1'), p1: actor(engine, 'p1') };
}

/** Alternating sides (no send limit applies), a second apart; returns the stored messages. */
async function chat(clock: ManualClock, c1: Actor, p1: Actor, conversationId: string, count: number, prefix: string): Promise<Message[]> {
  const sent: Message[] = [];
  for (let i = 0; i < count; i++) {
    sent.push(await (i % 2 === 0 ? c1 : p1).send(conversationId, `${prefix} ${i}`, `${prefix}-${i}`));
    clock.advance(1000);
  }
  return sent;
}

const ids = (messages: readonly Message[]) => messages.map((m) => `${m.seq}:${m.id}`);

describe('Messages live in the store: the engine keeps a bounded tail', () => {
  it('after 5,000 messages in one chat and 1,000 over 100 chats the engine holds at most a tail per chat, and the store every message', async () => {
    const { clock, store, engine, c1, p1 } = world();
    const big = await c1.start('p1');
    await chat(clock, c1, p1, big.id, 5000, 'big');
    for (let n = 0; n < 100; n++) {
      engine.upsertUser({ id: `k${n}`, role: 'customer' });
      const k = actor(engine, `k${n}`);
      await chat(clock, k, p1, (await k.start('p1')).id, 10, `k${n}`);
    }
    const conversations = 101;
    assert.ok(typeof engine.retainedMessages === 'number', 'the engine counts the messages it holds');
    assert.ok(engine.retainedMessages <= conversations * 50, `${engine.retainedMessages} messages held for ${conversations} chats`);
    assert.equal(engine.retainedMessages, 50 + 100 * 10);
    assert.equal(store.records.filter((r) => r.type === 'message').length, 6000);
    // The oldest message is still read, from the store.
    const [first] = await c1.run<'history'>({ type: 'history', conversationId: big.id, beforeSeq: 2, limit: 1 });
    assert.equal(first.id, 'big-0');
  });

  it('history pages across the tail boundary, deletions hidden per user, equal a scan of every message', async () => {
    const { clock, store, c1, p1 } = world(8);
    const conversation = await c1.start('p1');
    await chat(clock, c1, p1, conversation.id, 40, 'm');
    const deletedBy: Record<string, number[]> = { c1: [3, 5, 20, 31, 33, 38, 39, 40], p1: [1, 2, 35] };
    for (const [userId, seqs] of Object.entries(deletedBy)) {
      for (const seq of seqs) await (userId === 'c1' ? c1 : p1).run({ type: 'delete-message', conversationId: conversation.id, messageId: `m-${seq - 1}` });
    }
    // The old engine: every message in memory, filtered by the user's deletions, then the page.
    const all = store.records.flatMap((r) => (r.type === 'message' && r.message.conversationId === conversation.id ? [r.message] : []));
    const expected = (userId: string, beforeSeq = Infinity, limit = 50) =>
      ids(all.filter((m) => !deletedBy[userId].includes(m.seq) && m.seq < beforeSeq).slice(-limit));
    for (const who of [c1, p1]) {
      for (const beforeSeq of [undefined, 1, 2, 4, 10, 30, 33, 34, 36, 41, 100]) {
        for (const limit of [1, 3, 7, 8, 10, 50]) {
          const page = await who.run<'history'>({ type: 'history', conversationId: conversation.id, beforeSeq, limit });
          assert.deepEqual(ids(page), expected(who.id, beforeSeq, limit), `${who.id} history before ${beforeSeq} limit ${limit}`);
        }
      }
      const hello = await who.hello();
      assert.deepEqual(ids(hello.messages[conversation.id]), expected(who.id), `${who.id}'s hello page`);
      const feed = await who.run<'feed'>({ type: 'feed', conversationId: conversation.id, filter: 'messages' });
      assert.equal(feed.length, 40 - deletedBy[who.id].length, `${who.id}'s feed`);
    }
  });

  it('unread looks past the tail: a chat whose newer messages the user deleted is unread while an older one is not', async () => {
    const { clock, c1, p1 } = world(3);
    const conversation = await c1.start('p1');
    await c1.send(conversation.id, 'hello', 'c-0');
    for (let i = 1; i <= 5; i++) {
      await p1.send(conversation.id, { kind: 'text', text: `reply ${i}` }, `p-${i}`);
      clock.advance(1000);
    }
    const unread = async () => (await c1.hello()).conversations[0].unread;
    assert.equal(await unread(), true);
    for (const i of [5, 4, 3, 2]) await c1.run({ type: 'delete-message', conversationId: conversation.id, messageId: `p-${i}` });
    assert.equal(await unread(), true, 'p-1, before the tail, is unread');
    await c1.run({ type: 'delete-message', conversationId: conversation.id, messageId: 'p-1' });
    assert.equal(await unread(), false, 'every message after the read cursor is deleted');
  });

  it('C3: a message id older than the tail sent again returns the stored message and stores nothing; another author reusing it is refused', async () => {
    const { clock, store, c1, p1 } = world(4);
    const conversation = await c1.start('p1');
    const first = await c1.send(conversation.id, 'the first', 'm-old');
    await chat(clock, p1, c1, conversation.id, 11, 'later');
    const again = await c1.send(conversation.id, 'the first', 'm-old');
    assert.deepEqual(again, first);
    assert.equal(store.records.filter((r) => r.type === 'message').length, 12);
    await refused(p1.send(conversation.id, 'mine now', 'm-old'), 'invalid');
    // C4 finds it too.
    await p1.run({ type: 'delete-message', conversationId: conversation.id, messageId: 'm-old' });
    assert.ok(!(await p1.history(conversation.id)).some((m) => m.id === 'm-old'));
    await refused(p1.run({ type: 'delete-message', conversationId: conversation.id, messageId: 'no-such' }), 'not-found');
  });

  it('P3, P4: items and tribute requests older than the tail are found, and an item bought before the tail is not bought again', async () => {
    const { clock, payments, c1, p1 } = world(4);
    const conversation = await c1.start('p1');
    await c1.send(conversation.id, 'hi', 'hi');
    await p1.send(conversation.id, { kind: 'payment-button', button: { id: 'b', title: 'Poster', amountCents: 1500, url: 'https://shop.example/p' } }, 'item-poster');
    await p1.send(conversation.id, { kind: 'goodie', goodie: { id: 'g', title: 'Reading', amountCents: 2500 } }, 'item-reading');
    await p1.run({ type: 'request-tribute', conversationId: conversation.id, id: 'request', amountCents: 500 });
    await c1.run({ type: 'buy', conversationId: conversation.id, id: 'buy-1', itemId: 'item-poster' });
    await chat(clock, c1, p1, conversation.id, 10, 'later');
    await refused(c1.run({ type: 'buy', conversationId: conversation.id, id: 'buy-2', itemId: 'item-poster' }), 'invalid');
    await c1.run({ type: 'buy', conversationId: conversation.id, id: 'buy-3', itemId: 'item-reading' });
    await c1.run({ type: 'send-tribute', conversationId: conversation.id, id: 'tribute-1', amountCents: 500, requestId: 'request' });
    await refused(c1.run({ type: 'buy', conversationId: conversation.id, id: 'buy-4', itemId: 'later-1' }), 'not-found');
    assert.deepEqual(payments.charges.filter((c) => c.reason !== 'volley').map((c) => c.messageId), ['buy-1', 'buy-3', 'tribute-1']);
    // P5 and T6 from the chat's facts: the same overview as a scan of every message.
    const details = await p1.run<'customer-details'>({ type: 'customer-details', customerId: 'c1' });
    assert.equal(details.firstContactAt, START);
    assert.deepEqual(details.tributes, { count: 1, totalCents: 500 });
    const context = await p1.run<'customer-context'>({ type: 'customer-context', conversationId: conversation.id });
    assert.equal(context.query, 'hi');
  });
});

const kinds = storeKinds();
after(() => stopStores(kinds));

for (const kind of kinds) describe(`Messages live in the store: the journal on ${kind.name}`, { skip: kind.skip }, () => {
  async function open(dataDir: string) {
    const journal = await Journal.open({ store: await kind.open(dataDir), policy: presets.paidChat(), payments: new MemoryPayments(), notifier: new MemoryNotifier() });
    const run = <T extends CommandType>(userId: string, command: Extract<Command, { type: T }>) =>
      new Promise<CommandResults[T]>((resolve, reject) => journal.command(userId, command, (o) => (o.ok ? resolve(o.value as CommandResults[T]) : reject(o.error))));
    const send = (userId: string, conversationId: string, id: string) =>
      run<'send'>(userId, { type: 'send', conversationId, message: { id, kind: 'text', text: id } });
    const history = async (userId: string, conversationId: string, beforeSeq?: number) =>
      ids(await run<'history'>(userId, { type: 'history', conversationId, beforeSeq, limit: 500 }));
    return { journal, run, send, history };
  }

  it('history beyond the tail comes from the store, before and after a restart; a replay does not see messages it has not reached', async () => {
    const dir = await kind.place();
    const first = await open(dir);
    for (const user of USERS) await first.journal.host({ name: 'upsertUser', args: [user] });
    const conversation = await first.run<'start'>('c1', { type: 'start', with: 'p1' });
    await first.send('c1', conversation.id, 'm-0');
    await first.send('p1', conversation.id, 'item');
    for (let i = 1; i < 70; i++) await first.send(i % 2 ? 'p1' : 'c1', conversation.id, `m-${i}`);
    await first.run('c1', { type: 'delete-message', conversationId: conversation.id, messageId: 'm-3' });
    // A resend of the first message after 70 more, journaled: the replay must dedupe it again, not store it anew.
    assert.equal((await first.send('c1', conversation.id, 'm-0')).seq, 1);
    const before = await first.history('c1', conversation.id);
    assert.equal(before.length, 70);
    assert.ok(first.journal.engine.retainedMessages <= 50);
    await first.journal.close();

    const second = await open(dir);
    assert.equal(second.journal.divergences, 0);
    assert.ok(second.journal.engine.retainedMessages <= 50);
    assert.deepEqual(await second.history('c1', conversation.id), before);
    assert.deepEqual(await second.history('c1', conversation.id, 5), ['1:m-0', '2:item', '3:m-1', '4:m-2']);
    const hello = await second.run<'hello'>('c1', { type: 'hello' }) as Snapshot;
    assert.deepEqual(ids(hello.messages[conversation.id]), before.slice(-50));
    assert.equal((await second.send('c1', conversation.id, 'm-0')).seq, 1, 'C3 after a restart');
    assert.equal((await second.send('c1', conversation.id, 'm-new')).seq, 72);
    await second.journal.close();
  });
});
