import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  ChatEngine, ChatError, ERROR_CODES, ManualClock, MemoryPayments, MemoryStore, MAX_FRAME_BYTES, PROTOCOL_VERSION,
  isErrorCode, presets, serveRequest, type Conversation, type ErrorCode, type Message, type Snapshot,
} from '../src/index.ts';
import { exec, prng, START } from './fixtures.ts';

let clock: ManualClock;
let store: MemoryStore;
let payments: MemoryPayments;
let engine: ChatEngine;
let conversation: Conversation;

beforeEach(async () => {
  clock = new ManualClock(START);
  store = new MemoryStore();
  payments = new MemoryPayments();
  engine = new ChatEngine({ policy: presets.paidChat(), clock, store, payments });
  engine.upsertUser({ id: 'c1', role: 'customer', name: 'Cal' });
  engine.upsertUser({ id: 'p1', role: 'provider', name: 'Ivy' });
  conversation = await exec(engine, 'c1', { type: 'start', with: 'p1' });
  await exec(engine, 'c1', { type: 'send', conversationId: conversation.id, message: { id: 'm-hello', kind: 'text', text: 'hello' } });
});

/** Everything a refusal must leave alone: both users' full view and the durable log. */
async function observable(): Promise<{ c1: Snapshot; p1: Snapshot; records: number; charges: number }> {
  return {
    c1: await exec(engine, 'c1', { type: 'hello' }),
    p1: await exec(engine, 'p1', { type: 'hello' }),
    records: store.records.length,
    charges: payments.charges.length,
  };
}

/** Runs a command that must be refused with `code`, as a ChatError with a human message, changing nothing. */
async function assertRefused(userId: string, command: unknown, code: ErrorCode, messagePattern?: RegExp): Promise<ChatError> {
  const before = await observable();
  let caught: unknown;
  await assert.rejects(engine.execute(userId, command), (error: unknown) => {
    caught = error;
    return true;
  });
  assert.ok(caught instanceof ChatError, `expected a ChatError, got ${String(caught)}`);
  assert.equal(caught.code, code, `expected ${code} for ${JSON.stringify(command)?.slice(0, 200)}, got ${caught.code}: ${caught.message}`);
  assert.ok(ERROR_CODES.includes(caught.code));
  assert.equal(typeof caught.message, 'string');
  assert.ok(caught.message.length > 5 && caught.message !== caught.code, `a human message, got ${JSON.stringify(caught.message)}`);
  if (messagePattern) assert.match(caught.message, messagePattern);
  assert.deepEqual(await observable(), before, 'state must be unchanged after a refusal');
  return caught;
}

/** The commands the engine answers itself, and those its desks answer (each desk brings their shapes). */
const ENGINE_COMMANDS = ['hello', 'start', 'send', 'history', 'mark-read', 'delete-message', 'close', 'feed', 'set-presence', 'delivered'];
const DESK_COMMANDS = [
  'claim', 'decline', 'pick-up', 'set-available', 'set-status', 'finish', 'set-chat-enabled', 'analytics',
  'set-enrolled', 'set-quiet-hours', 'set-notifications', 'settings', 'provider-card', 'typing',
  'customer-details', 'set-note', 'engagement-history', 'customer-context', 'request-tribute', 'send-tribute', 'buy', 'block', 'unblock',
];

const sendText = (text: string, id = 'm-new') => ({ type: 'send' as const, conversationId: conversation.id, message: { id, kind: 'text' as const, text } });

describe('E1/E2 the engine validates every command at its edge', () => {
  it('a valid send is accepted (the baseline every refusal below differs from)', async () => {
    const stored = await exec(engine, 'c1', sendText('fine'));
    assert.equal(stored.seq, 2);
    assert.equal(store.records.filter((r) => r.type === 'message').length, 2);
  });

  it('an unknown command type is invalid', async () => {
    await assertRefused('c1', { type: 'drop-tables' }, 'invalid', /type/);
    await assertRefused('c1', { type: 'constructor' }, 'invalid');
    await assertRefused('c1', { type: 'toString' }, 'invalid');
    await assertRefused('c1', { type: 'hasOwnProperty' }, 'invalid');
  });

  it('a command that is not an object is invalid', async () => {
    for (const value of [null, undefined, 42, 'send', true, [], [{ type: 'hello' }], () => 1]) {
      await assertRefused('c1', value, 'invalid');
    }
  });

  it('an unknown command type is told every command, those the desks answer included', async () => {
    const error = await assertRefused('c1', { type: 'drop-tables' }, 'invalid');
    const listed = /type must be one of (.*)\.$/.exec(error.message)?.[1].split(', ');
    assert.deepEqual(listed?.sort(), [...ENGINE_COMMANDS, ...DESK_COMMANDS].sort());
  });

  it('a command a desk answers is checked against its shape before the desk runs it', async () => {
    // c1 may use few of these: a malformed one is invalid all the same, as validation comes first.
    for (const type of DESK_COMMANDS) {
      await assertRefused('c1', { type, bogus: 1 }, 'invalid', /unknown field "bogus"/);
    }
    await assertRefused('p1', { type: 'set-quiet-hours', quietHours: { start: '22:00', end: 7, timeZone: 'UTC' } }, 'invalid', /quietHours end must be a string/);
    await assertRefused('p1', { type: 'set-quiet-hours' }, 'invalid', /quietHours must be an object/);
    await assertRefused('p1', { type: 'set-status', status: 'busy' }, 'invalid', /status must be one of available, away, offline/);
    await assertRefused('p1', { type: 'claim', offerId: 7 }, 'invalid', /offerId must be a string/);
    await assertRefused('p1', { type: 'set-note', customerId: 'c1' }, 'invalid', /text must be a string/);
    await assertRefused('p1', { type: 'analytics', windowMs: 0 }, 'invalid', /windowMs must be between/);
    // Well-formed, the same commands reach their desk (and its own refusals).
    await assertRefused('c1', { type: 'set-enrolled', enrolled: true }, 'forbidden');
    const settings = await exec(engine, 'p1', { type: 'set-quiet-hours', quietHours: null });
    assert.equal(settings.quietHours, null);
  });

  it('a command without a type is invalid', async () => {
    await assertRefused('c1', {}, 'invalid');
    await assertRefused('c1', { conversationId: conversation.id }, 'invalid');
  });

  it('missing fields are invalid', async () => {
    await assertRefused('c1', { type: 'start' }, 'invalid', /with/);
    await assertRefused('c1', { type: 'send', message: { id: 'm1', kind: 'text', text: 'x' } }, 'invalid', /conversationId/);
    await assertRefused('c1', { type: 'send', conversationId: conversation.id }, 'invalid', /message/);
    await assertRefused('c1', { type: 'send', conversationId: conversation.id, message: { kind: 'text', text: 'x' } }, 'invalid', /id/);
    await assertRefused('c1', { type: 'send', conversationId: conversation.id, message: { id: 'm1', kind: 'text' } }, 'invalid', /text/);
    await assertRefused('c1', { type: 'send', conversationId: conversation.id, message: { id: 'm1', text: 'x' } }, 'invalid', /kind/);
    await assertRefused('c1', sendText(''), 'invalid', /text/);
    await assertRefused('c1', { type: 'send-tribute', conversationId: conversation.id, id: 't1' }, 'invalid', /amountCents/);
    await assertRefused('c1', { type: 'set-presence', active: true }, 'invalid', /inLiveSession/);
  });

  it('wrong field types are invalid', async () => {
    await assertRefused('c1', { type: 'start', with: 7 }, 'invalid');
    await assertRefused('c1', { type: 'send', conversationId: 5, message: { id: 'm1', kind: 'text', text: 'x' } }, 'invalid');
    await assertRefused('c1', { type: 'send', conversationId: conversation.id, message: { id: 'm1', kind: 'text', text: 7 } }, 'invalid');
    await assertRefused('c1', { type: 'send', conversationId: conversation.id, message: { id: 'm1', kind: 'text', text: ['x'] } }, 'invalid');
    await assertRefused('c1', { type: 'send', conversationId: conversation.id, message: 'hello' }, 'invalid');
    await assertRefused('c1', { ...sendText('x'), overtake: 'yes' }, 'invalid');
    await assertRefused('c1', { type: 'send', conversationId: conversation.id, message: { id: 'm1', kind: 'novel', text: 'x' } }, 'invalid');
    await assertRefused('c1', { type: 'send-tribute', conversationId: conversation.id, id: 't1', amountCents: '500' }, 'invalid');
    await assertRefused('c1', { type: 'send-tribute', conversationId: conversation.id, id: 't1', amountCents: 5.5 }, 'invalid');
    await assertRefused('c1', { type: 'send-tribute', conversationId: conversation.id, id: 't1', amountCents: -500 }, 'invalid');
    await assertRefused('c1', { type: 'send-tribute', conversationId: conversation.id, id: 't1', amountCents: Number.NaN }, 'invalid');
    await assertRefused('c1', { type: 'history', conversationId: conversation.id, limit: 0 }, 'invalid');
    await assertRefused('c1', { type: 'history', conversationId: conversation.id, limit: Number.POSITIVE_INFINITY }, 'invalid');
    await assertRefused('c1', { type: 'set-presence', active: 1, inLiveSession: 0 }, 'invalid');
  });

  it('unknown extra fields are invalid, at the top and inside the message', async () => {
    await assertRefused('c1', { ...sendText('x'), admin: true }, 'invalid', /admin/);
    await assertRefused('c1', { type: 'send', conversationId: conversation.id, message: { id: 'm1', kind: 'text', text: 'x', seq: 1 } }, 'invalid', /seq/);
    await assertRefused('c1', { type: 'send', conversationId: conversation.id, message: { id: 'm1', kind: 'text', text: 'x', authorId: 'p1' } }, 'invalid', /authorId/);
    await assertRefused('c1', { type: 'send', conversationId: conversation.id, message: { id: 'm1', kind: 'text', text: 'x', volley: true } }, 'invalid', /volley/);
    await assertRefused('c1', {
      type: 'send', conversationId: conversation.id,
      message: { id: 'm1', kind: 'attachment', attachment: { name: 'a.png', size: 10, owner: 'p1' } },
    }, 'invalid', /owner/);
    await assertRefused('c1', { type: 'hello', extra: 1 }, 'invalid');
  });

  it('an own "__proto__" key in a parsed command is refused as an unknown field', async () => {
    // JSON.parse (without a reviver) makes "__proto__" an own key rather than setting the prototype.
    await assertRefused('c1', JSON.parse('{"type":"hello","__proto__":{"polluted":true}}'), 'invalid');
    await assertRefused('c1', JSON.parse(`{"type":"send","conversationId":"${conversation.id}","message":{"id":"m1","kind":"text","text":"x","__proto__":{"polluted":true}}}`), 'invalid');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('oversize ids are invalid', async () => {
    const long = 'x'.repeat(129);
    await assertRefused('c1', { type: 'send', conversationId: long, message: { id: 'm1', kind: 'text', text: 'x' } }, 'invalid');
    await assertRefused('c1', sendText('x', long), 'invalid');
    await assertRefused('c1', { type: 'start', with: long }, 'invalid');
    await assertRefused('c1', { type: 'send-tribute', conversationId: conversation.id, id: long, amountCents: 500 }, 'invalid');
    await assertRefused('c1', sendText('x', ''), 'invalid');
  });

  it('an id of exactly 128 characters is accepted', async () => {
    const stored = await exec(engine, 'c1', sendText('x', 'i'.repeat(128)));
    assert.equal(stored.id.length, 128);
  });

  it('text longer than policy.messages.maxTextLength is too-long, not invalid', async () => {
    const max = engine.policy.messages.maxTextLength;
    await assertRefused('c1', sendText('a'.repeat(max + 1)), 'too-long');
    await assertRefused('p1', sendText('a'.repeat(max + 1)), 'too-long');
    await assertRefused('c1', {
      type: 'send', conversationId: conversation.id,
      message: { id: 'm1', kind: 'attachment', text: 'a'.repeat(max + 1), attachment: { name: 'a.txt', size: 3, head: btoa('abc') } },
    }, 'too-long');
    const stored = await exec(engine, 'c1', sendText('a'.repeat(max)));
    assert.equal((stored as Extract<Message, { kind: 'text' }>).text.length, max);
  });

  it('a tribute note longer than policy.messages.maxNoteLength is too-long', async () => {
    const max = engine.policy.messages.maxNoteLength;
    await assertRefused('c1', { type: 'send-tribute', conversationId: conversation.id, id: 't1', amountCents: 500, note: 'n'.repeat(max + 1) }, 'too-long');
  });

  it('a customer may not send an engagement, a payment button or a goodie (forbidden)', async () => {
    const base = { type: 'send' as const, conversationId: conversation.id };
    await assertRefused('c1', { ...base, message: { id: 'e1', kind: 'engagement', engagement: { id: 'g1', type: 'coupon', title: '50% off', code: 'FREE' } } }, 'forbidden');
    await assertRefused('c1', { ...base, message: { id: 'b1', kind: 'payment-button', button: { id: 'b1', title: 'Pay me', amountCents: 100 } } }, 'forbidden');
    await assertRefused('c1', { ...base, message: { id: 'g1', kind: 'goodie', goodie: { id: 'g1', title: 'Gift' } } }, 'forbidden');
    // The provider may: the kind itself is fine, only the side is not.
    const button = await exec(engine, 'p1', { ...base, message: { id: 'b2', kind: 'payment-button', button: { id: 'b1', title: 'Pay me', amountCents: 100 } } });
    assert.equal(button.kind, 'payment-button');
  });

  it("a staff-only kind is checked against its own shape before the side is (invalid, not forbidden)", async () => {
    const base = { type: 'send' as const, conversationId: conversation.id };
    await assertRefused('c1', { ...base, message: { id: 'b1', kind: 'payment-button', button: { id: 'b1', title: 'Pay me' } } }, 'invalid', /message button amountCents must be a whole number/);
    await assertRefused('p1', { ...base, message: { id: 'g1', kind: 'goodie', goodie: { id: 'g1', title: 'Gift', colour: 'red' } } }, 'invalid', /message goodie has an unknown field "colour"/);
    await assertRefused('p1', { ...base, message: { id: 'e1', kind: 'engagement', engagement: { id: 'e', type: 'flyer', title: 't' } } }, 'invalid', /engagement type must be one of coupon, promo, message/);
    await assertRefused('p1', { ...base, message: { id: 'e1', kind: 'engagement', engagement: { id: 'e', type: 'promo', title: 't' } }, bogus: 1 }, 'invalid', /unknown field "bogus"/);
  });

  it('an unknown message kind is told every kind, the staff-only ones included', async () => {
    const error = await assertRefused('p1', { type: 'send', conversationId: conversation.id, message: { id: 'x1', kind: 'novel', text: 'x' } }, 'invalid');
    assert.match(error.message, /message kind must be one of text, attachment, payment-button, goodie, engagement\.$/);
  });

  it('a customer may not request a tribute (forbidden)', async () => {
    await assertRefused('c1', { type: 'request-tribute', conversationId: conversation.id, id: 'tr1', amountCents: 500 }, 'forbidden');
  });

  it('an unknown user is forbidden, and no conversation is created for them', async () => {
    await assertRefused('ghost', { type: 'hello' }, 'forbidden');
    await assertRefused('ghost', { type: 'start', with: 'p1' }, 'forbidden');
    await assertRefused('ghost', sendText('boo'), 'forbidden');
    await assertRefused('', sendText('boo'), 'forbidden');
    assert.throws(() => engine.connect('ghost', () => {}), ChatError);
  });

  it('a refused start creates no conversation', async () => {
    engine.upsertUser({ id: 'c2', role: 'customer' });
    await assertRefused('c2', { type: 'start', with: 'p1', extra: true }, 'invalid');
    await assertRefused('c2', { type: 'start', with: 'nobody' }, 'not-found');
    const snapshot = await exec(engine, 'c2', { type: 'hello' });
    assert.deepEqual(snapshot.conversations, []);
    assert.equal(store.records.filter((r) => r.type === 'conversation').length, 1);
  });

  it('a user cannot reach a conversation that is not theirs (not-found)', async () => {
    engine.upsertUser({ id: 'c2', role: 'customer' });
    await assertRefused('c2', sendText('sneaky'), 'not-found');
    await assertRefused('c2', { type: 'history', conversationId: conversation.id }, 'not-found');
  });

  it('every documented code has a human message', () => {
    for (const code of ERROR_CODES) {
      const error = new ChatError(code);
      assert.ok(error instanceof Error);
      assert.equal(error.code, code);
      assert.ok(error.message.length > 5);
      assert.deepEqual(JSON.parse(JSON.stringify(error)), { code, message: error.message });
    }
  });
});

// ---- the wire ---------------------------------------------------------------------------------

interface Reply { v: number; re: string; ok: boolean; result?: unknown; error?: { code: string; message: string } }

/** Serves a frame as c1 and checks that the answer is always a well-formed reply (never a throw). */
async function serve(frame: unknown, userId = 'c1'): Promise<Reply> {
  let text!: string;
  await assert.doesNotReject(async () => { text = await serveRequest(engine, userId, frame); });
  assert.equal(typeof text, 'string');
  const reply = JSON.parse(text) as Reply;
  assert.equal(reply.v, PROTOCOL_VERSION);
  assert.equal(typeof reply.re, 'string');
  if (reply.ok) assert.ok('result' in reply);
  else {
    assert.ok(isErrorCode(reply.error?.code), `a known code, got ${reply.error?.code}`);
    assert.equal(typeof reply.error?.message, 'string');
    assert.ok(reply.error!.message.length > 0);
  }
  return reply;
}

async function assertWireRefused(frame: unknown, code: ErrorCode, re = ''): Promise<void> {
  const before = await observable();
  const reply = await serve(frame);
  assert.equal(reply.ok, false, `expected a refusal for ${String(frame).slice(0, 120)}`);
  assert.equal(reply.error?.code, code, `for ${String(frame).slice(0, 120)}: ${reply.error?.message}`);
  assert.equal(reply.re, re);
  assert.deepEqual(await observable(), before);
}

const frame = (cmd: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ v: PROTOCOL_VERSION, id: 'r1', cmd, ...extra });

describe('E2 serveRequest answers every bad frame with a reply and never throws', () => {
  it('a valid frame gets an ok reply carrying the request id', async () => {
    const reply = await serve(frame(sendText('over the wire')));
    assert.equal(reply.ok, true);
    assert.equal(reply.re, 'r1');
    assert.equal((reply.result as Message).seq, 2);
  });

  it('a frame that is not JSON is invalid', async () => {
    for (const text of ['', 'hello', '{', '{"v":1,', "{'v':1}", '{"v":1,"id":"r1","cmd":{"type":"hello"}}}', '\u0000', 'NaN']) {
      await assertWireRefused(text, 'invalid');
    }
  });

  it('a frame that is not a JSON object is invalid', async () => {
    for (const text of ['null', '42', '"hello"', 'true', '[]', '[{"v":1,"id":"r1","cmd":{"type":"hello"}}]']) {
      await assertWireRefused(text, 'invalid');
    }
  });

  it('a frame that is not text is invalid', async () => {
    for (const value of [undefined, null, 42, {}, { v: 1, id: 'r1', cmd: { type: 'hello' } }, new Uint8Array([123, 125])]) {
      await assertWireRefused(value, 'invalid');
    }
  });

  it('a wrong or missing protocol version is invalid', async () => {
    for (const v of [0, 2, '1', null, 1.5]) {
      await assertWireRefused(JSON.stringify({ v, id: 'r1', cmd: { type: 'hello' } }), 'invalid');
    }
    await assertWireRefused(JSON.stringify({ id: 'r1', cmd: { type: 'hello' } }), 'invalid');
  });

  it('a missing or malformed request id is invalid', async () => {
    for (const id of [undefined, '', 7, null, ['r1'], 'r'.repeat(129)]) {
      await assertWireRefused(JSON.stringify({ v: PROTOCOL_VERSION, id, cmd: { type: 'hello' } }), 'invalid');
    }
  });

  it('a bad command in a good frame is refused with the request id echoed', async () => {
    await assertWireRefused(frame({ type: 'nope' }), 'invalid', 'r1');
    await assertWireRefused(frame(undefined), 'invalid', 'r1');
    await assertWireRefused(frame(sendText('a'.repeat(engine.policy.messages.maxTextLength + 1))), 'too-long', 'r1');
  });

  it('a frame over MAX_FRAME_BYTES is too-long, counted in bytes not characters', async () => {
    // Frames carry a `pad` the decoder ignores, so only the frame limit can refuse them (the policy never sees them).
    const padded = (pad: string) => frame({ type: 'hello' }, { pad });
    const overhead = padded('').length;
    await assertWireRefused(padded('a'.repeat(MAX_FRAME_BYTES - overhead + 1)), 'too-long');
    // Fewer characters than the limit, but three bytes each in UTF-8.
    const euros = '€'.repeat(Math.ceil(MAX_FRAME_BYTES / 3));
    assert.ok(padded(euros).length < MAX_FRAME_BYTES);
    await assertWireRefused(padded(euros), 'too-long');
    // Oversize garbage is refused before anyone tries to parse it.
    await assertWireRefused('{'.repeat(MAX_FRAME_BYTES + 1), 'too-long');
    // An oversize send is refused by the frame limit (no request id read), not by the policy.
    await assertWireRefused(frame(sendText('a'.repeat(MAX_FRAME_BYTES))), 'too-long', '');
  });

  it('a frame of exactly MAX_FRAME_BYTES is served', async () => {
    const padded = (pad: string) => frame({ type: 'hello' }, { pad });
    const ascii = padded('a'.repeat(MAX_FRAME_BYTES - padded('').length));
    assert.equal(new TextEncoder().encode(ascii).length, MAX_FRAME_BYTES);
    assert.equal((await serve(ascii)).ok, true);
    // The same in multi-byte characters: 2 bytes each, plus ASCII to land exactly on the limit.
    const room = MAX_FRAME_BYTES - padded('').length;
    const mixed = padded('é'.repeat(Math.floor(room / 2)) + 'a'.repeat(room % 2));
    assert.equal(new TextEncoder().encode(mixed).length, MAX_FRAME_BYTES);
    assert.equal((await serve(mixed)).ok, true);
  });

  it('"__proto__", "constructor" and "prototype" keys do not pollute Object.prototype and get a clean answer', async () => {
    const hostile = [
      `{"v":1,"id":"r1","cmd":{"type":"hello","__proto__":{"polluted":true}}}`,
      `{"__proto__":{"polluted":true},"v":1,"id":"r1","cmd":{"type":"hello"}}`,
      `{"v":1,"id":"r1","cmd":{"type":"hello","constructor":{"prototype":{"polluted":true}}}}`,
      `{"v":1,"id":"r1","cmd":{"type":"send","conversationId":"${conversation.id}","message":{"id":"m-proto","kind":"text","text":"x","__proto__":{"polluted":true,"seq":99},"constructor":{"prototype":{"polluted":true}}}}}`,
      `{"v":1,"id":"r1","cmd":{"type":"send","conversationId":"${conversation.id}","message":{"__proto__":{"kind":"text","text":"inherited","id":"m-inherit"}}}}`,
      `{"v":1,"id":"r1","cmd":{"__proto__":{"type":"hello"}}}`,
      `{"v":1,"id":"r1","prototype":{"polluted":true},"cmd":{"type":"hello"}}`,
    ];
    for (const text of hostile) {
      const reply = await serve(text);
      assert.equal(reply.re, 'r1', text);
      // Either the dangerous keys were dropped and what is left was served, or it was refused as invalid.
      assert.ok(reply.ok || reply.error?.code === 'invalid', `${text}: ${JSON.stringify(reply)}`);
      assert.equal(({} as Record<string, unknown>).polluted, undefined, text);
      assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined, text);
    }
    // Nothing that lived only in a prototype key became a message, and no stored message carries such a key.
    const history = await exec(engine, 'c1', { type: 'history', conversationId: conversation.id });
    assert.ok(!history.some((m) => m.id === 'm-inherit'));
    for (const message of history) {
      assert.ok(!Object.prototype.hasOwnProperty.call(message, '__proto__'));
      assert.ok(!Object.prototype.hasOwnProperty.call(message, 'constructor'));
      assert.equal(Object.getPrototypeOf(message), Object.prototype);
      assert.equal((message as { polluted?: unknown }).polluted, undefined);
    }
    const proto = history.find((m) => m.id === 'm-proto');
    if (proto) assert.equal(proto.seq, 2, 'the seq hidden in __proto__ is not honoured');
  });

  it('an unknown user on the wire is forbidden', async () => {
    const reply = await serve(frame({ type: 'hello' }), 'ghost');
    assert.equal(reply.error?.code, 'forbidden');
  });
});

// ---- fuzz ---------------------------------------------------------------------------------------

describe('E1/E2 fuzz: hostile frames never break the engine', () => {
  it('a few thousand random and mutated frames all get a parseable reply with a known code, and the engine still serves', async () => {
    // The hostile user has her own conversation, so mutated frames reach deep code paths.
    engine.upsertUser({ id: 'mallory', role: 'customer' });
    engine.upsertUser({ id: 'p2', role: 'provider' });
    const hers = await exec(engine, 'mallory', { type: 'start', with: 'p2' });
    await exec(engine, 'mallory', { type: 'send', conversationId: hers.id, message: { id: 'mal-1', kind: 'text', text: 'hi' } });
    const c1Before = await exec(engine, 'c1', { type: 'hello' });
    const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();

    const { next: random, pick } = prng(0xc0ffee);
    const validCommands: unknown[] = [
      { type: 'hello' },
      { type: 'start', with: 'p2' },
      { type: 'send', conversationId: hers.id, message: { id: 'mal-x', kind: 'text', text: 'again' } },
      { type: 'send', conversationId: hers.id, message: { id: 'mal-a', kind: 'attachment', attachment: { name: 'a.png', size: 100, head: btoa('\x89PNG\r\n\x1a\n') } } },
      { type: 'send', conversationId: hers.id, message: { id: 'mal-e', kind: 'engagement', engagement: { id: 'e', type: 'promo', title: 't' } } },
      { type: 'history', conversationId: hers.id, beforeSeq: 2, limit: 10 },
      { type: 'mark-read', conversationId: hers.id },
      { type: 'send-tribute', conversationId: hers.id, id: 'mal-t', amountCents: 500, note: 'tip' },
      { type: 'request-tribute', conversationId: hers.id, id: 'mal-r', amountCents: 500 },
      { type: 'feed', conversationId: hers.id, filter: 'orders' },
      { type: 'customer-details', customerId: 'c1' },
      { type: 'claim', offerId: 'o1' },
      { type: 'analytics', windowMs: 1000 },
      { type: 'set-presence', active: true, inLiveSession: false },
      { type: 'delete-message', conversationId: hers.id, messageId: 'mal-1' },
    ];
    const hostileValues: unknown[] = [
      null, true, false, 0, -1, 1.5, 1e308, -0, '', ' ', 'x'.repeat(200), [], [1, 2], {}, { a: { b: { c: {} } } },
      conversation.id, 'c1', 'p1', 'm-hello', '__proto__', 'constructor', '\u0000', '\ud800', '<script>alert(1)</script>',
      '{"v":1}', 'hello', 'send', 'text', 'tribute',
    ];
    const hostileKeys = ['__proto__', 'constructor', 'prototype', 'type', 'id', 'v', 'cmd', 'message', 'kind', 'seq', 'authorId', 'extra', 'toString', 'valueOf'];
    const fragments = ['{', '}', '[', ']', '"', ':', ',', '\\', '\\u0000', 'null', '1e999', '-', '"__proto__":', '{"polluted":true}', '"v":1', '"id":"r"', '"cmd":', '"type":"send"', '\u2028', '€'];
    const validFrames = validCommands.map((cmd, i) => JSON.stringify({ v: PROTOCOL_VERSION, id: `f${i}`, cmd }));

    /** Sets a key on an object as an own, enumerable property (even "__proto__") so JSON.stringify writes it. */
    const setOwn = (target: Record<string, unknown>, key: string, value: unknown) =>
      Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

    function mutateValue(value: unknown, depth: number): unknown {
      if (depth > 4 || value === null || typeof value !== 'object') return random() < 0.7 ? pick(hostileValues) : value;
      const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as unknown as Record<string, unknown>) : { ...(value as Record<string, unknown>) };
      const keys = Object.keys(copy);
      const roll = random();
      if (roll < 0.25 && keys.length) delete copy[pick(keys)];
      else if (roll < 0.5) setOwn(copy, pick(hostileKeys), random() < 0.5 ? pick(hostileValues) : { polluted: true, type: 'hello' });
      else if (keys.length) {
        const key = pick(keys);
        setOwn(copy, key, mutateValue(copy[key], depth + 1));
      }
      return copy;
    }

    function hostileFrame(): unknown {
      const roll = random();
      const base = pick(validFrames);
      if (roll < 0.1) {
        // Pure garbage out of JSON punctuation and fragments.
        let text = '';
        const n = Math.floor(random() * 30);
        for (let i = 0; i < n; i++) text += pick(fragments);
        return text;
      }
      if (roll < 0.25) return base.slice(0, Math.floor(random() * base.length));
      if (roll < 0.35) return base.slice(0, Math.floor(random() * base.length)) + pick(validFrames).slice(Math.floor(random() * 40));
      if (roll < 0.5) {
        const at = Math.floor(random() * base.length);
        return base.slice(0, at) + pick(fragments) + base.slice(at);
      }
      if (roll < 0.9) return JSON.stringify(mutateValue(JSON.parse(base), 0));
      if (roll < 0.95) return JSON.stringify({ v: PROTOCOL_VERSION, id: 'big', cmd: { type: 'send', conversationId: hers.id, message: { id: 'mal-big', kind: 'text', text: pick(['a', '€', '😀']).repeat(Math.floor(random() * MAX_FRAME_BYTES)) } } });
      return pick<unknown>([undefined, null, 42, {}, [], base.length, new Uint8Array(3)]);
    }

    const codes = new Map<string, number>();
    let ok = 0;
    const ITERATIONS = 3000;
    for (let i = 0; i < ITERATIONS; i++) {
      const input = hostileFrame();
      let text: string;
      try {
        text = await serveRequest(engine, 'mallory', input);
      } catch (error) {
        assert.fail(`serveRequest threw on frame #${i} ${String(input).slice(0, 200)}: ${String(error)}`);
      }
      let reply: Reply;
      try {
        reply = JSON.parse(text) as Reply;
      } catch {
        assert.fail(`unparseable reply to frame #${i}: ${text.slice(0, 200)}`);
      }
      assert.equal(reply.v, PROTOCOL_VERSION);
      assert.equal(typeof reply.re, 'string');
      if (reply.ok) ok++;
      else {
        assert.ok(isErrorCode(reply.error?.code), `unknown code ${reply.error?.code} for frame #${i}`);
        // `unavailable` from serveRequest means an exception that was not a ChatError: a crash in the engine.
        assert.notEqual(reply.error?.code, 'unavailable', `frame #${i} crashed the engine: ${String(input).slice(0, 300)}`);
        codes.set(reply.error!.code, (codes.get(reply.error!.code) ?? 0) + 1);
      }
      assert.equal(({} as Record<string, unknown>).polluted, undefined, `frame #${i} polluted Object.prototype`);
    }
    // The fuzz really explored: refusals of several kinds, and some frames that were fine.
    assert.ok((codes.get('invalid') ?? 0) > ITERATIONS / 4, JSON.stringify([...codes]));
    assert.ok(codes.has('too-long'), JSON.stringify([...codes]));
    assert.ok(codes.has('forbidden') || codes.has('not-found'), JSON.stringify([...codes]));
    assert.ok(ok > 0);

    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), protoKeys);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    // Nothing mallory sent reached c1, and the engine still serves a valid send.
    assert.deepEqual(await exec(engine, 'c1', { type: 'hello' }), c1Before);
    const reply = await serve(frame(sendText('still here', 'm-after')));
    assert.equal(reply.ok, true, JSON.stringify(reply));
    assert.equal((reply.result as Message).seq, 2);
    // Mallory may have deleted messages on her side; the provider's side shows the whole, gap-free log.
    const seqs = (await exec(engine, 'p2', { type: 'history', conversationId: hers.id, limit: 500 })).map((m) => m.seq);
    assert.deepEqual(seqs, seqs.map((_, i) => i + 1), "mallory's own conversation keeps gap-free seqs");
  });
});
