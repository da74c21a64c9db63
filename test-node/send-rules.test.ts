import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { checkAttachment } from '../src/rules/index.ts';
import { mergePolicy, presets, type AccountState, type Attachment, type Policy, type User } from '../src/index.ts';
import { actor, makeWorld, type Actor, type World } from './fixtures.ts';

let world: World;
let policy: Policy;

function setUp(p: Policy, users: User[]) {
  policy = p;
  world = makeWorld({ policy, users });
}

const viewOf = async (who: Actor, conversationId: string) => (await who.hello()).conversations.find((c) => c.id === conversationId)!;
const lastSeq = async (who: Actor, conversationId: string) => (await viewOf(who, conversationId)).lastSeq;

// ---- K1 ---------------------------------------------------------------------------------------

describe('K1 chat disabled by an admin', () => {
  let follower: Actor, channel: Actor, admin: Actor, agent: Actor, otherAdmin: Actor;
  let convId: string;

  const setEnabled = (who: Actor, channelId: string, enabled: boolean) =>
    who.run<'set-chat-enabled'>({ type: 'set-chat-enabled', channelId, enabled });

  beforeEach(async () => {
    setUp(presets.customerCare(), [
      { id: 'f1', role: 'customer', name: 'Fay' },
      { id: 'ch1', role: 'provider', name: 'Shop' },
      { id: 'ad1', role: 'admin', teamId: 'ch1' },
      { id: 'ag1', role: 'agent', teamId: 'ch1' },
      { id: 'ch2', role: 'provider', name: 'Other shop' },
      { id: 'ad2', role: 'admin', teamId: 'ch2' },
    ]);
    [follower, channel, admin, agent, otherAdmin] = ['f1', 'ch1', 'ad1', 'ag1', 'ad2'].map((id) => actor(world.engine, id));
    convId = (await follower.start('ch1')).id;
    await follower.send(convId, 'where is my parcel?');
  });

  it('when the admin switches chat off, followers are refused with chat-disabled', async () => {
    assert.equal(await setEnabled(admin, 'ch1', false), false);
    await assert.rejects(follower.send(convId, 'hello?'), { code: 'chat-disabled' });
    assert.equal(await lastSeq(follower, convId), 1);
    assert.deepEqual((await follower.history(convId)).map((m) => m.seq), [1]);
  });

  it('the follower sees why: the view carries the refusal and the snapshot the switch', async () => {
    await setEnabled(admin, 'ch1', false);
    const snapshot = await follower.hello();
    assert.equal(snapshot.conversations[0].refusal, 'chat-disabled');
    assert.equal(snapshot.chatEnabled.ch1, false);
  });

  it('the follower is told live', async () => {
    const events: unknown[] = [];
    world.engine.connect('f1', (e) => { if (e.type === 'chat-enabled') events.push(e); });
    await setEnabled(admin, 'ch1', false);
    assert.deepEqual(events, [{ type: 'chat-enabled', channelId: 'ch1', enabled: false }]);
  });

  it('the channel can still send while chat is off', async () => {
    await setEnabled(admin, 'ch1', false);
    assert.equal((await channel.send(convId, 'Your parcel left today.')).seq, 2);
    assert.equal((await viewOf(channel, convId)).refusal, undefined);
  });

  it("the channel's agents can still send while chat is off", async () => {
    await setEnabled(admin, 'ch1', false);
    assert.equal((await agent.send(convId, 'Tracking number follows.')).authorId, 'ag1');
  });

  it('switching chat back on lets followers write again', async () => {
    await setEnabled(admin, 'ch1', false);
    assert.equal(await setEnabled(admin, 'ch1', true), true);
    assert.equal((await follower.send(convId, 'thanks')).seq, 2);
  });

  it('the switch is per channel', async () => {
    const other = (await follower.start('ch2')).id;
    await setEnabled(admin, 'ch1', false);
    assert.equal((await follower.send(other, 'hi other shop')).seq, 1);
  });

  it('an agent (not an admin) is forbidden to switch, and nothing changes', async () => {
    await assert.rejects(setEnabled(agent, 'ch1', false), { code: 'forbidden' });
    assert.equal((await follower.hello()).chatEnabled.ch1, true);
    assert.equal((await follower.send(convId, 'still here')).seq, 2);
  });

  it("an admin of another channel and a follower are forbidden too", async () => {
    await assert.rejects(setEnabled(otherAdmin, 'ch1', false), { code: 'forbidden' });
    await assert.rejects(setEnabled(follower, 'ch1', false), { code: 'forbidden' });
    assert.equal((await follower.send(convId, 'still here')).seq, 2);
  });
});

// ---- D4 ---------------------------------------------------------------------------------------

describe('D4 send limits', () => {
  let c1: Actor, c2: Actor, p1: Actor;
  let convId: string;

  async function setUpDMs(p: Policy = presets.clientDMs()) {
    setUp(p, [
      { id: 'c1', role: 'customer', name: 'Cleo' },
      { id: 'c2', role: 'customer' },
      { id: 'p1', role: 'provider', name: 'Ivy' },
    ]);
    [c1, c2, p1] = ['c1', 'c2', 'p1'].map((id) => actor(world.engine, id));
    convId = (await c1.start('p1')).id;
    await c1.send(convId, 'I need a logo');
  }

  /** The provider sends as many messages in a row as the limit allows. */
  async function useUpLimit(conversationId = convId) {
    for (let i = 0; i < policy.sendLimits.maxUnanswered; i++) await p1.send(conversationId, `message ${i + 1}`);
  }

  beforeEach(() => setUpDMs());

  it('pins the spec default: 5 unanswered messages', () => {
    assert.equal(presets.clientDMs().sendLimits.maxUnanswered, 5);
  });

  for (const state of ['suspended', 'rejected', 'needs-improvement'] as AccountState[]) {
    it(`a ${state} account is refused with account-restricted`, async () => {
      world.engine.setAccountState('p1', state);
      await assert.rejects(p1.send(convId, 'hello'), { code: 'account-restricted' });
      assert.equal(await lastSeq(p1, convId), 1);
      assert.equal((await viewOf(p1, convId)).refusal, 'account-restricted');
    });
  }

  it("an account back to 'ok' can send again", async () => {
    world.engine.setAccountState('p1', 'suspended');
    world.engine.setAccountState('p1', 'ok');
    assert.equal((await p1.send(convId, 'hello')).seq, 2);
    assert.equal((await viewOf(p1, convId)).refusal, undefined);
  });

  it('a host without send limits does not restrict accounts', async () => {
    await setUpDMs(presets.paidChat());
    world.engine.setAccountState('p1', 'suspended');
    assert.equal((await p1.send(convId, 'hello')).seq, 2);
  });

  it('after maxUnanswered messages in a row the next one is refused with unanswered-limit', async () => {
    await useUpLimit();
    await assert.rejects(p1.send(convId, 'one too many'), { code: 'unanswered-limit' });
    assert.equal(await lastSeq(p1, convId), 1 + policy.sendLimits.maxUnanswered);
    assert.equal((await viewOf(p1, convId)).refusal, 'unanswered-limit');
  });

  it('one message fewer than the limit still leaves room for the last one', async () => {
    for (let i = 0; i < policy.sendLimits.maxUnanswered - 1; i++) await p1.send(convId, `message ${i + 1}`);
    assert.equal((await viewOf(p1, convId)).refusal, undefined);
    await p1.send(convId, 'the last allowed');
  });

  it('a message from the client unlocks the provider', async () => {
    await useUpLimit();
    await c1.send(convId, 'sorry, was busy');
    assert.equal((await viewOf(p1, convId)).refusal, undefined);
    // The count starts again: a full run of maxUnanswered messages is allowed.
    await useUpLimit();
    await assert.rejects(p1.send(convId, 'again too many'), { code: 'unanswered-limit' });
  });

  it('an order from the client unlocks the provider (engine.recordOrder)', async () => {
    await useUpLimit();
    world.engine.recordOrder({ id: 'o1', customerId: 'c1', providerId: 'p1', title: 'Logo', amountCents: 5_000 });
    assert.equal((await p1.send(convId, 'thanks for the order!')).authorId, 'p1');
  });

  it("another client's order does not unlock this chat", async () => {
    await useUpLimit();
    world.engine.recordOrder({ id: 'o2', customerId: 'c2', providerId: 'p1', title: 'Banner', amountCents: 1_000 });
    await assert.rejects(p1.send(convId, 'hello?'), { code: 'unanswered-limit' });
  });

  it('the limit comes from the policy', async () => {
    await setUpDMs(presets.clientDMs({ sendLimits: { maxUnanswered: 2 } }));
    await p1.send(convId, 'one');
    await p1.send(convId, 'two');
    await assert.rejects(p1.send(convId, 'three'), { code: 'unanswered-limit' });
  });

  it('the client is never limited by it', async () => {
    for (let i = 0; i < policy.sendLimits.maxUnanswered + 2; i++) await c1.send(convId, `ping ${i}`);
    assert.equal(await lastSeq(c1, convId), policy.sendLimits.maxUnanswered + 3);
  });

  it('after a negative review the provider is refused with negative-review', async () => {
    world.engine.recordReview({ from: 'c1', to: 'p1', rating: 'negative' });
    await assert.rejects(p1.send(convId, 'can we talk?'), { code: 'negative-review' });
    assert.equal(await lastSeq(p1, convId), 1);
    assert.equal((await viewOf(p1, convId)).refusal, 'negative-review');
  });

  it('a later positive review lifts it', async () => {
    world.engine.recordReview({ from: 'c1', to: 'p1', rating: 'negative' });
    world.engine.recordReview({ from: 'c1', to: 'p1', rating: 'positive' });
    assert.equal((await p1.send(convId, 'thank you!')).seq, 2);
  });

  it("a negative review binds only that client's chats", async () => {
    const other = (await c2.start('p1')).id;
    await c2.send(other, 'hi');
    world.engine.recordReview({ from: 'c1', to: 'p1', rating: 'negative' });
    assert.equal((await p1.send(other, 'hello c2')).seq, 2);
  });
});

// ---- M2 ---------------------------------------------------------------------------------------

describe('M2 contact guard in the engine', () => {
  let c1: Actor, p1: Actor;
  let inboxId: string, orderId: string;
  const EMAIL = 'email me at ivy@gmail.com';
  const PHONE = 'call me on +1 555 123 4567';

  async function setUpMarket(p: Policy = presets.marketplace()) {
    setUp(p, [
      { id: 'c1', role: 'customer', name: 'Cleo' },
      { id: 'p1', role: 'provider', name: 'Ivy' },
    ]);
    [c1, p1] = ['c1', 'p1'].map((id) => actor(world.engine, id));
    world.engine.recordOrder({ id: 'o1', customerId: 'c1', providerId: 'p1', title: 'Logo', amountCents: 5_000 });
    inboxId = (await c1.start('p1')).id;
    orderId = (await c1.start('p1', 'o1')).id;
    await c1.send(inboxId, 'Hi, can you do a logo?');
    await c1.send(orderId, 'I placed the order.');
  }

  beforeEach(() => setUpMarket());

  it('contact details are refused in the inbox with contact-info, state unchanged', async () => {
    const before = [await c1.hello(), await p1.hello()];
    await assert.rejects(c1.send(inboxId, EMAIL), { code: 'contact-info' });
    await assert.rejects(p1.send(inboxId, PHONE), { code: 'contact-info' });
    assert.deepEqual([await c1.hello(), await p1.hello()], before);
  });

  it('a clean message passes in the inbox', async () => {
    assert.equal((await c1.send(inboxId, 'How long would it take?')).seq, 2);
  });

  it("an attachment's file name is checked too", async () => {
    const file: Attachment = { name: 'ivy@gmail.com.txt', size: 5, head: Buffer.from('notes').toString('base64') };
    await assert.rejects(c1.send(inboxId, { kind: 'attachment', attachment: file }), { code: 'contact-info' });
    assert.equal(await lastSeq(c1, inboxId), 1);
  });

  it('contact details are allowed inside an order conversation', async () => {
    assert.equal((await c1.send(orderId, EMAIL)).seq, 2);
    assert.equal((await p1.send(orderId, PHONE)).seq, 3);
  });

  it('inside an order they are refused when allowInOrders is false', async () => {
    await setUpMarket(presets.marketplace({ contactGuard: { allowInOrders: false } }));
    await assert.rejects(c1.send(orderId, EMAIL), { code: 'contact-info' });
    await assert.rejects(p1.send(orderId, PHONE), { code: 'contact-info' });
    assert.equal(await lastSeq(c1, orderId), 1);
  });

  it('the guard is off in presets without it', async () => {
    await setUpMarket(presets.clientDMs());
    assert.equal((await c1.send(inboxId, EMAIL)).seq, 2);
  });

  it('mixed into another family through mergePolicy, the guard still holds', async () => {
    await setUpMarket(mergePolicy(presets.clientDMs(), { contactGuard: { enabled: true } }));
    await assert.rejects(c1.send(inboxId, EMAIL), { code: 'contact-info' });
    assert.equal(await lastSeq(c1, inboxId), 1);
  });
});

// ---- K6 ---------------------------------------------------------------------------------------

/** Bytes from numbers and latin-1 strings. */
const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((ch) => ch.charCodeAt(0)) : part)));
const u32be = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const u16le = (n: number) => [n & 255, (n >>> 8) & 255];
const u32le = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ODT_MIME = 'application/vnd.oasis.opendocument.text';
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0], u16le(0x1000), 'JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0]);
const PDF = bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n');
const EXE = bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0, 0xb8, 0]);

/** The first bytes of a real file of each allowed type. */
const HEADS: Record<string, Uint8Array> = {
  png: bytes([0x89], 'PNG\r\n\x1a\n', u32be(13), 'IHDR', u32be(1), u32be(1), [8, 6, 0, 0, 0]),
  jpg: JPEG,
  jpeg: JPEG,
  gif: bytes('GIF89a', [1, 0, 1, 0, 0x80, 0, 0]),
  mp4: bytes(u32be(24), 'ftyp', 'isom', u32be(0x200), 'isomiso2'),
  m4v: bytes(u32be(20), 'ftyp', 'M4V ', u32be(1), 'M4V '),
  mov: bytes(u32be(20), 'ftyp', 'qt  ', u32be(0x200), 'qt  '),
  pdf: PDF,
  doc: bytes(OLE2, new Array(16).fill(0), [0x3e, 0, 3, 0, 0xfe, 0xff]),
  ppt: bytes(OLE2, new Array(16).fill(0), [0x3e, 0, 3, 0, 0xfe, 0xff]),
  // A zip whose first entry is the stored, uncompressed "mimetype" file.
  odt: bytes(
    [0x50, 0x4b, 0x03, 0x04], u16le(20), u16le(0), u16le(0), u16le(0), u16le(0), u32le(0x5e5c6ae1),
    u32le(ODT_MIME.length), u32le(ODT_MIME.length), u16le('mimetype'.length), u16le(0), 'mimetype', ODT_MIME,
  ),
  txt: bytes('Meeting notes\r\n\tBring the contract.\n'),
};

const candidate = (name: string, head: Uint8Array, size = 1_000) => ({ name, size, head });
const b64 = (head: Uint8Array) => Buffer.from(head).toString('base64');

describe('K6 attachments: checkAttachment', () => {
  const rules = presets.paidChat().attachments;

  it('pins the spec list and the 10 MB default', () => {
    assert.deepEqual([...rules.images, ...rules.videos, ...rules.documents].sort(), Object.keys(HEADS).sort());
    assert.equal(rules.maxBytes, 10 * 1024 * 1024);
  });

  for (const [extension, head] of Object.entries(HEADS)) {
    it(`a real .${extension} is accepted`, () => {
      const verdict = checkAttachment(candidate(`file.${extension}`, head), rules);
      assert.ok(verdict.ok, JSON.stringify(verdict));
      assert.equal(verdict.extension, extension);
    });
  }

  it('each file is sorted into its family', () => {
    const family = (ext: string) => { const v = checkAttachment(candidate(`f.${ext}`, HEADS[ext]), rules); return v.ok ? v.family : v.code; };
    assert.deepEqual(['png', 'gif', 'mov', 'm4v', 'pdf', 'odt'].map(family), ['image', 'image', 'video', 'video', 'document', 'document']);
  });

  it('the extension is read case-insensitively', () => {
    assert.ok(checkAttachment(candidate('IMG_0001.JPG', JPEG), rules).ok);
  });

  it('a classic QuickTime movie without ftyp is accepted as .mov but not as .mp4', () => {
    const classic = bytes(u32be(8), 'wide', u32be(1_000), 'mdat');
    assert.ok(checkAttachment(candidate('clip.mov', classic), rules).ok);
    assert.equal(checkAttachment(candidate('clip.mp4', classic), rules).ok, false);
  });

  it('a renamed file is refused with attachment-type: exe bytes named .png', () => {
    const verdict = checkAttachment(candidate('cute-cat.png', EXE), rules);
    assert.equal(verdict.ok ? 'ok' : verdict.code, 'attachment-type');
  });

  it('a renamed file is refused with attachment-type: a pdf named .jpg', () => {
    const verdict = checkAttachment(candidate('scan.jpg', PDF), rules);
    assert.equal(verdict.ok ? 'ok' : verdict.code, 'attachment-type');
  });

  it('binary bytes named .txt, and a png named .gif, are refused', () => {
    for (const file of [candidate('readme.txt', EXE), candidate('anim.gif', HEADS.png), candidate('notes.odt', bytes([0x50, 0x4b, 0x03, 0x04], new Array(26).fill(0), 'word/document.xml'))]) {
      const verdict = checkAttachment(file, rules);
      assert.equal(verdict.ok ? 'ok' : verdict.code, 'attachment-type', file.name);
    }
  });

  it('an unlisted extension is refused with attachment-type, whatever the bytes', () => {
    for (const file of [candidate('setup.exe', EXE), candidate('logo.svg', bytes('<svg xmlns="http://www.w3.org/2000/svg">')), candidate('page.html', bytes('<html>')), candidate('README', HEADS.txt), candidate('archive.zip', HEADS.odt)]) {
      const verdict = checkAttachment(file, rules);
      assert.equal(verdict.ok ? 'ok' : verdict.code, 'attachment-type', file.name);
    }
  });

  it('exactly maxBytes is accepted; one byte more is attachment-too-large', () => {
    assert.ok(checkAttachment(candidate('big.png', HEADS.png, rules.maxBytes), rules).ok);
    const verdict = checkAttachment(candidate('big.png', HEADS.png, rules.maxBytes + 1), rules);
    assert.equal(verdict.ok ? 'ok' : verdict.code, 'attachment-too-large');
  });

  it('a smaller maxBytes from the policy is honoured', () => {
    const small = presets.customerCare({ attachments: { maxBytes: 1024 } }).attachments;
    assert.ok(checkAttachment(candidate('a.pdf', PDF, 1024), small).ok);
    const verdict = checkAttachment(candidate('a.pdf', PDF, 1025), small);
    assert.equal(verdict.ok ? 'ok' : verdict.code, 'attachment-too-large');
  });
});

describe('K6 attachments through the engine', () => {
  let c1: Actor, p1: Actor;
  let convId: string;

  const sendFile = (who: Actor, name: string, head: Uint8Array | undefined, size = 2_048) =>
    who.send(convId, { kind: 'attachment', attachment: { name, size, ...(head ? { head: b64(head) } : {}) } });

  beforeEach(async () => {
    setUp(presets.customerCare(), [
      { id: 'c1', role: 'customer' },
      { id: 'p1', role: 'provider' },
    ]);
    [c1, p1] = ['c1', 'p1'].map((id) => actor(world.engine, id));
    convId = (await c1.start('p1')).id;
  });

  it('each allowed extension with real bytes is stored as an attachment message', async () => {
    for (const [extension, head] of Object.entries(HEADS)) {
      const message = await sendFile(c1, `file.${extension}`, head);
      assert.equal(message.kind, 'attachment', extension);
      assert.ok(message.kind === 'attachment');
      assert.equal(message.attachment.name, `file.${extension}`);
    }
    assert.equal((await p1.history(convId)).length, Object.keys(HEADS).length);
  });

  it('the provider side is checked the same way', async () => {
    await c1.send(convId, 'please send the invoice');
    assert.equal((await sendFile(p1, 'invoice.pdf', PDF)).authorId, 'p1');
    await assert.rejects(sendFile(p1, 'invoice.pdf', EXE), { code: 'attachment-type' });
  });

  it('renamed files are refused with attachment-type and nothing is stored', async () => {
    await assert.rejects(sendFile(c1, 'cute-cat.png', EXE), { code: 'attachment-type' });
    await assert.rejects(sendFile(c1, 'scan.jpg', PDF), { code: 'attachment-type' });
    assert.equal(await lastSeq(c1, convId), 0);
    assert.deepEqual(await p1.history(convId), []);
  });

  it('an unlisted extension is refused with attachment-type', async () => {
    await assert.rejects(sendFile(c1, 'setup.exe', EXE), { code: 'attachment-type' });
    await assert.rejects(sendFile(c1, 'logo.svg', bytes('<svg>')), { code: 'attachment-type' });
    assert.equal(await lastSeq(c1, convId), 0);
  });

  it('an image sent without its first bytes cannot be checked and is refused', async () => {
    await assert.rejects(sendFile(c1, 'photo.png', undefined), { code: 'attachment-type' });
    await assert.rejects(c1.send(convId, { kind: 'attachment', attachment: { name: 'photo.png', size: 10, head: '%%not base64%%' } }), { code: 'attachment-type' });
    assert.equal(await lastSeq(c1, convId), 0);
  });

  it('exactly policy.attachments.maxBytes is accepted, one byte more is attachment-too-large', async () => {
    const ok = await sendFile(c1, 'video.mp4', HEADS.mp4, policy.attachments.maxBytes);
    assert.equal(ok.seq, 1);
    await assert.rejects(sendFile(c1, 'video2.mp4', HEADS.mp4, policy.attachments.maxBytes + 1), { code: 'attachment-too-large' });
    assert.equal(await lastSeq(c1, convId), 1);
  });

  it('a retry of a refused attachment with the same id can succeed once fixed', async () => {
    const attempt = (head: Uint8Array) => c1.send(convId, { kind: 'attachment', attachment: { name: 'cv.pdf', size: 100, head: b64(head) } }, 'm-cv');
    await assert.rejects(attempt(EXE), { code: 'attachment-type' });
    assert.equal((await attempt(PDF)).id, 'm-cv');
  });
});
