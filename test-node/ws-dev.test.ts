import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeWebSocket } from './ws-fixtures.ts';
import { ChatClient, presets, type HostCall, type JournalEntry, type User } from '../src/index.ts';
import { WebSocketTransport } from '../src/transport/ws.ts';
import { createServer, type ServerOptions, type VolleyServer } from '../server/src/index.ts';

// The server's development mode, which `npm start` uses to host the demo's world: a seed journaled
// once, tokens for the demo's people, and host calls from the demo's controls.

const SECRET = 'test-secret-of-enough-length';
const USERS: User[] = [
  { id: 'cam', role: 'customer', name: 'Cam' },
  { id: 'ivy', role: 'provider', name: 'Ivy', teamId: 'ivy-team' },
];
const ORDER = { id: 'order-1', customerId: 'cam', providerId: 'ivy', title: 'Reading', amountCents: 2500 };
const SEED: HostCall[] = [...USERS.map((user): HostCall => ({ name: 'upsertUser', args: [user] })), { name: 'recordOrder', args: [ORDER] }];

let root: string;
let folders = 0;
before(() => (root = mkdtempSync(join(tmpdir(), 'volley-dev-'))));
after(() => rmSync(root, { recursive: true, force: true }));
const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function serve(options: Partial<ServerOptions> = {}): Promise<VolleyServer> {
  const server = await createServer({ secret: SECRET, port: 0, policy: presets.paidChat(), devUsers: USERS, seed: SEED, ...options });
  open.push(server);
  return server;
}

const entries = async (server: VolleyServer): Promise<JournalEntry[]> => {
  await server.journal.idle();
  return (await server.journal.store.load()).entries;
};
const hostEntries = async (server: VolleyServer, name: HostCall['name']) => (await entries(server)).filter((e) => e.kind === 'host' && e.call.name === name);

async function postHost(server: VolleyServer, body: unknown): Promise<{ status: number; body: any }> {
  const answer = await fetch(`${server.url}/dev/host`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: answer.status, body: await answer.json() };
}

async function connectAs(server: VolleyServer, userId: string): Promise<ChatClient> {
  const answer = await fetch(`${server.url}/dev/token?user=${userId}`);
  assert.equal(answer.status, 200);
  const { token, url } = (await answer.json()) as { token: string; url: string };
  assert.equal(url, server.wsUrl);
  const client = new ChatClient({ transport: new WebSocketTransport({ url, token, WebSocket: NodeWebSocket }) });
  open.push({ close: () => client.disconnect() });
  await client.connect();
  return client;
}

describe('Server development mode: the seed, dev tokens and host calls (npm start)', () => {
  it('the seed runs once, journaled, on a new store; a restart replays it and does not run it again', async () => {
    const dataDir = join(root, `data-${++folders}`);
    const first = await serve({ dataDir });
    assert.equal((await hostEntries(first, 'recordOrder')).length, 1);
    // The dev users equal the seeded ones: nothing more is journaled for them.
    assert.equal((await hostEntries(first, 'upsertUser')).length, USERS.length);
    await first.close();
    open.splice(open.indexOf(first), 1);

    const again = await serve({ dataDir });
    // The clean stop left a snapshot of it all: nothing to replay, and nothing journaled again.
    assert.ok(again.journal.restored);
    assert.equal(again.journal.replayed, 0);
    assert.equal(again.journal.divergences, 0);
    assert.equal((await hostEntries(again, 'recordOrder')).length, 0);
    assert.equal((await hostEntries(again, 'upsertUser')).length, 0);
  });

  it('GET /dev/token hands a token that opens a socket as that dev user, with the address; an unknown user is not-found', async () => {
    const server = await serve();
    const cam = await connectAs(server, 'cam');
    assert.equal(cam.state.me?.id, 'cam');
    const unknown = await fetch(`${server.url}/dev/token?user=mallory`);
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { code: string }).code, 'not-found');
  });

  it('POST /dev/host runs a host call, journaled; a user it upserts gets dev tokens and can chat', async () => {
    const server = await serve();
    const guest = { id: 'guest-1', role: 'customer' as const, name: 'Guest 1' };
    assert.equal((await fetch(`${server.url}/dev/token?user=guest-1`)).status, 404);
    const answer = await postHost(server, { name: 'upsertUser', args: [guest] });
    assert.deepEqual(answer, { status: 200, body: { result: null } });
    const order = await postHost(server, { name: 'recordOrder', args: [{ ...ORDER, id: 'order-2' }] });
    assert.equal(order.status, 200);
    assert.equal(order.body.result.id, 'order-2');
    assert.equal((await hostEntries(server, 'recordOrder')).length, 2);

    const client = await connectAs(server, 'guest-1');
    const conversation = await client.startConversation({ with: 'ivy' });
    assert.equal(conversation.customerId, 'guest-1');
  });

  it('a refused or malformed host call answers its error code and journals nothing', async () => {
    const server = await serve();
    const before = (await entries(server)).length;
    const refused = await postHost(server, { name: 'setAccountState', args: ['ivy', 'bogus'] });
    assert.deepEqual([refused.status, refused.body.code], [400, 'invalid']);
    for (const body of [{ name: 'dispose', args: [] }, { name: 'upsertUser' }, ['upsertUser']]) {
      const malformed = await postHost(server, body);
      assert.deepEqual([malformed.status, malformed.body.code], [400, 'invalid']);
    }
    assert.equal((await entries(server)).length, before);
    // The refused call's user was not made tokenable either.
    assert.equal((await fetch(`${server.url}/dev/token?user=bogus`)).status, 404);
  });

  it('without dev users there are no dev endpoints, and no seed on a store that has data', async () => {
    const dataDir = join(root, `data-${++folders}`);
    const seeded = await serve({ dataDir });
    await seeded.close();
    open.splice(open.indexOf(seeded), 1);
    const server = await serve({ dataDir, devUsers: undefined, seed: [{ name: 'recordOrder', args: [{ ...ORDER, id: 'order-late' }] }] });
    assert.equal((await fetch(`${server.url}/dev/token?user=cam`)).status, 404);
    assert.equal((await fetch(`${server.url}/dev/host`, { method: 'POST', body: JSON.stringify(SEED[0]) })).status, 404);
    assert.deepEqual(await hostEntries(server, 'recordOrder'), [], 'the seed did not run (the first order is in the snapshot)');
    const { orderId } = await server.engine.execute<'start'>('cam', { type: 'start', with: 'ivy', orderId: ORDER.id });
    assert.equal(orderId, ORDER.id);
    await assert.rejects(server.engine.execute('cam', { type: 'start', with: 'ivy', orderId: 'order-late' }), { code: 'not-found' });
  });
});
