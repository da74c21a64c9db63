import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { presets, type Snapshot } from '../src/index.ts';
import { PROTOCOL_VERSION, WebSocketTransport } from '../src/transport/ws.ts';
import { createServer, type VolleyServer } from '../server/src/index.ts';
import { NodeWebSocket, WebSocket } from './ws-fixtures.ts';
import { prng, until } from './fixtures.ts';

const FRAMES = Number(process.env.FUZZ_FRAMES ?? 3000);

const COMMANDS = ['hello', 'start', 'send', 'history', 'mark-read', 'delete-message', 'close', 'block', 'unblock', 'request-tribute',
  'send-tribute', 'customer-details', 'set-note', 'claim', 'decline', 'pick-up', 'set-available', 'finish', 'set-chat-enabled',
  'analytics', 'engagement-history', 'feed', 'set-presence', 'drop-tables', '__proto__', 'constructor', 'toString', ''];

/** One hostile or broken frame, as text (or bytes for a binary frame). */
function hostileFrame(random: ReturnType<typeof prng>, n: number): string | Buffer {
  // JSON.parse makes "__proto__" an own key (an object literal would set the prototype instead), so it goes on the wire.
  const value = (): unknown => random.pick<unknown>([
    null, true, 0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, 'x', '', '\u0000', '\ud800', 'x'.repeat(5000), [], {}, [1, [2, [3]]],
    JSON.parse('{"__proto__":{"polluted":true}}'), { constructor: { prototype: { polluted: true } } }, 'p2', 'nobody', 'c1',
  ]);
  const command = (): Record<string, unknown> => {
    const cmd: Record<string, unknown> = { type: random.pick(COMMANDS) };
    for (const field of ['with', 'conversationId', 'message', 'userId', 'offerId', 'amountCents', 'text', 'id', 'enabled', 'active', 'extra']) {
      if (random.next() < 0.4) cmd[field] = value();
    }
    if (random.next() < 0.3) cmd.message = { id: value(), kind: random.pick(['text', 'attachment', 'system', 'tribute', 42]), text: value(), attachment: value() };
    return cmd;
  };
  switch (random.int(12)) {
    case 0: return '{"v":1,"id":"r' + n + '","cmd":{"type":"hel'; // cut short
    case 1: return random.pick(['', ' ', 'null', '42', '"text"', '[]', 'true', 'NaN', '{]', '\u0000\u0001']);
    case 2: return JSON.stringify({ v: random.pick([0, 2, '1', null, 1.5]), id: `r${n}`, cmd: command() });
    case 3: return `{"v":1,"id":"r${n}","__proto__":{"polluted":true},"cmd":{"type":"hello","__proto__":{"isAdmin":true}}}`;
    case 4: return `{"v":1,"id":"r${n}","cmd":{"type":"send","conversationId":"x","constructor":{"prototype":{"polluted":true}},"message":{"id":"m","kind":"text","text":"hi"}}}`;
    case 5: return JSON.stringify({ v: 1, id: random.pick([n, '', 'x'.repeat(200), null, { a: 1 }]), cmd: command() });
    case 6: return JSON.stringify({ v: 1, id: `r${n}`, cmd: command() });
    case 7: return JSON.stringify({ v: 1, id: `r${n}`, cmd: value() });
    case 8: return '['.repeat(20_000) + ']'.repeat(20_000); // deep nesting inside the size limit
    case 9: return Buffer.from([0xff, 0xfe, 0x00, random.int(256)]);
    case 10: return JSON.stringify({ v: 1, auth: { token: value(), cursors: value(), epoch: value() } });
    default: return JSON.stringify({ v: 1, random: value(), resume: random.pick([value(), { cursors: { a: -1 } }, { cursors: { ['x'.repeat(300)]: 1 } }]) });
  }
}

let server: VolleyServer;
before(async () => {
  server = await createServer({
    secret: 'fuzz-secret-of-enough-length', port: 0, policy: presets.paidChat(),
    limits: { user: { perSecond: 1e6, burst: 1e6 }, ip: { perSecond: 1e6, burst: 1e6 }, connections: { perSecond: 1e6, burst: 1e6 } },
  });
  for (const user of [{ id: 'c1', role: 'customer' as const }, { id: 'p1', role: 'provider' as const }]) await server.host({ name: 'upsertUser', args: [user] });
});
after(() => server.close());

async function socket(authenticated: boolean) {
  const ws = new WebSocket(server.wsUrl);
  const frames: Record<string, unknown>[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(data.toString())));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  if (authenticated) {
    ws.send(JSON.stringify({ v: PROTOCOL_VERSION, auth: { token: server.token({ id: 'c1', role: 'customer' }) } }));
    await until(() => frames.some((f) => f.welcome), 'the welcome: the login failed');
    frames.length = 0;
  }
  return { ws, frames, closed };
}

describe('E2 fuzz: hostile frames never crash the server and each is answered', () => {
  it(`${FRAMES} malformed, hostile or refused frames on an authenticated socket: each gets one answer, nothing changes`, async () => {
    const random = prng(20260101);
    const { ws, frames } = await socket(true);
    const sent: (string | Buffer)[] = [];
    for (let n = 0; n < FRAMES; n++) {
      let frame = hostileFrame(random, n);
      // An auth frame on an authenticated socket is answered too; keep them, they are hostile as well.
      sent.push(frame);
      ws.send(frame, { binary: Buffer.isBuffer(frame) });
    }
    await until(() => frames.length >= sent.length, 'an answer to every frame', 20_000);
    assert.equal(frames.length, sent.length, 'one answer per frame');
    assert.ok(frames.every((f) => f.re !== undefined ? f.ok === false || f.ok === true : typeof (f.error as { code?: string })?.code === 'string' || f.synced !== undefined || f.pong !== undefined));
    const codes = new Set(frames.flatMap((f) => (f.error ? [(f.error as { code: string }).code] : [])));
    assert.ok(codes.has('invalid') && codes.has('not-found'), `codes: ${[...codes]}`);
    assert.equal(ws.readyState, WebSocket.OPEN, 'the socket stays usable');
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype was polluted');
    assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
    ws.close();
  });

  it('frames before authenticating are answered (forbidden or invalid) and run nothing', async () => {
    const random = prng(7);
    let answered = 0;
    for (let round = 0; round < 10; round++) {
      const { ws, frames } = await socket(false);
      const count = Math.max(10, Math.floor(FRAMES / 30));
      let sent = 0;
      for (let n = 0; n < count; n++) {
        const frame = JSON.stringify({ v: 1, id: `u${n}`, cmd: { type: random.pick(COMMANDS), with: 'p1', conversationId: 'x' } });
        ws.send(frame);
        sent++;
      }
      await until(() => frames.length >= sent, 'an answer to every frame sent before the login', 5000);
      assert.equal(frames.length, sent);
      assert.ok(frames.every((f) => ['forbidden', 'invalid'].includes((f.error as { code: string }).code)));
      answered += frames.length;
      ws.close();
    }
    assert.ok(answered > 0);
  });

  it('a frame over the size limit is answered by closing the socket (1009), and the server goes on', async () => {
    for (let i = 0; i < 20; i++) {
      const { ws, closed } = await socket(i % 2 === 0);
      ws.send('x'.repeat(64 * 1024 + 1 + i * 1000));
      assert.equal(await closed, 1009);
    }
  });

  it('after all of it the server works and its state is untouched', async () => {
    const provider = new WebSocketTransport({ url: server.wsUrl, token: server.token({ id: 'p1', role: 'provider' }), WebSocket: NodeWebSocket });
    await provider.connect(() => {});
    const snapshot = (await provider.request({ type: 'hello' })) as Snapshot;
    assert.deepEqual(snapshot.conversations, [], 'no hostile frame started a conversation');
    assert.deepEqual((await server.journal.store.load()).entries.map((e) => e.kind), ['host', 'host'], 'nothing was journaled but the cast');
    provider.disconnect();
  });
});
