import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChatEngine, ManualClock, MemoryStore, presets, type ChatEvent, type Store, type StoreRecord } from '../src/index.ts';
import { actor, flush, START } from './fixtures.ts';

const USERS = [
  { id: 'c1', role: 'customer' as const },
  { id: 'p1', role: 'provider' as const },
];

/** A store whose commits wait until released, or fail: a network database on a bad day. */
function gatedStore() {
  const commits: StoreRecord[][] = [];
  const waiting: { records: StoreRecord[]; release: () => void; fail: (error: Error) => void }[] = [];
  let gated = true;
  const store: Store = {
    commit(records) {
      commits.push(records);
      if (!gated) return;
      return new Promise<void>((resolve, reject) => waiting.push({ records, release: resolve, fail: reject }));
    },
  };
  return { store, commits, waiting, open: () => (gated = false), close: () => (gated = true) };
}

function makeEngine(store: Store, policy = presets.paidChat()) {
  const engine = new ChatEngine({ policy, clock: new ManualClock(START), store });
  for (const user of USERS) engine.upsertUser({ ...user });
  const events: ChatEvent[] = [];
  engine.connect('p1', (event) => events.push(event));
  const messagesSeen = () => events.flatMap((e) => (e.type === 'message' ? [e.message.id] : []));
  return { engine, events, messagesSeen, c1: actor(engine, 'c1'), p1: actor(engine, 'p1') };
}

describe('C3 durable commit: nothing shows or is acknowledged before the store has it', () => {
  // A process's first message loads what follows a message (src/engine/after-message.ts) before
  // its checks. These tests time the store's commits, so that load happens here, once.
  before(async () => {
    const { c1 } = makeEngine(new MemoryStore());
    await c1.send((await c1.start('p1')).id, 'warm-up', 'warm-up');
  });

  it('a message waiting on a slow store is neither in the history, nor sent to anyone, nor acknowledged', async () => {
    const gate = gatedStore();
    gate.open();
    const { c1, messagesSeen } = makeEngine(gate.store);
    const conversation = await c1.start('p1');
    gate.close();
    let acknowledged = false;
    const sending = c1.send(conversation.id, 'hello', 'm-1').then((m) => ((acknowledged = true), m));
    await flush();
    assert.equal(gate.waiting.length, 1, 'the commit was asked for');
    assert.equal(acknowledged, false);
    assert.deepEqual(messagesSeen(), []);
    gate.open();
    assert.deepEqual((await c1.history(conversation.id)).map((m) => m.id), [], 'not kept before the commit');
    gate.waiting[0].release();
    const stored = await sending;
    assert.equal(stored.seq, 1);
    assert.deepEqual(messagesSeen(), ['m-1']);
    assert.deepEqual((await c1.history(conversation.id)).map((m) => m.id), ['m-1']);
  });

  it('a store that refuses the commit refuses the send: nothing kept, nothing sent, and the seq is not used up', async () => {
    const gate = gatedStore();
    gate.open();
    const { c1, messagesSeen } = makeEngine(gate.store);
    const conversation = await c1.start('p1');
    gate.close();
    const sending = c1.send(conversation.id, 'hello', 'm-1');
    await flush();
    gate.waiting[0].fail(new Error('disk full'));
    await assert.rejects(sending, /disk full/);
    gate.open();
    assert.deepEqual(messagesSeen(), []);
    assert.deepEqual(await c1.history(conversation.id), []);
    // The same id can be sent again once the store works: it was never stored.
    const again = await c1.send(conversation.id, 'hello', 'm-1');
    assert.equal(again.seq, 1);
    assert.deepEqual(messagesSeen(), ['m-1']);
  });

  it('sends racing in one conversation commit one at a time, in arrival order, with no gap in seq', async () => {
    const gate = gatedStore();
    gate.open();
    const { c1, messagesSeen } = makeEngine(gate.store);
    const conversation = await c1.start('p1');
    gate.close();
    const sends = ['a', 'b', 'c'].map((id) => c1.send(conversation.id, id, id));
    const settled = Promise.allSettled(sends);
    await flush();
    assert.equal(gate.waiting.length, 1, 'the second commit waits for the first');
    gate.waiting[0].release();
    await flush();
    assert.equal(gate.waiting.length, 2);
    gate.waiting[1].fail(new Error('lost'));
    await flush();
    gate.waiting[2].release();
    const results = await settled;
    assert.deepEqual(results.map((r) => (r.status === 'fulfilled' ? r.value.seq : 'refused')), [1, 'refused', 2]);
    assert.deepEqual(messagesSeen(), ['a', 'c']);
    assert.deepEqual(gate.waiting.map((w) => w.records[0].type === 'message' && w.records[0].message.seq), [1, 2, 2]);
  });

  it('a system notice waits its turn behind a message still committing', async () => {
    const gate = gatedStore();
    gate.open();
    const team = [{ id: 't1-owner', role: 'provider' as const, teamId: 't1' }];
    const policy = presets.teamInbox();
    const engine = new ChatEngine({ policy, clock: new ManualClock(START), store: gate.store });
    for (const user of [...USERS, ...team]) engine.upsertUser({ ...user });
    const c1 = actor(engine, 'c1');
    const conversation = await c1.start('t1-owner');
    gate.close();
    // No agent is available: the first message is missed at once, with a notice after it.
    const sending = c1.send(conversation.id, 'anyone?', 'm-1');
    await flush();
    assert.equal(gate.waiting.length, 1);
    gate.waiting[0].release();
    await sending;
    await flush();
    assert.equal(gate.waiting.length, 2, 'the notice commits after the message');
    gate.waiting[1].release();
    await flush();
    gate.open();
    const history = await c1.history(conversation.id);
    assert.deepEqual(history.map((m) => [m.seq, m.kind]), [[1, 'text'], [2, 'system']]);
  });

  it('a store that refuses a new conversation refuses the start, and no conversation exists', async () => {
    const gate = gatedStore();
    const { c1, p1, events } = makeEngine(gate.store);
    const starting = c1.start('p1');
    await flush();
    gate.waiting[0].fail(new Error('down'));
    await assert.rejects(starting, /down/);
    gate.open();
    assert.deepEqual((await c1.hello()).conversations, []);
    assert.deepEqual((await p1.hello()).conversations, [], 'the provider has none either');
    assert.equal(events.filter((e) => e.type === 'conversation').length, 0);
    // Nothing half-made stays behind: starting again makes the one conversation.
    const again = await c1.start('p1');
    assert.deepEqual((await c1.hello()).conversations.map((c) => c.id), [again.id]);
  });

  it('ids of conversations and notices come from the createId option when given', async () => {
    let n = 0;
    const engine = new ChatEngine({ policy: presets.paidChat(), clock: new ManualClock(START), createId: (prefix) => `${prefix}-fixed-${++n}` });
    for (const user of USERS) engine.upsertUser({ ...user });
    const conversation = await actor(engine, 'c1').start('p1');
    assert.equal(conversation.id, 'c-fixed-1');
  });
});
