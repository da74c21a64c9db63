import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deserialize } from 'node:v8';
import {
  ChatEngine, presets, type ClockState, type EngineState, type RestorableClock,
  type CommandResults, type CommandType, type DurableStore, type HostCall, type JournalEntry, type Message, type MessageRange, type Policy, type Snapshot, type StoreRecord,
} from '../src/index.ts';
import { Journal } from '../server/src/index.ts';
import { prng } from './fixtures.ts';
import { stopStores, storeKinds } from './stores.ts';

const kinds = storeKinds();
after(() => stopStores(kinds));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function driver(journal: Journal) {
  const run = <T extends CommandType>(userId: string, command: unknown) =>
    new Promise<CommandResults[T]>((resolve, reject) => journal.command(userId, command, (o) => (o.ok ? resolve(o.value as CommandResults[T]) : reject(o.error))));
  const history = async (userId: string, conversationId: string) =>
    (await run<'history'>(userId, { type: 'history', conversationId, limit: 500 })).map((m: Message) => JSON.stringify(m));
  /** What each user sees: `hello`, and the history of each of their chats. */
  const world = async (users: string[]) => {
    const seen: Record<string, unknown> = {};
    for (const id of users) {
      const hello = await run<'hello'>(id, { type: 'hello' }).catch((error) => error.code as string);
      seen[id] = typeof hello === 'string' ? hello : { hello, histories: await Promise.all((hello as Snapshot).conversations.map((c) => history(id, c.id))) };
    }
    return seen;
  };
  return { journal, run, history, world };
}

/** A stop with no `close()` (a SIGKILL): nothing more reaches the store, no snapshot is written. */
const kill = async (journal: Journal) => {
  journal.clock.stop();
  journal.engine.dispose();
  // Only lets go of the file (a running disk sync ends first); writes nothing.
  await journal.store.close();
};

/** Every store call goes to both: `main` snapshots and compacts; `mirror` never snapshots, so it keeps the whole journal for a full replay. */
class Tee implements DurableStore {
  constructor(readonly main: DurableStore, readonly mirror: DurableStore) {}
  get epoch() { return this.main.epoch; }
  async commit(records: StoreRecord[]) { await Promise.all([this.main.commit(records), this.mirror.commit(records)]); }
  load() { return this.main.load(); }
  hasMessage(conversationId: string, seq: number, id: string) { return this.main.hasMessage(conversationId, seq, id); }
  messages(conversationId: string, range: MessageRange) { return this.main.messages(conversationId, range); }
  messageById(id: string) { return this.main.messageById(id); }
  async begin() { await Promise.all([this.main.begin(), this.mirror.begin()]); }
  async append(entry: JournalEntry) { await Promise.all([this.main.append(entry), this.mirror.append(entry)]); }
  async snapshot(state: unknown) { await this.main.snapshot(state); }
  async flush() { await Promise.all([this.main.flush(), this.mirror.flush()]); }
  async close() { await Promise.all([this.main.close(), this.mirror.close()]); }
}

/** The first place two values differ, for a readable failure. */
function diff(a: unknown, b: unknown, path = ''): string | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = diff((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return `${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
}
const same = (a: unknown, b: unknown) => assert.deepEqual(a, b, diff(a, b));
/** The value with each random id replaced by its order of first appearance. */
function renamed(value: unknown): unknown {
  const names = new Map<string, string>();
  return JSON.parse(JSON.stringify(value).replace(/\b([a-z]+)_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, (id, prefix) => {
    if (!names.has(id)) names.set(id, `${prefix}#${names.size}`);
    return names.get(id)!;
  }));
}

const CUSTOMERS = ['c1', 'c2', 'c3', 'c4'];
const STAFF = ['own', 'a1', 'a2', 'p1'];
const USERS = [...CUSTOMERS, ...STAFF, 'c5'];
const CAST: HostCall[] = [
  ...CUSTOMERS.map((id): HostCall => ({ name: 'upsertUser', args: [{ id, role: 'customer', name: id.toUpperCase() }] })),
  { name: 'upsertUser', args: [{ id: 'own', role: 'provider', teamId: 't1', name: 'Owner' }] },
  { name: 'upsertUser', args: [{ id: 'a1', role: 'agent', teamId: 't1', name: 'Ann' }] },
  { name: 'upsertUser', args: [{ id: 'a2', role: 'agent', teamId: 't1', name: 'Abe' }] },
  // A provider with its own product (R2): send limits and paid replies.
  { name: 'upsertUser', args: [{ id: 'p1', role: 'provider', name: 'Ivy', policy: { sendLimits: { enabled: true }, volley: { enabled: true } } }] },
];

/** One random step of a team inbox's life: users, chats, sends, reads, deletes, closes, offers with claims and timeouts, blocks, host calls, time. */
async function step(random: ReturnType<typeof prng>, d: ReturnType<typeof driver>, n: number): Promise<void> {
  const { journal, run } = d;
  const customer = random.pick(CUSTOMERS);
  const staff = random.pick(STAFF);
  const chatsOf = async (user: string) => (await run<'hello'>(user, { type: 'hello' }) as Snapshot);
  const roll = random.int(100);
  const ignore = () => {};
  if (roll < 10) {
    await run(customer, { type: 'start', with: random.pick(['t1', 'p1', 'own']) }).catch(ignore);
  } else if (roll < 45) {
    const user = random.next() < 0.6 ? customer : staff;
    const { conversations } = await chatsOf(user);
    if (conversations.length === 0) return;
    const conversation = random.pick(conversations);
    await run(user, { type: 'send', conversationId: conversation.id, message: { id: `m-${n}`, kind: 'text', text: `message ${n}` } }).catch(ignore);
  } else if (roll < 52) {
    const user = random.pick([customer, staff]);
    const { conversations, messages } = await chatsOf(user);
    if (conversations.length === 0) return;
    const conversation = random.pick(conversations);
    const kind = random.int(3);
    if (kind === 0) await run(user, { type: 'mark-read', conversationId: conversation.id }).catch(ignore);
    else if (kind === 1) await run(user, { type: 'close', conversationId: conversation.id }).catch(ignore);
    else if (messages[conversation.id]?.length) {
      await run(user, { type: 'delete-message', conversationId: conversation.id, messageId: random.pick(messages[conversation.id]).id }).catch(ignore);
    }
  } else if (roll < 66) {
    const agent = random.pick(['a1', 'a2']);
    const { offers } = await chatsOf(agent);
    if (offers.length === 0) return;
    const offer = random.pick(offers);
    if (random.next() < 0.7) await run(agent, { type: 'claim', offerId: offer.id }).catch(ignore);
    else await run(agent, { type: 'decline', offerId: offer.id, goUnavailable: random.next() < 0.3 }).catch(ignore);
  } else if (roll < 72) {
    await run(random.pick(['a1', 'a2']), { type: 'set-status', status: random.pick(['available', 'available', 'away', 'offline']) }).catch(ignore);
  } else if (roll < 77) {
    const [user, target] = random.next() < 0.5 ? [customer, random.pick(['t1', 'p1'])] : [random.pick(['own', 'p1']), customer];
    await run(user, { type: random.next() < 0.6 ? 'block' : 'unblock', userId: target }).catch(ignore);
  } else if (roll < 85) {
    const calls: HostCall[] = [
      { name: 'setAccountState', args: [random.pick(['own', 'p1']), random.pick(['ok', 'ok', 'suspended'])] },
      { name: 'recordOrder', args: [{ id: `o-${n}`, customerId: customer, providerId: random.pick(['t1', 'p1']), title: `Order ${n}`, amountCents: 100 }] },
      { name: 'recordReview', args: [{ from: customer, to: random.pick(['own', 'p1']), rating: random.pick(['negative', 'positive']) }] },
      { name: 'upsertUser', args: [{ id: customer, role: 'customer', name: `${customer}-${n}` }] },
    ];
    await journal.host(random.pick(calls)).catch(ignore);
  } else if (roll < 90) {
    await run('p1', { type: 'set-note', customerId: customer, text: `note ${n}` }).catch(ignore);
  } else {
    // Time passes: countdowns that fall due run as jobs, in the journal like any input.
    journal.clock.advance(random.pick([1000, 5000, 14_000, 16_000, 40_000]));
    await sleep(5);
    await journal.idle();
  }
}

for (const kind of kinds) describe(`Stores: ${kind.name}`, { skip: kind.skip }, () => {
const folder = () => kind.place();

describe('Snapshots: a restart is the latest snapshot plus the journal after it', () => {
  const policy = presets.teamInbox();

  for (const seed of [1, 2, 3]) {
    it(`snapshot + tail restores what a full replay restores, and what happens next is the same (seeded history ${seed})`, async () => {
      const [dirA, dirB] = [await folder(), await folder()];
      const random = prng(seed);
      const live = driver(await Journal.open({ store: new Tee(await kind.open(dirA), await kind.open(dirB)), policy, snapshotEvery: 17 }));
      for (const call of CAST) await live.journal.host(call);
      for (let n = 0; n < 160; n++) await step(random, live, n);
      // A chat offered just now by a new customer: its countdown is pending at the stop.
      await live.journal.host({ name: 'upsertUser', args: [{ id: 'c5', role: 'customer' }] });
      await live.run('a1', { type: 'set-status', status: 'available' });
      const fresh = await live.run<'start'>('c5', { type: 'start', with: 't1' });
      await live.run('c5', { type: 'send', conversationId: fresh.id, message: { id: 'last', kind: 'text', text: 'anyone?' } });
      // Some of each kind of state for certain, then enough entries that a snapshot covers them, then a tail.
      await live.run('c5', { type: 'block', userId: 'own' }).catch(() => {});
      await live.run('p1', { type: 'set-note', customerId: 'c5', text: 'kept' }).catch(() => {});
      const withIvy = await live.run<'start'>('c5', { type: 'start', with: 'p1' });
      await live.run('c5', { type: 'send', conversationId: withIvy.id, message: { id: 'to-ivy', kind: 'text', text: 'hi Ivy' } });
      await live.journal.host({ name: 'recordReview', args: [{ from: 'c5', to: 'p1', rating: 'negative' }] });
      for (let n = 0; n < 17; n++) await live.journal.host({ name: 'upsertUser', args: [{ id: `filler-${n}`, role: 'customer' }] });
      await live.run('c5', { type: 'send', conversationId: fresh.id, message: { id: 'tail', kind: 'text', text: 'still there?' } });
      const before = await live.world(USERS);
      const mirrored = (await live.journal.store.load()).entries.length;
      await kill(live.journal);

      const tail = driver(await Journal.open({ store: await kind.open(dirA), policy }));
      const full = driver(await Journal.open({ store: await kind.open(dirB), policy, snapshotEvery: Number.POSITIVE_INFINITY }));
      try {
        assert.ok(tail.journal.restored, 'restored from a snapshot');
        assert.ok(tail.journal.replayed < 17 && tail.journal.replayed < full.journal.replayed, `${tail.journal.replayed} entries after the snapshot, ${full.journal.replayed} in all`);
        assert.equal(tail.journal.replayed, mirrored);
        assert.ok(mirrored > 0, 'a tail to replay');
        assert.equal(tail.journal.divergences, 0);
        assert.equal(full.journal.divergences, 0);
        assert.ok(tail.journal.clock.pending > 0, 'a countdown was pending');
        assert.equal(tail.journal.clock.pending, full.journal.clock.pending);
        same(await tail.world(USERS), before);
        same(await full.world(USERS), before);
        // What happens next: every pending countdown falls due (offers are missed the same way), then
        // the same commands. Both run at the same times (the wall clock is held, then moved by
        // hand), and the ids made from here on (random) are compared by order of appearance.
        const realNow = Date.now;
        let now = Math.max(Date.now(), ...tail.journal.clock.exportState().timers.map(([, dueAt]) => dueAt)) + 1000;
        Date.now = () => now;
        try {
          for (const d of [tail, full]) {
            d.journal.clock.advance(0);
            await sleep(20);
            await d.journal.idle();
          }
          assert.equal(tail.journal.clock.pending, 0);
          same(renamed(await tail.world(USERS)), renamed(await full.world(USERS)));
          const next = prng(seed + 100);
          const again = prng(seed + 100);
          for (let n = 1000; n < 1030; n++) {
            now += 1000;
            await step(next, tail, n);
            await step(again, full, n);
          }
          same(renamed(await tail.world(USERS)), renamed(await full.world(USERS)));
        } finally {
          Date.now = realNow;
        }
      } finally {
        await tail.journal.close();
        await full.journal.close();
      }
    });
  }

  it('a restart after a clean stop replays 0 entries; the journal table is empty and one snapshot is kept', async () => {
    const dir = await folder();
    const first = driver(await Journal.open({ store: await kind.open(dir), policy }));
    for (const call of CAST) await first.journal.host(call);
    const conversation = await first.run<'start'>('c1', { type: 'start', with: 't1' });
    await first.run('c1', { type: 'send', conversationId: conversation.id, message: { id: 'm-1', kind: 'text', text: 'hello' } });
    const [offer] = (await first.run<'hello'>('a1', { type: 'hello' }) as Snapshot).offers;
    assert.ok(offer);
    const before = await first.world(USERS);
    await first.journal.close();

    assert.equal((await kind.sql<{ n: number }>(dir, 'SELECT count(*) AS n FROM journal'))[0].n, 0);
    assert.equal((await kind.sql<{ n: number }>(dir, 'SELECT count(*) AS n FROM snapshots'))[0].n, 1);
    // The snapshot holds the chats' facts, not their messages: a tail is its length, read back from the store.
    const [{ state }] = await kind.sql<{ state: Buffer }>(dir, 'SELECT state FROM snapshots');
    const saved = deserialize(state) as { engine: EngineState };
    assert.deepEqual([...saved.engine.conversations.values()].map((chat) => chat.tail), [1], 'a tail is its length');
    assert.equal(saved.engine.tailsInStore, true);

    const second = driver(await Journal.open({ store: await kind.open(dir), policy }));
    assert.equal(second.journal.replayed, 0);
    assert.ok(second.journal.restored);
    assert.equal(second.journal.divergences, 0);
    assert.deepEqual(await second.world(USERS), before);
    // The countdown came back with its number: it still settles the offer when claimed.
    const claimed = await second.run<'claim'>('a1', { type: 'claim', offerId: offer.id });
    assert.equal(claimed.ownerId, 'a1');
    await second.journal.close();
  });

  it('a stop without close (SIGKILL) replays only the entries after the latest snapshot', async () => {
    const dir = await folder();
    const first = driver(await Journal.open({ store: await kind.open(dir), policy, snapshotEvery: 10 }));
    for (const call of CAST) await first.journal.host(call);
    const conversation = await first.run<'start'>('c1', { type: 'start', with: 'p1' });
    for (let n = 0; n < 23; n++) await first.run('c1', { type: 'send', conversationId: conversation.id, message: { id: `m-${n}`, kind: 'text', text: `m ${n}` } });
    const before = await first.world(USERS);
    const tail = (await first.journal.store.load()).entries.length;
    await kill(first.journal);

    const second = driver(await Journal.open({ store: await kind.open(dir), policy }));
    assert.ok(second.journal.restored);
    assert.equal(second.journal.replayed, tail);
    assert.ok(tail > 0 && tail < 10, `${tail} entries after the snapshot`);
    assert.equal(second.journal.divergences, 0);
    assert.deepEqual(await second.world(USERS), before);
    assert.equal((await second.history('c1', conversation.id)).length, 24, '23 sends and the notice that nobody was there to be offered the chat');
    await second.journal.close();
  });
});

describe('A policy change keeps the data', () => {
  const strict = (): Policy => {
    const policy = presets.paidChat();
    policy.messages.maxTextLength = 10;
    return policy;
  };

  it('starting with another policy journals the change: every message stays, the new rule applies to the next send, and it survives restarts', async () => {
    const { createServer } = await import('../server/src/index.ts');
    const dir = await folder();
    const first = await createServer({ secret: 'x'.repeat(32), ...kind.server(dir), port: 0, policy: presets.paidChat() });
    for (const call of CAST) await first.host(call);
    const d1 = driver(first.journal);
    const conversation = await d1.run<'start'>('c1', { type: 'start', with: 'p1' });
    await d1.run('c1', { type: 'send', conversationId: conversation.id, message: { id: 'm-1', kind: 'text', text: 'a long first message' } });
    await d1.run('p1', { type: 'send', conversationId: conversation.id, message: { id: 'm-2', kind: 'text', text: 'a long answer here' } });
    const history = await d1.history('c1', conversation.id);
    await first.close();

    const second = await createServer({ secret: 'x'.repeat(32), ...kind.server(dir), port: 0, policy: strict() });
    const d2 = driver(second.journal);
    assert.deepEqual(await d2.history('c1', conversation.id), history, 'every message stays');
    assert.equal(second.engine.policy.messages.maxTextLength, 10);
    const { entries } = await second.journal.store.load();
    assert.deepEqual(entries.map((e) => e.kind), ['policy'], 'the change is journaled');
    await assert.rejects(d2.run('c1', { type: 'send', conversationId: conversation.id, message: { id: 'm-3', kind: 'text', text: 'too long for the new rule' } }), { code: 'too-long' });
    await d2.run('c1', { type: 'send', conversationId: conversation.id, message: { id: 'm-4', kind: 'text', text: 'short' } });
    assert.equal(((await d2.run<'hello'>('c1', { type: 'hello' })) as Snapshot).policy.messages.maxTextLength, 10, 'clients are told the new rules');
    // Killed before any snapshot: the replay applies the journaled change at its place.
    await kill(second.journal);
    await second.close().catch(() => {});

    const third = await createServer({ secret: 'x'.repeat(32), ...kind.server(dir), port: 0 });
    assert.equal(third.journal.divergences, 0);
    assert.equal(third.engine.policy.messages.maxTextLength, 10, 'without a policy the data keeps its own');
    assert.deepEqual((await driver(third.journal).history('c1', conversation.id)).length, 3);
    await third.close();
  });
});
});

describe('Engine state: export and restore', () => {
  it('is structured-cloneable, names only the desks loaded, and a restored engine on a restored clock times out the same offer', async () => {
    const clock = new TestClock(1_000);
    let made = 0;
    const engine = new ChatEngine({ policy: presets.teamInbox(), clock, createId: (prefix) => `${prefix}_${++made}` });
    for (const call of CAST) (engine[call.name] as (...args: unknown[]) => unknown)(...call.args);
    const conversation = await engine.execute<'start'>('c1', { type: 'start', with: 't1' });
    await engine.execute('c1', { type: 'send', conversationId: conversation.id, message: { id: 'm-1', kind: 'text', text: 'hi' } });
    const state = await engine.exportState();
    assert.deepEqual(structuredClone(state), state);
    assert.deepEqual(Object.keys(state.desks).sort(), ['routing'], 'the desks not loaded export nothing');

    const restoredClock = new TestClock();
    restoredClock.restoreState(clock.exportState());
    let remade = made;
    const restored = new ChatEngine({ policy: presets.paidChat(), clock: restoredClock, createId: (prefix) => `${prefix}_${++remade}` });
    await restored.restoreState(structuredClone(state));
    assert.equal(restored.policy.routing.enabled, true, 'the policy is part of the state');
    await assert.rejects(restored.restoreState(state), { code: 'invalid' }, 'only a fresh engine restores');
    for (const [e, c] of [[engine, clock], [restored, restoredClock]] as const) c.advance(policyWindow(e));
    const views = await Promise.all([engine, restored].map(async (e) => (await e.execute<'hello'>('a1', { type: 'hello' })).conversations));
    assert.equal(views[0][0].queued, true, 'the offer was missed');
    assert.deepEqual(views[1], views[0]);
    const histories = await Promise.all([engine, restored].map((e) => e.execute('c1', { type: 'history', conversationId: conversation.id })));
    assert.deepEqual(histories[1], histories[0]);
  });
});

const policyWindow = (engine: ChatEngine) => engine.policy.routing.claimWindowMs;

/** A manual clock whose countdowns can be exported and bound again after a restore (as the server's journal clock does). */
class TestClock implements RestorableClock {
  #next = 1;
  readonly #timers = new Map<number, { dueAt: number; callback: () => void }>();
  constructor(private current = 0) {}
  now() { return this.current; }
  setTimeout(callback: () => void, ms: number) { this.#timers.set(this.#next, { dueAt: this.current + ms, callback }); return this.#next++; }
  clearTimeout(id: number) { this.#timers.delete(id); }
  resume(id: number, callback: () => void) { const timer = this.#timers.get(id); if (timer) timer.callback = callback; }
  exportState(): ClockState { return { now: this.current, next: this.#next, timers: [...this.#timers].map(([id, t]) => [id, t.dueAt]) }; }
  restoreState(state: ClockState) {
    this.current = state.now;
    this.#next = state.next;
    for (const [id, dueAt] of state.timers) this.#timers.set(id, { dueAt, callback: () => {} });
  }
  advance(ms: number) {
    const target = this.current + ms;
    for (;;) {
      const due = [...this.#timers].filter(([, t]) => t.dueAt <= target).sort((a, b) => a[1].dueAt - b[1].dueAt || a[0] - b[0])[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.current = due[1].dueAt;
      due[1].callback();
    }
    this.current = target;
  }
}
