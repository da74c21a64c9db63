/**
 * K6 through the client: files go to where the transport keeps them (the server's /uploads, or
 * a blob: URL on the in-page engine) and the message carries an absolute URL the other side reads.
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeWebSocket } from './ws-fixtures.ts';
import { ChatClient, ChatError, isChatError, LocalTransport, presets, type Message, type Transport } from '../src/index.ts';
import { WebSocketTransport } from '../src/transport/ws.ts';
import { createServer, signToken, type VolleyServer } from '../server/src/index.ts';
import { makeWorld, until } from './fixtures.ts';

const SECRET = 'test-secret-of-enough-length';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n');
const USERS = [{ id: 'c1', role: 'customer' as const, name: 'Cam' }, { id: 'p1', role: 'provider' as const, name: 'Kim' }];

let root: string;
let folders = 0;
before(() => (root = mkdtempSync(join(tmpdir(), 'volley-uploads-'))));
after(() => rmSync(root, { recursive: true, force: true }));
const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function serve(): Promise<{ server: VolleyServer; dataDir: string }> {
  const dataDir = join(root, `data-${++folders}`);
  const server = await createServer({ secret: SECRET, port: 0, dataDir, policy: presets.paidChat() });
  for (const user of USERS) await server.host({ name: 'upsertUser', args: [user] });
  open.push(server);
  return { server, dataDir };
}

const token = (userId: string, expiresIn = 600) => {
  const user = USERS.find((u) => u.id === userId)!;
  return signToken({ sub: user.id, role: user.role, exp: Math.floor(Date.now() / 1000) + expiresIn }, SECRET);
};

function wsTransport(server: VolleyServer, userId: string, tokenOf: string | (() => string) = token(userId)): WebSocketTransport {
  const transport = new WebSocketTransport({ url: server.wsUrl, token: tokenOf, WebSocket: NodeWebSocket, backoff: { initialMs: 20, maxMs: 200 } });
  open.push({ close: () => transport.disconnect() });
  return transport;
}

async function client(transport: Transport): Promise<ChatClient> {
  const chat = new ChatClient({ transport });
  await chat.connect();
  return chat;
}

const attachmentOf = (file: File, head: Uint8Array, url: string) =>
  ({ kind: 'attachment' as const, attachment: { name: file.name, size: file.size, mime: file.type, head: btoa(String.fromCharCode(...head)), url } });

async function refusal(promise: Promise<unknown>): Promise<ChatError> {
  const error = await promise.then(() => assert.fail('expected a refusal'), (e: unknown) => e);
  assert.ok(isChatError(error), `a ChatError, not ${String(error)}`);
  return error;
}

describe('Uploads over the WebSocket transport', () => {
  it('a file lands in the server\'s data folder and the other side receives its absolute URL', async () => {
    const { server, dataDir } = await serve();
    const cam = await client(wsTransport(server, 'c1'));
    const kim = await client(wsTransport(server, 'p1'));
    assert.equal(cam.canUpload, true);
    const photo = new File([PNG], 'photo.png', { type: 'image/png' });
    const progress: number[] = [];
    const url = await cam.upload(photo, { onProgress: (fraction) => progress.push(fraction) });
    // Absolute, on the chat server's own origin (not the page's): any page can show it.
    assert.match(url, new RegExp(`^${server.url}/uploads/[0-9a-f-]{36}$`));
    assert.equal(progress.at(-1), 1);
    const id = url.split('/').pop()!;
    assert.deepEqual(new Uint8Array(readFileSync(join(dataDir, 'uploads', id))), PNG);

    const chat = await cam.startConversation({ with: 'p1' });
    await cam.send(chat.id, attachmentOf(photo, PNG, url));
    await until(() => (kim.state.messages[chat.id] ?? []).some((m) => m.kind === 'attachment'), 'Kim to receive the photo');
    const received = kim.state.messages[chat.id].find((m) => m.kind === 'attachment') as Extract<Message, { kind: 'attachment' }>;
    assert.equal(received.attachment.url, url);
    // An <img> sends no token: the unguessable address is what lets it read the file.
    const served = await fetch(received.attachment.url!);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'image/png');
    assert.deepEqual(new Uint8Array(await served.arrayBuffer()), PNG);
  });

  it('a document uploads too, and is served as a download', async () => {
    const { server } = await serve();
    const cam = await client(wsTransport(server, 'c1'));
    const url = await cam.upload(new File([PDF], 'receipt.pdf', { type: 'application/pdf' }));
    const served = await fetch(url);
    assert.equal(served.headers.get('content-type'), 'application/pdf');
    assert.match(served.headers.get('content-disposition') ?? '', /^attachment; filename="receipt.pdf"/);
  });

  it('a file whose content is not what its name says is refused with attachment-type, and nothing is kept', async () => {
    const { server, dataDir } = await serve();
    const cam = await client(wsTransport(server, 'c1'));
    const error = await refusal(cam.upload(new File([PDF], 'invoice.png', { type: 'image/png' })));
    assert.equal(error.code, 'attachment-type');
    assert.ok(error.message.length > 0);
    assert.deepEqual(existsSync(join(dataDir, 'uploads')) ? readdirSync(join(dataDir, 'uploads')) : [], []);
    assert.equal((await refusal(cam.upload(new File(['<script>'], 'page.html')))).code, 'attachment-type');
  });

  it('a token the server no longer takes is replaced by a fresh one from the token function', async () => {
    const { server } = await serve();
    const tokens = [token('c1', -60), token('c1')];
    const transport = wsTransport(server, 'c1', () => tokens.shift()!);
    const url = await transport.upload(new File([PNG], 'photo.png'));
    assert.match(url, /\/uploads\/[0-9a-f-]{36}$/);
    assert.equal(tokens.length, 0);
  });

  it('a fixed token the server refuses rejects with forbidden', async () => {
    const { server } = await serve();
    const transport = wsTransport(server, 'c1', token('c1', -60));
    assert.equal((await refusal(transport.upload(new File([PNG], 'photo.png')))).code, 'forbidden');
  });

  it('an aborted upload rejects with the signal\'s reason and sends nothing', async () => {
    const { server } = await serve();
    const transport = wsTransport(server, 'c1');
    const abort = new AbortController();
    abort.abort();
    await assert.rejects(transport.upload(new File([PNG], 'photo.png'), { signal: abort.signal }), { name: 'AbortError' });
  });

  it('a server that cannot be reached rejects with unavailable', async () => {
    const { server } = await serve();
    const transport = wsTransport(server, 'c1');
    await server.close();
    assert.equal((await refusal(transport.upload(new File([PNG], 'photo.png')))).code, 'unavailable');
  });
});

describe('Uploads on the in-page engine (LocalTransport)', () => {
  it('a checked file becomes a blob: URL the other client of the page receives', async () => {
    const world = makeWorld({ users: USERS });
    const cam = await world.client('c1');
    const kim = await world.client('p1');
    assert.equal(cam.canUpload, true);
    const photo = new File([PNG], 'photo.png', { type: 'image/png' });
    const progress: number[] = [];
    const url = await cam.upload(photo, { onProgress: (fraction) => progress.push(fraction) });
    assert.match(url, /^blob:/);
    assert.deepEqual(progress, [1]);
    const chat = await cam.startConversation({ with: 'p1' });
    await cam.send(chat.id, attachmentOf(photo, PNG, url));
    await until(() => (kim.state.messages[chat.id] ?? []).length > 0, 'Kim to receive the photo');
    const received = kim.state.messages[chat.id][0] as Extract<Message, { kind: 'attachment' }>;
    assert.equal(received.attachment.url, url);
  });

  it('refuses a file of the wrong type or over the policy\'s size with its ChatError', async () => {
    const world = makeWorld({ users: USERS, policy: presets.paidChat({ attachments: { maxBytes: 64 } }) });
    const cam = await world.client('c1');
    assert.equal((await refusal(cam.upload(new File([PDF], 'invoice.png')))).code, 'attachment-type');
    assert.equal((await refusal(cam.upload(new File([PNG, new Uint8Array(100)], 'big.png')))).code, 'attachment-too-large');
  });

  it('a client whose transport keeps no files says so, and upload rejects with unavailable', async () => {
    const world = makeWorld({ users: USERS });
    const local = new LocalTransport(world.engine, { userId: 'c1' });
    const bare: Transport = { connect: (on) => local.connect(on), request: (command) => local.request(command), disconnect: () => local.disconnect() };
    const cam = await client(bare);
    assert.equal(cam.canUpload, false);
    assert.equal((await refusal(cam.upload(new File([PNG], 'photo.png')))).code, 'unavailable');
  });
});
