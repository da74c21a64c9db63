import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeWebSocket } from './ws-fixtures.ts';
import { ChatClient, presets, type Message } from '../src/index.ts';
import { WebSocketTransport } from '../src/transport/ws.ts';
import { createPersistence } from '../src/persist/index.ts';
import { createServer, signToken, type VolleyServer } from '../server/src/index.ts';
import { until } from '../test-support/until.ts';

const SECRET = 'test-secret-of-enough-length';
let root: string;
before(() => (root = mkdtempSync(join(tmpdir(), 'volley-outage-'))));
after(() => rmSync(root, { recursive: true, force: true }));

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

/** The server on its data folder; the same port after a restart, so clients find it again at their own address. */
async function start(dataDir: string, port = 0): Promise<VolleyServer> {
  const server = await createServer({ secret: SECRET, port, dataDir, policy: presets.paidChat(), heartbeatMs: 1000 });
  return server;
}

function client(url: string, userId: string, role: 'customer' | 'provider') {
  const token = () => signToken({ sub: userId, role, exp: Math.floor(Date.now() / 1000) + 600 }, SECRET);
  const transport = new WebSocketTransport({ url, token, WebSocket: NodeWebSocket, heartbeatMs: 1000, backoff: { initialMs: 20, maxMs: 200 } });
  const persistence = createPersistence({ indexedDB: null, userId, namespace: `outage-${Date.now()}` });
  const chat = new ChatClient({ transport, persistence });
  open.push({ close: () => { chat.disconnect(); persistence.close(); } });
  return Object.assign(chat, { transport });
}

const texts = (messages: readonly Message[] = []) => messages.map((m) => (m.kind === 'text' ? m.text : m.kind));

describe('Nothing lost across a server outage', () => {
  // Once intermittent (3 of 16 runs under load): Ivy's reconnect snapshot, answered just before the
  // event of the message written while down, wiped that message from her state, and her transport's
  // cursor had passed it, so nothing brought it back. The client now keeps what arrives while its
  // snapshot is on the way (test-node/receipts-typing.test.ts plays that race exactly).
  it('a message in flight when the server stops, one written while it is down and one written right after the reconnect arrive once each, in order, after a restart, on the same client', async () => {
    const dataDir = join(root, 'data-1');
    let server = await start(dataDir);
    for (const user of [{ id: 'cam', role: 'customer', name: 'Cam' }, { id: 'ivy', role: 'provider', name: 'Ivy' }] as const) {
      await server.host({ name: 'upsertUser', args: [user] });
    }
    const port = new URL(server.wsUrl).port;
    const cam = client(server.wsUrl, 'cam', 'customer');
    const ivy = client(server.wsUrl, 'ivy', 'provider');
    await cam.connect();
    await ivy.connect();
    const { id } = await cam.startConversation({ with: 'ivy' });
    await cam.send(id, { kind: 'text', text: 'before' });

    // The server stops while a message is on its way: it may or may not have stored it.
    const inFlight = cam.send(id, { kind: 'text', text: 'in flight' }).catch((error: unknown) => error);
    const stopping = server.close();
    server = undefined as never;
    await stopping;
    await until(() => cam.state.connection === 'closed', 'the client to see the server gone', 15_000);
    const refused = await cam.send(id, { kind: 'text', text: 'while down' }).catch((error: unknown) => error);
    assert.equal((refused as { code?: string }).code, 'unavailable');
    assert.equal(refused instanceof Error && refused.message, 'The chat service cannot be reached.', 'the refusal reads as text, not a code');
    await inFlight;
    const mine = cam.state.messages[id];
    assert.deepEqual(texts(mine.filter((m) => m.status === 'pending')).filter((t) => t === 'while down'), ['while down']);
    assert.ok(!mine.some((m) => m.status === 'failed'), 'nothing shows as failed: it waits for the server');

    // Written the moment Cam is back, before the outbox went out: it must not overtake it.
    const rightAfter = new Promise((resolve) => {
      const stop = cam.transport.onStatus((status) => {
        if (status !== 'online') return;
        stop();
        resolve(cam.send(id, { kind: 'text', text: 'right after' }));
      });
    });
    server = await start(dataDir, Number(port));
    open.push({ close: () => server.close() });
    await rightAfter;
    await until(() => cam.state.connection === 'open', 'the client back on the restarted server', 15_000);
    await until(() => texts(ivy.state.messages[id]).includes('right after'), 'Ivy to get the message written right after the reconnect', 15_000);
    assert.ok(texts(ivy.state.messages[id]).includes('while down'), 'and the one written while down');
    await until(() => !cam.state.messages[id].some((m) => m.status !== 'sent'), 'every message of Cam sent', 15_000);

    const history = await ivy.loadOlder(id, 50).then(() => ivy.state.messages[id]);
    assert.deepEqual(texts(history), ['before', 'in flight', 'while down', 'right after'], 'each once, in the order written');
    assert.deepEqual(history.map((m) => m.seq), [1, 2, 3, 4]);
    assert.deepEqual(texts(cam.state.messages[id]), ['before', 'in flight', 'while down', 'right after']);
  });
});
