import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChatClient, ChatError, LocalTransport, type ChatState, type Message, type Snapshot, type Transport } from '../src/index.ts';
import { createPersistence, STORAGE_MEMORY_NOTICE, type BrowserPersistence, type PersistenceOptions } from '../src/persist/index.ts';
import { actor, flush, makeWorld, type World, until } from './fixtures.ts';

const USERS = [
  { id: 'c1', role: 'customer', name: 'Cal' },
  { id: 'p1', role: 'provider', name: 'Ivy' },
] as const;

let world: World;
/** Every persistence made in a test, closed afterwards so its databases can be deleted. */
let made: BrowserPersistence[] = [];
let clients: ChatClient[] = [];
let namespace = '';
let tests = 0;

beforeEach(() => {
  world = makeWorld({ users: [...USERS] });
  namespace = `persist-test-${++tests}`;
});

afterEach(async () => {
  clients.forEach((client) => client.disconnect());
  made.forEach((persistence) => persistence.close());
  clients = [];
  made = [];
  await flush();
  for (const { name } of await indexedDB.databases()) {
    if (name?.startsWith(namespace)) await new Promise((resolve, reject) => Object.assign(indexedDB.deleteDatabase(name), { onsuccess: resolve, onerror: reject }));
  }
});

/** A client of `userId` with persistence, as one browser tab: not connected yet. */
function tab(userId: string, options: { transport?: Transport; persistence?: PersistenceOptions } = {}) {
  // A forgetful transport is never taken offline: only LocalTransport's own is.
  const transport = (options.transport ?? new LocalTransport(world.engine, { userId })) as LocalTransport;
  const persistence = createPersistence({ namespace, ...options.persistence });
  const client = new ChatClient({ transport, clock: world.clock, persistence });
  made.push(persistence);
  clients.push(client);
  return { client, transport, persistence };
}

/** Closes a tab: what it held in memory is gone, what it stored stays. */
function closeTab({ client, persistence }: { client: ChatClient; persistence: BrowserPersistence }) {
  client.disconnect();
  persistence.close();
}

/**
 * An engine that was recreated from its message log: it knows the conversations and messages but
 * not who closed or read what, so every chat looks open and, past the user's own messages, unread.
 */
function forgetful(inner: LocalTransport, sent: string[] = []): Transport & { userId: string } {
  return {
    userId: inner.userId,
    connect: (onEvent) => inner.connect(onEvent),
    disconnect: () => inner.disconnect(),
    onStatus: (listener) => inner.onStatus(listener),
    async request(command) {
      sent.push(command.type);
      const result = await inner.request(command);
      if (command.type !== 'hello') return result;
      const snapshot = result as Snapshot;
      for (const conversation of snapshot.conversations) {
        conversation.closed = false;
        conversation.unread = (snapshot.messages[conversation.id] ?? []).some((m) => m.authorId !== snapshot.me.id);
      }
      return result;
    },
  };
}

const texts = (messages: readonly Message[] = []) => messages.map((m) => (m.kind === 'text' ? m.text : m.kind));
const pending = (state: ChatState, cid: string) => (state.messages[cid] ?? []).filter((m) => m.status === 'pending');

/** Cal wrote to Ivy; returns the conversation id. */
async function conversation(client: ChatClient): Promise<string> {
  const { id } = await client.startConversation({ with: 'p1' });
  await client.send(id, { kind: 'text', text: 'Hi Ivy' });
  return id;
}

describe('C5 drafts survive a reload', () => {
  it('the text and the files of a draft come back in a new tab of the same user', async () => {
    const first = tab('c1');
    await first.client.connect();
    const cid = await conversation(first.client);
    first.client.setDraft(cid, { text: 'half a thought', attachments: [new File(['%PDF-1.4 contract'], 'contract.pdf', { type: 'application/pdf' })] });
    await first.persistence.settled();
    closeTab(first);

    const second = tab('c1');
    await second.client.connect();
    const draft = second.client.state.drafts[cid];
    assert.equal(draft?.text, 'half a thought');
    assert.equal(draft.attachments.length, 1);
    // Node clones a File as a Blob (the browser test checks the name); the bytes survive either way.
    assert.equal(await draft.attachments[0].text(), '%PDF-1.4 contract');
  });

  it('a draft set to null is gone after a reload', async () => {
    const first = tab('c1');
    await first.client.connect();
    const cid = await conversation(first.client);
    first.client.setDraft(cid, { text: 'soon gone', attachments: [] });
    first.client.setDraft(cid, null);
    assert.equal(first.client.state.drafts[cid], undefined);
    await first.persistence.settled();
    closeTab(first);

    const second = tab('c1');
    await second.client.connect();
    assert.deepEqual(second.client.state.drafts, {});
  });

  it('with a transport that does not say its user, storage opens with the first snapshot and restores then', async () => {
    const first = tab('c1');
    await first.client.connect();
    const cid = await conversation(first.client);
    first.client.setDraft(cid, { text: 'found later', attachments: [] });
    await first.client.closeConversation(cid);
    await first.persistence.settled();
    closeTab(first);

    const { userId: _unknown, ...anonymous } = forgetful(new LocalTransport(world.engine, { userId: 'c1' }));
    const second = tab('c1', { transport: anonymous });
    await second.client.connect();
    await until(() => second.client.state.drafts[cid]?.text === 'found later', 'the draft is restored after the snapshot');
    assert.equal(second.client.state.conversations[cid].closed, true);
  });

  it('drafts are kept per user: another user of the same browser does not see them', async () => {
    const cal = tab('c1');
    await cal.client.connect();
    const cid = await conversation(cal.client);
    cal.client.setDraft(cid, { text: 'for Ivy', attachments: [] });
    await cal.persistence.settled();

    const ivy = tab('p1');
    await ivy.client.connect();
    assert.deepEqual(ivy.client.state.drafts, {});
  });
});

describe('LocalTransport can go offline (for demos and tests)', () => {
  it('while offline requests reject with unavailable and events are dropped; the change is reported', async () => {
    const transport = new LocalTransport(world.engine, { userId: 'c1' });
    const statuses: string[] = [];
    const events: string[] = [];
    transport.onStatus((status) => statuses.push(status));
    await transport.connect((event) => events.push(event.type));
    const { id } = await transport.request({ type: 'start', with: 'p1' });
    await actor(world.engine, 'c1').send(id, 'seen');
    await flush();
    const before = events.length;
    transport.setOnline(false);
    transport.setOnline(false);
    await assert.rejects(transport.request({ type: 'hello' }), (error: ChatError) => error.code === 'unavailable');
    await actor(world.engine, 'p1').send(id, 'missed');
    await flush();
    assert.equal(events.length, before);
    transport.setOnline(true);
    assert.deepEqual(statuses, ['offline', 'online']);
    assert.equal((await transport.request({ type: 'hello' })).me.id, 'c1');
    transport.disconnect();
  });
});

describe('Outbox: a message sent offline is kept and sent exactly once', () => {
  it('without persistence an unreachable engine fails the send, as before', async () => {
    const transport = new LocalTransport(world.engine, { userId: 'c1' });
    const client = new ChatClient({ transport, clock: world.clock });
    clients.push(client);
    await client.connect();
    const cid = await conversation(client);
    transport.setOnline(false);
    await assert.rejects(client.send(cid, { kind: 'text', text: 'lost' }), (error: ChatError) => error.code === 'unavailable');
    assert.equal(client.state.messages[cid].at(-1)!.status, 'failed');
  });

  it('with persistence the message stays pending (not failed) while the transport is offline', async () => {
    const { client, transport } = tab('c1');
    await client.connect();
    const cid = await conversation(client);
    transport.setOnline(false);
    await assert.rejects(client.send(cid, { kind: 'text', text: 'later' }), (error: ChatError) => error.code === 'unavailable');
    assert.deepEqual(texts(pending(client.state, cid)), ['later']);
    assert.equal(client.state.connection, 'closed');
    assert.deepEqual(texts(await actor(world.engine, 'p1').history(cid)), ['Hi Ivy']);
  });

  it('three messages sent offline show pending in a new tab before it connects, then go out once each, in order, with their ids', async () => {
    const first = tab('c1');
    await first.client.connect();
    const cid = await conversation(first.client);
    first.transport.setOnline(false);
    const sends = ['one', 'two', 'three'].map((text) => first.client.send(cid, { kind: 'text', text }));
    await Promise.allSettled(sends);
    const ids = pending(first.client.state, cid).map((m) => m.id);
    assert.equal(ids.length, 3);
    await first.persistence.settled();
    closeTab(first);

    const second = tab('c1');
    let pendingWhileConnecting = 0;
    second.client.subscribe((state) => state, (state) => {
      if (state.connection !== 'open') pendingWhileConnecting = Math.max(pendingWhileConnecting, pending(state, cid).length);
    });
    second.transport.setOnline(false);
    await assert.rejects(second.client.connect(), (error: ChatError) => error.code === 'unavailable');
    assert.equal(pendingWhileConnecting, 3);
    assert.deepEqual(pending(second.client.state, cid).map((m) => m.id), ids);
    assert.deepEqual(texts(await actor(world.engine, 'p1').history(cid)), ['Hi Ivy']);

    second.transport.setOnline(true);
    await until(() => second.client.state.connection === 'open' && pending(second.client.state, cid).length === 0, 'the outbox is sent');
    await second.persistence.flush();
    const history = await actor(world.engine, 'p1').history(cid);
    assert.deepEqual(texts(history), ['Hi Ivy', 'one', 'two', 'three']);
    assert.deepEqual(history.slice(1).map((m) => m.id), ids);
    assert.deepEqual(texts(second.client.state.messages[cid]), ['Hi Ivy', 'one', 'two', 'three']);
    assert.ok(second.client.state.messages[cid].every((m) => m.status === 'sent'));

    // Sent is sent: a third tab has nothing left to send.
    closeTab(second);
    const third = tab('c1');
    await third.client.connect();
    await third.persistence.flush();
    assert.deepEqual(texts(await actor(world.engine, 'p1').history(cid)), ['Hi Ivy', 'one', 'two', 'three']);
  });

  it('a message written right after the reconnect goes out after the outbox, not before it', async () => {
    const { client, transport } = tab('c1');
    await client.connect();
    const cid = await conversation(client);
    transport.setOnline(false);
    await client.send(cid, { kind: 'text', text: 'while offline' }).catch(() => {});
    transport.setOnline(true);
    // At once, before the reconnect's snapshot and outbox are through.
    const after = client.send(cid, { kind: 'text', text: 'right after' });
    assert.equal((await after).seq, 3);
    await until(() => pending(client.state, cid).length === 0, 'the outbox is sent');
    const history = await actor(world.engine, 'p1').history(cid);
    assert.deepEqual(texts(history), ['Hi Ivy', 'while offline', 'right after']);
    assert.deepEqual(texts(client.state.messages[cid]), ['Hi Ivy', 'while offline', 'right after']);
  });

  it('two tabs flushing the same outbox at once store each message once', async () => {
    const first = tab('c1');
    await first.client.connect();
    const cid = await conversation(first.client);
    first.transport.setOnline(false);
    await Promise.allSettled(['one', 'two'].map((text) => first.client.send(cid, { kind: 'text', text })));
    await first.persistence.settled();
    closeTab(first);

    const a = tab('c1');
    const b = tab('c1');
    a.transport.setOnline(false);
    b.transport.setOnline(false);
    await Promise.allSettled([a.client.connect(), b.client.connect()]);
    assert.equal(pending(a.client.state, cid).length, 2);
    assert.equal(pending(b.client.state, cid).length, 2);
    // No Web Locks in Node: both send; the client ids make the second send of each a no-op.
    a.transport.setOnline(true);
    b.transport.setOnline(true);
    await Promise.all([a.persistence.flush(), b.persistence.flush()]);
    await until(() => pending(a.client.state, cid).length === 0 && pending(b.client.state, cid).length === 0);
    assert.deepEqual(texts(await actor(world.engine, 'p1').history(cid)), ['Hi Ivy', 'one', 'two']);
    assert.deepEqual(texts(a.client.state.messages[cid]), ['Hi Ivy', 'one', 'two']);
    assert.deepEqual(texts(b.client.state.messages[cid]), ['Hi Ivy', 'one', 'two']);
  });

  it('a kept message the engine refuses leaves the outbox and shows failed with the reason', async () => {
    const first = tab('c1');
    await first.client.connect();
    const cid = await conversation(first.client);
    first.transport.setOnline(false);
    await Promise.allSettled([first.client.send(cid, { kind: 'text', text: 'after the block' })]);
    await first.persistence.settled();
    closeTab(first);
    await world.engine.execute('p1', { type: 'block', userId: 'c1' });

    const second = tab('c1');
    await second.client.connect();
    await second.persistence.flush();
    const [message] = second.client.state.messages[cid].filter((m) => m.seq === 0);
    assert.equal(message.status, 'failed');
    assert.equal(message.error?.code, 'blocked');
    assert.deepEqual(texts(await actor(world.engine, 'p1').history(cid)), ['Hi Ivy']);

    const third = tab('c1');
    await third.client.connect();
    assert.deepEqual(pending(third.client.state, cid), []);
  });
});

describe('P7 a closed chat stays closed until the other party writes', () => {
  it('stays closed in a new tab even when the engine forgot, and the engine is told again', async () => {
    const first = tab('c1');
    await first.client.connect();
    const cid = await conversation(first.client);
    await first.client.closeConversation(cid);
    await first.persistence.settled();
    closeTab(first);

    const sent: string[] = [];
    const second = tab('c1', { transport: forgetful(new LocalTransport(world.engine, { userId: 'c1' }), sent) });
    await second.client.connect();
    assert.equal(second.client.state.conversations[cid].closed, true);
    await until(() => sent.includes('close'), 'the close is sent to the engine again');
  });

  it('a newer message from the other party reopens it, and the close is forgotten for good', async () => {
    const first = tab('c1');
    await first.client.connect();
    const cid = await conversation(first.client);
    await first.client.closeConversation(cid);
    await first.persistence.settled();
    closeTab(first);

    const second = tab('c1');
    await second.client.connect();
    assert.equal(second.client.state.conversations[cid].closed, true);
    await actor(world.engine, 'p1').send(cid, 'Still there?');
    await until(() => second.client.state.conversations[cid].closed === false, 'the chat reopens');
    await second.persistence.settled();
    closeTab(second);

    const third = tab('c1', { transport: forgetful(new LocalTransport(world.engine, { userId: 'c1' })) });
    await third.client.connect();
    assert.equal(third.client.state.conversations[cid].closed, false);
  });

  it('a message the other party wrote while the tab was closed reopens it on the next load', async () => {
    const first = tab('c1');
    await first.client.connect();
    const cid = await conversation(first.client);
    await first.client.closeConversation(cid);
    await first.persistence.settled();
    closeTab(first);
    await actor(world.engine, 'p1').send(cid, 'Back in stock');

    const second = tab('c1', { transport: forgetful(new LocalTransport(world.engine, { userId: 'c1' })) });
    await second.client.connect();
    assert.equal(second.client.state.conversations[cid].closed, false);
  });
});

describe('Read cursors: what I read stays read across reloads', () => {
  it('a conversation read up to its last message is not unread after a reload, until a newer message', async () => {
    const cal = tab('c1');
    await cal.client.connect();
    const cid = await conversation(cal.client);
    await actor(world.engine, 'p1').send(cid, 'Hello Cal');
    await until(() => cal.client.state.conversations[cid].unread);
    await cal.client.markRead(cid);
    await cal.persistence.settled();
    closeTab(cal);

    const again = tab('c1', { transport: forgetful(new LocalTransport(world.engine, { userId: 'c1' })) });
    await again.client.connect();
    assert.equal(again.client.state.conversations[cid].unread, false);
    await actor(world.engine, 'p1').send(cid, 'One more thing');
    await until(() => again.client.state.conversations[cid].unread, 'a newer message is unread');
  });

  it('without a cursor the engine decides: an unread conversation stays unread', async () => {
    const cal = tab('c1');
    await cal.client.connect();
    const cid = await conversation(cal.client);
    await actor(world.engine, 'p1').send(cid, 'Hello Cal');
    await until(() => cal.client.state.conversations[cid].unread);
    await cal.persistence.settled();
    closeTab(cal);

    const again = tab('c1', { transport: forgetful(new LocalTransport(world.engine, { userId: 'c1' })) });
    await again.client.connect();
    assert.equal(again.client.state.conversations[cid].unread, true);
  });
});

describe('Tabs of one user stay in step', () => {
  it('a draft, a close and a read in one tab show in the other', async () => {
    const a = tab('c1');
    const b = tab('c1');
    await a.client.connect();
    const cid = await conversation(a.client);
    await actor(world.engine, 'p1').send(cid, 'Hello Cal');
    await b.client.connect();
    assert.equal(b.client.state.conversations[cid].unread, true);

    const file = new File(['hello'], 'note.txt', { type: 'text/plain' });
    a.client.setDraft(cid, { text: 'typed in A', attachments: [file] });
    await until(() => b.client.state.drafts[cid]?.text === 'typed in A', 'the draft reaches B');
    assert.equal(b.client.state.drafts[cid].attachments.length, 1);

    // The engine does not tell B about A's read or close when B's engine is another one: the channel does.
    b.transport.setOnline(false);
    await a.client.markRead(cid);
    await until(() => b.client.state.conversations[cid].unread === false, 'the read reaches B');
    await a.client.closeConversation(cid);
    await until(() => b.client.state.conversations[cid].closed, 'the close reaches B');
  });
});

describe('Storage refused: memory, said once', () => {
  const refusing = { open() { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); } } as unknown as IDBFactory;

  for (const [label, indexedDB] of [['throws', refusing], ['is missing', null]] as const) {
    it(`when IndexedDB ${label}, the client keeps working in memory and says so exactly once`, async () => {
      const notices: string[] = [];
      const { client, transport, persistence } = tab('c1', { persistence: { indexedDB } });
      client.on('notice', ({ code }) => notices.push(code));
      await client.connect();
      const cid = await conversation(client);
      client.setDraft(cid, { text: 'kept in memory', attachments: [] });
      await client.closeConversation(cid);
      transport.setOnline(false);
      await Promise.allSettled([client.send(cid, { kind: 'text', text: 'offline' })]);
      transport.setOnline(true);
      await until(() => pending(client.state, cid).length === 0, 'the memory outbox is sent');
      await persistence.flush();
      assert.deepEqual(notices, [STORAGE_MEMORY_NOTICE.code]);
      assert.equal(persistence.inMemory, true);
      assert.equal(client.state.drafts[cid].text, 'kept in memory');
      assert.deepEqual(texts(await actor(world.engine, 'p1').history(cid)), ['Hi Ivy', 'offline']);
    });
  }

  it('IndexedDB opens only once a client uses the persistence, never on creation', async () => {
    const opened: string[] = [];
    const counting = { open: (name: string) => (opened.push(name), indexedDB.open(name)) } as unknown as IDBFactory;
    const persistence = createPersistence({ namespace, indexedDB: counting });
    made.push(persistence);
    assert.deepEqual(opened, []);
    const client = new ChatClient({ transport: new LocalTransport(world.engine, { userId: 'c1' }), clock: world.clock, persistence });
    clients.push(client);
    await client.connect();
    assert.deepEqual(opened.sort(), ['closed', 'cursors', 'drafts', 'outbox'].map((purpose) => `${namespace}:c1:${purpose}`));
    assert.equal(persistence.inMemory, false);
  });
});
