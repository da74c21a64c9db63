import { after, afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChatClient, presets, type Command, type CommandResults, type CommandType, type Snapshot } from '../src/index.ts';
import { COMMAND_DURABILITY, WebSocketTransport, type WebSocketConstructor, type WebSocketLike } from '../src/transport/ws.ts';
import { Journal, createServer, signToken, type VolleyServer } from '../server/src/index.ts';
import { NodeWebSocket } from './ws-fixtures.ts';
import { until } from '../test-support/until.ts';
import { stopStores, storeKinds, type StoreKind } from './stores.ts';

// Receipts and typing change only cursors and transient signals: they run in order with every
// other command but write no journal row (COMMAND_DURABILITY, beside the command shapes).

const kinds = storeKinds();
after(() => stopStores(kinds));
for (const kind of kinds) describe(`Receipts on ${kind.name}`, { skip: kind.skip }, () => suite(kind));

function suite(kind: StoreKind) {
const folder = () => kind.place();

async function open(dataDir: string) {
  const journal = await Journal.open({ store: await kind.open(dataDir), policy: presets.paidChat() });
  const run = <T extends CommandType>(userId: string, command: Extract<Command, { type: T }>) =>
    new Promise<CommandResults[T]>((resolve, reject) => journal.command(userId, command, (o) => (o.ok ? resolve(o.value as CommandResults[T]) : reject(o.error))));
  const rows = async () => (await journal.store.load()).entries.map((e) => (e.kind === 'command' ? e.command.type : e.kind));
  return { journal, run, rows };
}

describe('Durability declared beside the commands', () => {
  it('every command says whether it is read, ephemeral or journaled; delivered and typing are ephemeral, set-presence journaled', () => {
    assert.equal(COMMAND_DURABILITY.delivered, 'ephemeral');
    assert.equal(COMMAND_DURABILITY.typing, 'ephemeral');
    assert.equal(COMMAND_DURABILITY['set-presence'], 'journaled');
    for (const type of ['hello', 'history', 'feed', 'analytics', 'customer-details', 'engagement-history', 'settings', 'customer-context'] as const) {
      assert.equal(COMMAND_DURABILITY[type], 'read', type);
    }
    assert.equal(COMMAND_DURABILITY.send, 'journaled');
  });

  it('delivered and typing write no journal row, yet the receipt reaches the sender; a restart replays the rest without divergence', async () => {
    const dir = await folder();
    const first = await open(dir);
    await first.journal.host({ name: 'upsertUser', args: [{ id: 'c1', role: 'customer', name: 'Cam' }] });
    await first.journal.host({ name: 'upsertUser', args: [{ id: 'p1', role: 'provider', name: 'Ivy' }] });
    const conversation = await first.run<'start'>('c1', { type: 'start', with: 'p1' });
    await first.run<'send'>('c1', { type: 'send', conversationId: conversation.id, message: { id: 'm-1', kind: 'text', text: 'hello' } });
    const before = await first.rows();
    await first.run<'delivered'>('p1', { type: 'delivered', conversationId: conversation.id, seq: 1 });
    await first.run<'typing'>('p1', { type: 'typing', conversationId: conversation.id });
    assert.deepEqual((await first.rows()).slice(before.length), [], 'nothing journaled');
    const seen = await first.run<'hello'>('c1', { type: 'hello' }) as Snapshot;
    assert.equal(seen.conversations[0].peerDeliveredSeq, 1, 'P12: the customer sees it delivered');
    await first.run<'send'>('p1', { type: 'send', conversationId: conversation.id, message: { id: 'm-2', kind: 'text', text: 'hi' } });
    await first.journal.close();

    const second = await open(dir);
    assert.equal(second.journal.divergences, 0);
    const history = await second.run<'history'>('c1', { type: 'history', conversationId: conversation.id });
    assert.deepEqual(history.map((m) => `${m.seq}:${m.id}`), ['1:m-1', '2:m-2']);
    await second.journal.close();
  });
});

describe('Frames and journal rows per message, over the server', () => {
  const SECRET = 'test-secret-of-enough-length';
  const open: { close(): unknown }[] = [];
  afterEach(async () => {
    for (const thing of open.splice(0).reverse()) await thing.close();
  });

  /** Counts every frame each way, by kind, on the sockets it makes. */
  function counting() {
    const frames = new Map<string, number>();
    const count = (kind: string) => frames.set(kind, (frames.get(kind) ?? 0) + 1);
    const kindOf = (data: unknown, way: string) => {
      const frame = JSON.parse(String(data)) as { cmd?: { type: string }; ev?: { type: string }; re?: string };
      return `${way} ${frame.cmd ? frame.cmd.type : frame.ev ? `ev ${frame.ev.type}` : frame.re ? 'reply' : Object.keys(frame).find((k) => k !== 'v' && k !== 'n')}`;
    };
    class Counting implements WebSocketLike {
      onopen: WebSocketLike['onopen'] = null;
      onmessage: WebSocketLike['onmessage'] = null;
      onclose: WebSocketLike['onclose'] = null;
      onerror: WebSocketLike['onerror'] = null;
      readonly #socket: WebSocketLike;
      constructor(url: string) {
        const socket = (this.#socket = new NodeWebSocket(url));
        socket.onopen = (event) => this.onopen?.(event);
        socket.onmessage = (event) => {
          count(kindOf(event.data, 'in'));
          this.onmessage?.(event);
        };
        socket.onclose = (event) => this.onclose?.(event);
        socket.onerror = (event) => this.onerror?.(event);
      }
      get readyState() {
        return this.#socket.readyState;
      }
      send(data: string) {
        count(kindOf(data, 'out'));
        this.#socket.send(data);
      }
      close(code?: number, reason?: string) {
        this.#socket.close(code, reason);
      }
    }
    return { frames, Socket: Counting as WebSocketConstructor };
  }

  it('a burst of 50 messages costs 50 journal rows (not 100) and one delivered receipt; the sender sees them all delivered', async (t) => {
    const server: VolleyServer = await createServer({ secret: SECRET, port: 0, ...kind.server(await folder()), policy: presets.paidChat() });
    open.push({ close: () => server.close() });
    for (const user of [{ id: 'cam', role: 'customer', name: 'Cam' }, { id: 'ivy', role: 'provider', name: 'Ivy' }] as const) {
      await server.host({ name: 'upsertUser', args: [user] });
    }
    const counts = counting();
    const client = (userId: string, role: 'customer' | 'provider') => {
      const token = signToken({ sub: userId, role, exp: Math.floor(Date.now() / 1000) + 600 }, SECRET);
      const chat = new ChatClient({ transport: new WebSocketTransport({ url: server.wsUrl, token, WebSocket: counts.Socket }) });
      open.push({ close: () => chat.disconnect() });
      return chat;
    };
    const cam = client('cam', 'customer');
    const ivy = client('ivy', 'provider');
    await cam.connect();
    await ivy.connect();
    const { id } = await cam.startConversation({ with: 'ivy' });
    await ivy.markRead(id).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 400));
    const rowsBefore = (await server.journal.store.load()).entries.length;
    counts.frames.clear();

    const N = 50;
    await Promise.all(Array.from({ length: N }, (_, i) => cam.send(id, { kind: 'text', text: `message ${i + 1}` })));
    await until(() => (ivy.state.messages[id]?.length ?? 0) === N, 'Ivy to get every message', 10_000);
    await until(() => cam.state.conversations[id]?.peerDeliveredSeq === N, 'Cam to see every message delivered', 10_000);
    await new Promise((resolve) => setTimeout(resolve, 400));

    const rows = (await server.journal.store.load()).entries.length - rowsBefore;
    const receipts = counts.frames.get('out delivered') ?? 0;
    const frames = [...counts.frames.values()].reduce((a, b) => a + b, 0);
    t.diagnostic(`${N} messages: ${rows} journal rows (${rows / N} per message), ${receipts} delivered receipts, ${frames} frames (${(frames / N).toFixed(2)} per message)`);
    t.diagnostic(`frames by kind: ${JSON.stringify(Object.fromEntries([...counts.frames].sort()))}`);
    assert.equal(rows, N, 'one journal row per message');
    assert.equal(receipts, 1, 'one receipt for the burst');
    // The sender's socket gets each message once, in its reply (auth.echo false); the receipt is a notice, answered by nothing.
    assert.equal(counts.frames.get('in ev message'), N, 'message events reach Ivy only');
    assert.equal(counts.frames.get('in reply'), N, 'one reply per send, none for the receipt');
  });
});
}
