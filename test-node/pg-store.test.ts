import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { JournalEntry, Message } from '../src/index.ts';
import { DatabaseLockedError, PgStore } from '../server/src/index.ts';
import { postgresAvailable, startPostgres, type ThrowawayPostgres } from './postgres.ts';

// What only the PostgreSQL store has to get right (the contract both stores share is tested by the
// server suites, which run on both): batches that overlap on the connection, and the lock.

let cluster: Promise<ThrowawayPostgres> | undefined;
const database = async () => (await (cluster ??= startPostgres())).database();
after(async () => (await cluster)?.stop());

const message = (conversationId: string, seq: number, id: string): Message =>
  ({ id, conversationId, seq, authorId: 'c1', at: 1_000 + seq, kind: 'text', text: id }) as Message;
const entry = (n: number): JournalEntry => ({ kind: 'host', at: n, ids: [], call: { name: 'upsertUser', args: [{ id: `u${n}`, role: 'customer' }] } });

describe('PgStore', { skip: postgresAvailable() ? undefined : 'PostgreSQL is not installed' }, () => {
  it('a batch begun while the last one commits is a transaction of its own: killed before its flush, none of it is kept', async () => {
    const url = await database();
    const store = await PgStore.open(url);
    await store.begin();
    await store.commit([{ type: 'message', message: message('a', 1, 'm-1') }]);
    store.append(entry(1));
    // The journal begins the next batch as soon as flush returns, without waiting for the commit.
    const durable = store.flush();
    await store.begin();
    await store.commit([{ type: 'message', message: message('a', 2, 'm-2') }]);
    store.append(entry(2));
    await durable;
    // Reads in the open batch see its writes.
    assert.deepEqual((await store.messages('a', {})).map((m) => m.id), ['m-1', 'm-2']);
    // A stop without flush (a SIGKILL): the open batch is lost whole.
    await store.close();

    const again = await PgStore.open(url);
    assert.deepEqual((await again.messages('a', {})).map((m) => m.id), ['m-1']);
    assert.equal(await again.messageById('m-2'), undefined);
    assert.deepEqual((await again.load()).entries, [entry(1)]);
    await again.close();
  });

  it('a duplicate refuses the commit and leaves the batch usable', async () => {
    const store = await PgStore.open(await database());
    await store.begin();
    await store.commit([{ type: 'message', message: message('a', 1, 'm-1') }]);
    await assert.rejects(store.commit([{ type: 'message', message: message('a', 2, 'm-1') }]), /already stored/);
    await store.commit([{ type: 'message', message: message('a', 2, 'm-2') }]);
    await store.flush();
    assert.deepEqual((await store.messages('a', {})).map((m) => m.seq), [1, 2]);
    await store.close();
  });

  it('one server per database: a second open is refused with a typed error until the first closes', async () => {
    const url = await database();
    const first = await PgStore.open(url);
    await assert.rejects(PgStore.open(url), (error: unknown) => error instanceof DatabaseLockedError && error.code === 'data-locked' && /in use by another server/.test(error.message));
    await first.close();
    await (await PgStore.open(url)).close();
  });

  it('snapshots compact the journal; positions keep growing after it is emptied', async () => {
    const url = await database();
    const store = await PgStore.open(url);
    await store.begin();
    store.append(entry(1));
    store.append(entry(2));
    await store.snapshot({ at: 2 });
    await store.flush();
    await store.close();
    const again = await PgStore.open(url);
    assert.deepEqual(await again.load(), { snapshot: { at: 2 }, entries: [] });
    await again.begin();
    again.append(entry(3));
    await again.flush();
    assert.deepEqual(await again.load(), { snapshot: { at: 2 }, entries: [entry(3)] });
    await again.close();
  });

  it('replay checks asked together go in one query and answer each: stored where the replay made it, or not', async () => {
    const store = await PgStore.open(await database());
    await store.begin();
    await store.commit([{ type: 'message', message: message('a', 1, 'm-1') }, { type: 'message', message: message('a', 2, 'm-2') }]);
    await store.flush();
    const answers = await Promise.all([store.hasMessage('a', 1, 'm-1'), store.hasMessage('a', 2, 'm-1'), store.hasMessage('a', 2, 'm-2'), store.hasMessage('b', 1, 'm-1')]);
    assert.deepEqual(answers, [true, false, true, false]);
    await store.close();
  });

  it('the tail reads of a restore, read ahead at load for every chat, answer as the table does', async () => {
    const url = await database();
    const store = await PgStore.open(url);
    await store.begin();
    await store.commit(Array.from({ length: 70 }, (_, i) => ({ type: 'message' as const, message: message('a', i + 1, `a-${i + 1}`) })));
    await store.commit(Array.from({ length: 3 }, (_, i) => ({ type: 'message' as const, message: message('b', i + 1, `b-${i + 1}`) })));
    // A snapshot that knows 'a' up to seq 60 and leaves the tails to the store.
    await store.snapshot({ engine: { tailsInStore: true, conversations: new Map([['a', { id: 'a', lastSeq: 60 }], ['b', { id: 'b', lastSeq: 3 }]]) } });
    await store.flush();
    await store.close();

    const again = await PgStore.open(url);
    await again.load();
    const ranges = [
      ['a', { beforeSeq: 61, limit: 50 }], ['a', { beforeSeq: 5, limit: 50 }], ['a', { beforeSeq: 71, limit: 5 }],
      ['a', { beforeSeq: 30, limit: 3 }], ['b', { beforeSeq: 4, limit: 50 }], ['c', { beforeSeq: 2, limit: 50 }],
    ] as const;
    const early = [];
    for (const [chat, range] of ranges) early.push((await again.messages(chat, range)).map((m) => m.seq));
    // The first batch drops what was read ahead: from then on every read goes to the table.
    await again.begin();
    const table = [];
    for (const [chat, range] of ranges) table.push((await again.messages(chat, range)).map((m) => m.seq));
    await again.flush();
    assert.deepEqual(early, table);
    assert.deepEqual(table[0], Array.from({ length: 50 }, (_, i) => i + 11));
    await again.close();
  });
});
