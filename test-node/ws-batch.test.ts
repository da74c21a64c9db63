import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { safeParse } from '../src/protocol/frames.ts';
import { Journal, type Outcome } from '../server/src/journal.ts';
import { MemoryDurableStore } from '../server/src/memory-store.ts';
import type { ServerStore } from '../server/src/store.ts';
import { stopStores, storeKinds } from './stores.ts';

/** The memory store, counting its batches (one disk sync each on SQLite). */
class CountingStore extends MemoryDurableStore {
  flushes = 0;
  override flush(): void {
    this.flushes++;
    super.flush();
  }
}

/** A store whose syncs finish when the test says (or fail). */
class GatedStore extends MemoryDurableStore {
  readonly syncs: { resolve: () => void; reject: (error: Error) => void }[] = [];
  gated = false;
  override flush(): void | Promise<void> {
    super.flush();
    if (!this.gated) return;
    return new Promise<void>((resolve, reject) => this.syncs.push({ resolve, reject }));
  }
}

async function setup<S extends ServerStore = CountingStore>(store: S = new CountingStore() as unknown as S, onFatal?: (error: unknown) => void) {
  const journal = await Journal.open({ store, onFatal });
  for (const id of ['c1', 'p1']) await journal.host({ name: 'upsertUser', args: [{ id, role: id === 'c1' ? 'customer' : 'provider' }] });
  const conversation = await new Promise<{ id: string }>((resolve, reject) =>
    journal.command('c1', { type: 'start', with: 'p1' }, (o: Outcome) => (o.ok ? resolve(o.value as { id: string }) : reject(o.error))));
  // The first message loads the rules that follow a message: done here, so the jobs below only run.
  await new Promise((resolve) => journal.command('c1', { type: 'send', conversationId: conversation.id, message: { id: 'warm', kind: 'text', text: 'hi' } }, resolve));
  return { store, journal, conversationId: conversation.id };
}

describe('the journal loop: a batch of jobs, one disk sync', () => {
  it('jobs that arrived together run back to back in one batch: nothing else gets a turn of the event loop between two of them', async () => {
    const { store, journal, conversationId } = await setup();
    const before = store.flushes;
    const done: string[] = [];
    // The engine emits a message's event as its job runs (the frame leaves only after the batch's sync).
    let ran = 0;
    journal.engine.connect('p1', (event) => { if (event.type === 'message') ran++; });
    for (let i = 0; i < 20; i++) {
      journal.command('c1', { type: 'send', conversationId, message: { id: `m${i}`, kind: 'text', text: `hello ${i}` } }, (o) => {
        assert.ok(o.ok);
        done.push(`m${i}`);
      });
    }
    // Whatever the event loop runs next (a socket's frame, a timer) sees the batch whole or not at all.
    const seenBetween: number[] = [];
    setImmediate(() => seenBetween.push(ran));
    setTimeout(() => seenBetween.push(ran), 0);
    await journal.idle();
    assert.deepEqual(done, Array.from({ length: 20 }, (_, i) => `m${i}`));
    assert.equal(store.flushes - before, 1, 'one batch, one flush');
    for (const seen of seenBetween) assert.ok(seen === 0 || seen === 20, `a turn of the event loop ran between two jobs of a batch (${seen} of 20 done)`);
    await journal.close();
  });

  it('frames that reach the sockets while a batch runs join the next batch together (one sync for them, not one each)', async () => {
    const { store, journal, conversationId } = await setup();
    const before = store.flushes;
    let sent = 0;
    const send = () => journal.command('c1', { type: 'send', conversationId, message: { id: `n${++sent}`, kind: 'text', text: 'hi' } }, () => {});
    // Ten sockets' frames, each in its own I/O callback (as ws delivers them), all ready at once.
    await new Promise<void>((resolve) => {
      for (let i = 0; i < 10; i++) setImmediate(send);
      setImmediate(resolve);
    });
    await journal.idle();
    assert.equal(sent, 10);
    assert.equal(store.flushes - before, 1, `ten ready frames took ${store.flushes - before} disk syncs`);
    await journal.close();
  });
});

describe('the journal loop with a store that syncs off the event loop', () => {
  const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

  it('the next batch runs while the last one syncs and commits when that sync ends; frames leave in order, each once its own sync is done', async () => {
    const store = new GatedStore();
    const { journal, conversationId } = await setup(store);
    store.gated = true;
    let ran = 0;
    journal.engine.connect('p1', (event) => { if (event.type === 'message') ran++; });
    const done: string[] = [];
    const send = (id: string) => journal.command('c1', { type: 'send', conversationId, message: { id, kind: 'text', text: id } }, (o) => {
      assert.ok(o.ok);
      done.push(id);
    });
    const frames: string[] = [];
    send('a');
    await tick();
    assert.equal(ran, 1);
    assert.equal(store.syncs.length, 1, 'batch 1 committed, its sync running');
    send('b');
    await tick();
    send('c');
    await tick();
    assert.equal(ran, 3, 'b and c ran while batch 1 was syncing');
    assert.equal(store.syncs.length, 1, 'their batch stays open (uncommitted) while batch 1 syncs');
    // A frame written meanwhile waits behind the frames still waiting for a sync.
    journal.later(() => frames.push('outside'));
    assert.deepEqual(done, []);
    store.syncs[0].resolve();
    await tick();
    assert.deepEqual(done, ['a']);
    assert.equal(store.syncs.length, 2, 'b and c committed together once batch 1 was on disk');
    assert.deepEqual(frames, []);
    store.syncs[1].resolve();
    await journal.idle();
    assert.deepEqual(done, ['a', 'b', 'c']);
    assert.deepEqual(frames, ['outside']);
    // The clean stop's snapshot syncs at once.
    store.gated = false;
    await journal.close();
  });

  it('a sync that fails refuses every job not yet acknowledged, sends nothing of them, and stops the journal once', async () => {
    const store = new GatedStore();
    const fatal: unknown[] = [];
    const { journal, conversationId } = await setup(store, (error) => fatal.push(error));
    store.gated = true;
    const outcomes: string[] = [];
    const send = (id: string) => journal.command('c1', { type: 'send', conversationId, message: { id, kind: 'text', text: id } }, (o) => outcomes.push(`${id}:${o.ok}`));
    send('a');
    await tick();
    send('b');
    await tick();
    assert.equal(store.syncs.length, 1);
    store.syncs[0].reject(new Error('disk full'));
    await journal.idle();
    assert.deepEqual(outcomes.sort(), ['a:false', 'b:false']);
    assert.equal(fatal.length, 1);
    send('c');
    assert.deepEqual(outcomes.sort(), ['a:false', 'b:false', 'c:false']);
    await assert.rejects(journal.close(), /disk full/);
  });
});

describe('safeParse: no key can reach a prototype, and ordinary frames take the fast path', () => {
  it('drops __proto__, constructor and prototype keys, spelled plainly or through \\u escapes, at any depth', () => {
    const parsed = safeParse('{"a":{"__proto__":{"polluted":1},"b":[{"constructor":{"prototype":{"x":1}}}]},"\\u005f_proto__":{"y":1},"c\\u006fnstructor":2}') as Record<string, any>;
    assert.equal(Object.hasOwn(parsed.a, '__proto__'), false);
    assert.equal(Object.hasOwn(parsed.a.b[0], 'constructor'), false);
    assert.equal(Object.hasOwn(parsed, '__proto__'), false);
    assert.equal(Object.hasOwn(parsed, 'constructor'), false);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('keeps every other key and value, escapes included', () => {
    const text = JSON.stringify({ v: 1, id: 'r1', cmd: { type: 'send', message: { id: 'm1', kind: 'text', text: 'é \u2028 "quoted" \\ back' } } });
    assert.deepEqual(safeParse(text), JSON.parse(text));
    assert.deepEqual(safeParse('{"text":"a\\u0041b"}'), { text: 'aAb' });
  });
});

// The batching that holds on every durable store: a batch is one transaction and one disk sync
// (SQLite's WAL sync, PostgreSQL's COMMIT), whatever the store's reads and writes cost on the way.
const kinds = storeKinds();
after(() => stopStores(kinds));
for (const kind of kinds) describe(`the journal loop on ${kind.name}: one sync per batch`, { skip: kind.skip }, () => {
  it('jobs that arrive together, and frames that arrive while a batch commits, take one sync each batch, not one each', async () => {
    const store = await kind.open(await kind.place());
    let flushes = 0;
    const flush = store.flush.bind(store);
    store.flush = () => (flushes++, flush());
    const { journal, conversationId } = await setup(store);
    const before = flushes;
    const done: string[] = [];
    for (let i = 0; i < 20; i++) journal.command('c1', { type: 'send', conversationId, message: { id: `m${i}`, kind: 'text', text: `hello ${i}` } }, (o) => (assert.ok(o.ok), done.push(`m${i}`)));
    await journal.idle();
    assert.deepEqual(done, Array.from({ length: 20 }, (_, i) => `m${i}`));
    assert.equal(flushes - before, 1, 'twenty jobs that arrived together: one batch');
    // Sent one by one while the previous commit is on its way: they gather in the next batch.
    const many = 200;
    const acked: number[] = [];
    for (let i = 0; i < many; i++) setImmediate(() => journal.command('c1', { type: 'send', conversationId, message: { id: `k${i}`, kind: 'text', text: `${i}` } }, (o) => (assert.ok(o.ok), acked.push(i))));
    await new Promise((resolve) => setImmediate(resolve));
    await journal.idle();
    assert.deepEqual(acked, Array.from({ length: many }, (_, i) => i), 'acknowledged in order');
    assert.ok(flushes - before - 1 < many / 4, `${many} frames took ${flushes - before - 1} syncs`);
    await journal.close();
  });
});
