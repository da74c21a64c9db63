import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryNotifier, MemoryPayments, presets, type Command, type CommandResults, type CommandType, type HistoryAdapter, type Message, type Policy, type Snapshot } from '../src/index.ts';
import { Journal } from '../server/src/index.ts';
import { stopStores, storeKinds, type StoreKind } from './stores.ts';

const kinds = storeKinds();
after(() => stopStores(kinds));

/** A host's history adapter that counts what it is asked. */
function countingHistory() {
  const asked: string[] = [];
  const history: HistoryAdapter = {
    engagementHistory: (customerId) => (asked.push(`engagement:${customerId}`), [{ order: 'o-1' }]),
    context: (customerId) => (asked.push(`context:${customerId}`), { query: 'boots', history: [] }),
  };
  return { history, asked };
}

for (const kind of kinds) describe(`The journal on ${kind.name}`, { skip: kind.skip }, () => suite(kind));

function suite(kind: StoreKind) {
const folder = () => kind.place();

async function open(dataDir: string, policy: Policy = presets.paidChat(), adapter?: HistoryAdapter) {
  const payments = new MemoryPayments();
  const notifier = new MemoryNotifier();
  const journal = await Journal.open({ store: await kind.open(dataDir), policy, payments, notifier, history: adapter });
  const run = <T extends CommandType>(userId: string, command: Extract<Command, { type: T }>) =>
    new Promise<CommandResults[T]>((resolve, reject) => journal.command(userId, command, (o) => (o.ok ? resolve(o.value as CommandResults[T]) : reject(o.error))));
  const send = (userId: string, conversationId: string, id: string, text = id) =>
    run<'send'>(userId, { type: 'send', conversationId, message: { id, kind: 'text', text } });
  const history = async (userId: string, conversationId: string) => (await run<'history'>(userId, { type: 'history', conversationId, limit: 500 })).map((m: Message) => `${m.seq}:${m.id}`);
  return { journal, payments, notifier, run, send, history };
}

/** A stop with no `close()` (a SIGKILL): nothing more reaches the store, no snapshot is written. */
const kill = async (journal: Journal) => {
  journal.clock.stop();
  journal.engine.dispose();
  // Only lets go of the file (a running disk sync ends first); writes nothing.
  await journal.store.close();
};

const cast = async (journal: Journal) => {
  await journal.host({ name: 'upsertUser', args: [{ id: 'c1', role: 'customer', name: 'Cam' }] });
  await journal.host({ name: 'upsertUser', args: [{ id: 'c2', role: 'customer' }] });
  await journal.host({ name: 'upsertUser', args: [{ id: 'p1', role: 'provider', name: 'Ivy' }] });
};

describe('Restart: the journal restores the engine', () => {
  it('messages, their seq and the conversation ids come back after a restart, with nothing charged or alerted again', async () => {
    const dir = await folder();
    const first = await open(dir);
    await cast(first.journal);
    const conversation = await first.run<'start'>('c1', { type: 'start', with: 'p1' });
    await first.send('c1', conversation.id, 'm-1');
    await first.send('p1', conversation.id, 'm-2'); // a volley: the provider's first reply
    await first.send('c1', conversation.id, 'm-3');
    const before = await first.history('c1', conversation.id);
    assert.equal(first.payments.charges.filter((c) => c.reason === 'volley').length, 1);
    const alerts = first.notifier.sent.length;
    assert.ok(alerts > 0);
    await first.journal.close();

    const second = await open(dir);
    assert.equal(second.journal.divergences, 0);
    assert.ok(second.journal.restored, 'a clean stop left a snapshot');
    assert.equal(second.journal.replayed, 0);
    assert.deepEqual(await second.history('c1', conversation.id), before);
    const snapshot = await second.run<'hello'>('p1', { type: 'hello' }) as Snapshot;
    assert.deepEqual(snapshot.conversations.map((c) => c.id), [conversation.id]);
    assert.equal(snapshot.messages[conversation.id].find((m) => m.id === 'm-2')?.volley, true);
    assert.deepEqual(second.payments.charges, [], 'the volley is not paid again');
    assert.deepEqual(second.notifier.sent, [], 'nobody is alerted again');
    await second.journal.close();
  });

  it('a client id sent again after a restart returns the stored message and stores nothing new (the dedupe record lives with the message)', async () => {
    const dir = await folder();
    const first = await open(dir);
    await cast(first.journal);
    const conversation = await first.run<'start'>('c1', { type: 'start', with: 'p1' });
    const stored = await first.send('c1', conversation.id, 'm-1', 'hello');
    await first.journal.close();

    const second = await open(dir);
    const again = await second.send('c1', conversation.id, 'm-1', 'hello');
    assert.deepEqual(again, stored);
    assert.deepEqual(await second.history('c1', conversation.id), ['1:m-1']);
    await assert.rejects(second.send('c2', conversation.id, 'm-1'), { code: 'not-found' });
    await second.journal.close();
    assert.equal((await kind.sql<{ n: number }>(dir, 'SELECT count(*) AS n FROM messages'))[0].n, 1);
  });

  it('closes, reads and blocks survive a restart', async () => {
    const dir = await folder();
    const first = await open(dir);
    await cast(first.journal);
    const conversation = await first.run<'start'>('c1', { type: 'start', with: 'p1' });
    await first.send('c1', conversation.id, 'm-1');
    await first.run<'close'>('p1', { type: 'close', conversationId: conversation.id });
    await first.run<'mark-read'>('c1', { type: 'mark-read', conversationId: conversation.id });
    await first.run<'block'>('c1', { type: 'block', userId: 'p1' });
    await first.journal.close();

    const second = await open(dir);
    const provider = await second.run<'hello'>('p1', { type: 'hello' }) as Snapshot;
    assert.equal(provider.conversations[0].closed, true);
    const customer = await second.run<'hello'>('c1', { type: 'hello' }) as Snapshot;
    assert.deepEqual(customer.blocked, ['p1']);
    assert.equal(customer.conversations[0].unread, false);
    await assert.rejects(second.send('c1', conversation.id, 'm-2'), { code: 'blocked' });
    await second.journal.close();
  });

  it('reads leave nothing in the journal; refused commands neither', async () => {
    const dir = await folder();
    const first = await open(dir);
    await cast(first.journal);
    await first.run<'hello'>('c1', { type: 'hello' });
    await assert.rejects(first.run<'start'>('c1', { type: 'start', with: 'nobody' }), { code: 'not-found' });
    const { entries } = await first.journal.store.load();
    assert.deepEqual(entries.map((e) => e.kind), ['host', 'host', 'host']);
    await first.journal.close();
  });

  it('settings, customer-context and engagement-history only read: none of them is journaled', async () => {
    const dir = await folder();
    const { history, asked } = countingHistory();
    const first = await open(dir, presets.paidChat(), history);
    await cast(first.journal);
    const conversation = await first.run<'start'>('c1', { type: 'start', with: 'p1' });
    await first.send('c1', conversation.id, 'm-1');
    const before = (await first.journal.store.load()).entries.length;
    await first.run<'settings'>('p1', { type: 'settings' });
    assert.equal((await first.run<'customer-context'>('p1', { type: 'customer-context', conversationId: conversation.id })).query, 'boots');
    await first.run<'engagement-history'>('p1', { type: 'engagement-history', customerId: 'c1' });
    assert.deepEqual(asked, ['context:c1', 'engagement:c1'], 'live, the host is asked');
    const { entries } = await first.journal.store.load();
    assert.deepEqual(entries.slice(before).map((e) => (e.kind === 'command' ? e.command.type : e.kind)), [], 'nothing was journaled');
    await first.journal.close();
  });

  it('a restart asks the host\'s history adapter nothing, even for a read an older server journaled', async () => {
    const dir = await folder();
    const first = await open(dir);
    await cast(first.journal);
    const conversation = await first.run<'start'>('c1', { type: 'start', with: 'p1' });
    await first.send('c1', conversation.id, 'm-1');
    await first.journal.close();
    // Data written before reads were left out: a customer-context and an engagement-history in the journal.
    const at = Date.now();
    for (const command of [{ type: 'customer-context', conversationId: conversation.id }, { type: 'engagement-history', customerId: 'c1' }]) {
      // The next position: after the last entry, or after the snapshot that covers every one so far.
      await kind.sql(dir, `INSERT INTO journal (n, entry) VALUES ((SELECT coalesce(max(p), 0) + 1 FROM
        (SELECT max(n) AS p FROM journal UNION ALL SELECT max(position) AS p FROM snapshots) AS t), ?)`,
      JSON.stringify({ kind: 'command', userId: 'p1', command, at, ids: [] }));
    }

    const { history, asked } = countingHistory();
    const second = await open(dir, presets.paidChat(), history);
    assert.equal(second.journal.divergences, 0);
    assert.deepEqual(asked, [], 'replay is muted');
    await second.run<'customer-context'>('p1', { type: 'customer-context', conversationId: conversation.id });
    assert.deepEqual(asked, ['context:c1'], 'live again after the replay');
    await second.journal.close();
  });

});

describe('T2, T4 after a restart: countdowns keep their deadlines', () => {
  const policy = presets.teamInbox();
  const team = async (journal: Journal) => {
    await journal.host({ name: 'upsertUser', args: [{ id: 'c1', role: 'customer' }] });
    await journal.host({ name: 'upsertUser', args: [{ id: 'owner', role: 'provider', teamId: 't1' }] });
    await journal.host({ name: 'upsertUser', args: [{ id: 'a1', role: 'agent', teamId: 't1' }] });
  };

  it('an open offer comes back with the same id and deadline', async () => {
    const dir = await folder();
    const first = await open(dir, policy);
    await team(first.journal);
    const conversation = await first.run<'start'>('c1', { type: 'start', with: 't1' });
    await first.send('c1', conversation.id, 'm-1');
    const [offer] = (await first.run<'hello'>('a1', { type: 'hello' }) as Snapshot).offers;
    assert.ok(offer);
    await first.journal.close();

    const second = await open(dir, policy);
    assert.deepEqual((await second.run<'hello'>('a1', { type: 'hello' }) as Snapshot).offers, [offer]);
    const claimed = await second.run<'claim'>('a1', { type: 'claim', offerId: offer.id });
    assert.equal(claimed.ownerId, 'a1');
    await second.journal.close();
  });

  it('an offer whose deadline passed while the server was down is settled as missed at start', async () => {
    const dir = await folder();
    const first = await open(dir, policy);
    await team(first.journal);
    const conversation = await first.run<'start'>('c1', { type: 'start', with: 't1' });
    await first.send('c1', conversation.id, 'm-1');
    await kill(first.journal);
    // The server was down for a minute: every journaled time moves a minute into the past.
    for (const row of await kind.sql<{ n: number; entry: string }>(dir, 'SELECT n, entry FROM journal')) {
      const entry = JSON.parse(row.entry);
      entry.at -= 60_000;
      await kind.sql(dir, 'UPDATE journal SET entry = ? WHERE n = ?', JSON.stringify(entry), row.n);
    }

    const second = await open(dir, policy);
    for (let i = 0; i < 100 && (await second.history('c1', conversation.id)).length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    const history = await second.history('c1', conversation.id);
    assert.equal(history.length, 2, 'the missed-chat notice follows the message');
    const snapshot = await second.run<'hello'>('a1', { type: 'hello' }) as Snapshot;
    assert.deepEqual(snapshot.offers, []);
    assert.equal(snapshot.conversations[0].queued, true);
    const { entries } = await second.journal.store.load();
    assert.equal(entries.at(-1)?.kind, 'timer', 'the settlement is journaled like any input');
    await second.journal.close();

    const third = await open(dir, policy);
    assert.equal(third.journal.divergences, 0);
    assert.deepEqual(await third.history('c1', conversation.id), history);
    await third.journal.close();
  });
});
}
