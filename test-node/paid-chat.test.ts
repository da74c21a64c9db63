import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { presets, selectConversationList, type ChatEvent, type Message, type Policy } from '../src/index.ts';
import { actor, flush, makeWorld, START, type Actor, type World } from './fixtures.ts';

const HOUR = 3_600_000;

let world: World;
let c1: Actor, c2: Actor, p1: Actor, p2: Actor;
let policy: Policy;

function setUp(p: Policy = presets.paidChat()) {
  policy = p;
  world = makeWorld({
    policy,
    users: [
      { id: 'c1', role: 'customer', name: 'Cleo' },
      { id: 'c2', role: 'customer' },
      { id: 'p1', role: 'provider', name: 'Ivy' },
      { id: 'p2', role: 'provider', name: 'Max' },
    ],
  });
  c1 = actor(world.engine, 'c1');
  c2 = actor(world.engine, 'c2');
  p1 = actor(world.engine, 'p1');
  p2 = actor(world.engine, 'p2');
}

/** A conversation c1 → p1 in which the customer has written once (at the current clock time). */
async function openChat(customer: Actor = c1, provider = 'p1'): Promise<string> {
  const conv = await customer.start(provider);
  await customer.send(conv.id, 'hi!');
  return conv.id;
}

const requestTribute = (who: Actor, conversationId: string, amountCents: number, extra: { note?: string; id?: string } = {}) =>
  who.run<'request-tribute'>({ type: 'request-tribute', conversationId, id: extra.id ?? `req-${Math.random()}`, amountCents, ...(extra.note ? { note: extra.note } : {}) });

const sendTribute = (who: Actor, conversationId: string, amountCents: number, extra: { requestId?: string; id?: string; note?: string } = {}) =>
  who.run<'send-tribute'>({
    type: 'send-tribute', conversationId, id: extra.id ?? `tri-${Math.random()}`, amountCents,
    ...(extra.requestId ? { requestId: extra.requestId } : {}), ...(extra.note ? { note: extra.note } : {}),
  });

const chargesFor = (reason: 'volley' | 'tribute') => world.payments.charges.filter((c) => c.reason === reason);
const viewOf = async (who: Actor, conversationId: string) => (await who.hello()).conversations.find((c) => c.id === conversationId)!;
const kinds = (messages: readonly Message[]) => messages.map((m) => m.kind);

describe('P1 volleys', () => {
  beforeEach(() => setUp());

  it('the first provider reply within the window is a volley, reported to payments', async () => {
    const convId = await openChat();
    world.clock.advance(HOUR);
    const reply = await p1.send(convId, 'hello!');
    assert.equal(reply.volley, true);
    assert.deepEqual(world.payments.charges, [{
      reason: 'volley', payerId: 'c1', payeeId: 'p1', amountCents: policy.volley.earningsCents, conversationId: convId, messageId: reply.id,
    }]);
  });

  it('pins the spec default: 12 h and $0.66', () => {
    assert.equal(presets.paidChat().volley.windowMs, 12 * HOUR);
    assert.equal(presets.paidChat().volley.earningsCents, 66);
  });

  it('exactly windowMs after the customer message still counts', async () => {
    const convId = await openChat();
    world.clock.advance(policy.volley.windowMs);
    assert.equal((await p1.send(convId, 'just in time')).volley, true);
    assert.equal(chargesFor('volley').length, 1);
  });

  it('a reply windowMs + 1 ms after the customer message is not a volley', async () => {
    const convId = await openChat();
    world.clock.advance(policy.volley.windowMs + 1);
    const reply = await p1.send(convId, 'sorry, late');
    assert.equal(reply.volley, undefined);
    assert.deepEqual(world.payments.charges, []);
  });

  it('only the first provider message after a customer message is a volley', async () => {
    const convId = await openChat();
    const first = await p1.send(convId, 'one');
    const second = await p1.send(convId, 'two');
    world.clock.advance(HOUR);
    const third = await p1.send(convId, 'three');
    assert.deepEqual([first.volley, second.volley, third.volley], [true, undefined, undefined]);
    assert.deepEqual(chargesFor('volley').map((c) => c.messageId), [first.id]);
  });

  it('a late reply uses the window up: the next provider message is not a volley either', async () => {
    const convId = await openChat();
    world.clock.advance(policy.volley.windowMs + 1);
    await p1.send(convId, 'late');
    assert.equal((await p1.send(convId, 'still late')).volley, undefined);
    assert.deepEqual(world.payments.charges, []);
  });

  it('the window restarts at each customer message', async () => {
    const convId = await openChat();
    world.clock.advance(policy.volley.windowMs);
    await c1.send(convId, 'still there?');
    // Now 2 × windowMs after the first customer message, but exactly windowMs after the latest one.
    world.clock.advance(policy.volley.windowMs);
    const reply = await p1.send(convId, 'yes!');
    assert.equal(reply.volley, true);
    assert.equal(reply.at - START, 2 * policy.volley.windowMs);
  });

  it('each customer message opens a new volley: two exchanges, two volleys', async () => {
    const convId = await openChat();
    const a = await p1.send(convId, 'hello');
    world.clock.advance(HOUR);
    await c1.send(convId, 'tell me more');
    world.clock.advance(HOUR);
    const b = await p1.send(convId, 'sure');
    assert.deepEqual(chargesFor('volley').map((c) => c.messageId), [a.id, b.id]);
    assert.equal(world.payments.earnings('p1'), 2 * policy.volley.earningsCents);
  });

  it('volleys are counted per conversation', async () => {
    const one = await openChat(c1);
    const two = await openChat(c2);
    await p1.send(one, 'hi c1');
    await p1.send(two, 'hi c2');
    assert.deepEqual(chargesFor('volley').map((c) => [c.payerId, c.conversationId]), [['c1', one], ['c2', two]]);
  });

  it('the engine also tells the host through its volley event', async () => {
    const events: unknown[] = [];
    world.engine.on('volley', (v) => events.push(v));
    const convId = await openChat();
    const reply = await p1.send(convId, 'hello');
    assert.deepEqual(events, [{ conversationId: convId, messageId: reply.id, providerId: 'p1', customerId: 'c1', earningsCents: policy.volley.earningsCents }]);
  });

  it('both sides see the volley flag in the history (the thread indicator)', async () => {
    const convId = await openChat();
    const reply = await p1.send(convId, 'hello');
    for (const who of [c1, p1]) assert.equal((await who.history(convId)).find((m) => m.id === reply.id)?.volley, true);
  });

  it('a paidChat policy with other earningsCents is honoured', async () => {
    setUp(presets.paidChat({ volley: { earningsCents: 150 } }));
    const convId = await openChat();
    await p1.send(convId, 'hello');
    assert.deepEqual(chargesFor('volley').map((c) => c.amountCents), [150]);
  });

  it('a shorter windowMs from the policy is honoured', async () => {
    setUp(presets.paidChat({ volley: { windowMs: HOUR } }));
    const convId = await openChat();
    world.clock.advance(HOUR + 1);
    assert.equal((await p1.send(convId, 'late for this host')).volley, undefined);
    assert.deepEqual(world.payments.charges, []);
  });

  for (const name of ['teamInbox', 'customerCare', 'clientDMs', 'marketplace'] as const) {
    it(`volleys are off in the ${name} preset`, async () => {
      setUp(presets[name]());
      const convId = await openChat();
      const reply = await p1.send(convId, 'hello');
      assert.equal(reply.volley, undefined);
      assert.deepEqual(world.payments.charges, []);
    });
  }
});

describe('P4 tribute requests and tributes', () => {
  let convId: string;
  beforeEach(async () => {
    setUp();
    convId = await openChat();
  });

  it('only the provider side can request a tribute', async () => {
    await assert.rejects(requestTribute(c1, convId, 500), { code: 'forbidden' });
    assert.deepEqual(kinds(await c1.history(convId)), ['text']);
  });

  it('only the customer can send a tribute', async () => {
    await assert.rejects(sendTribute(p1, convId, 500), { code: 'forbidden' });
    assert.deepEqual(chargesFor('tribute'), []);
    assert.deepEqual(kinds(await p1.history(convId)), ['text']);
  });

  it('a request card carries the amount and note', async () => {
    const request = await requestTribute(p1, convId, 700, { note: 'for the custom video' });
    assert.equal(request.kind, 'tribute-request');
    assert.ok(request.kind === 'tribute-request');
    assert.equal(request.amountCents, 700);
    assert.equal(request.note, 'for the custom video');
    assert.deepEqual(kinds(await c1.history(convId)), ['text', 'tribute-request']);
  });

  it('a tribute request pays in one click with the matching amount', async () => {
    const request = await requestTribute(p1, convId, 700, { id: 'req-1' });
    const tribute = await sendTribute(c1, convId, 700, { requestId: 'req-1', id: 'tri-1' });
    assert.ok(tribute.kind === 'tribute');
    assert.equal(tribute.amountCents, 700);
    assert.equal(tribute.requestId, request.id);
    assert.deepEqual(chargesFor('tribute'), [{ reason: 'tribute', payerId: 'c1', payeeId: 'p1', amountCents: 700, conversationId: convId, messageId: 'tri-1' }]);
  });

  it('a tribute without a request is sent from the tribute button', async () => {
    const tribute = await sendTribute(c1, convId, 300, { note: 'thanks!' });
    assert.ok(tribute.kind === 'tribute');
    assert.equal(tribute.note, 'thanks!');
    assert.deepEqual(chargesFor('tribute').map((c) => c.amountCents), [300]);
  });

  it('a paid request cannot be paid again', async () => {
    await requestTribute(p1, convId, 700, { id: 'req-1' });
    await sendTribute(c1, convId, 700, { requestId: 'req-1' });
    await assert.rejects(sendTribute(c1, convId, 700, { requestId: 'req-1' }), { code: 'invalid' });
    assert.equal(chargesFor('tribute').length, 1);
    assert.deepEqual(kinds(await c1.history(convId)), ['text', 'tribute-request', 'tribute']);
  });

  it('two payments of one request racing each other charge once', async () => {
    await requestTribute(p1, convId, 700, { id: 'req-1' });
    const results = await Promise.allSettled([
      sendTribute(c1, convId, 700, { requestId: 'req-1', id: 'tri-a' }),
      sendTribute(c1, convId, 700, { requestId: 'req-1', id: 'tri-b' }),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.equal(refused.reason.code, 'invalid');
    assert.equal(chargesFor('tribute').length, 1);
    assert.deepEqual(kinds(await c1.history(convId)), ['text', 'tribute-request', 'tribute']);
  });

  it('a tribute resent with the same id is charged once, also when both are in flight', async () => {
    const [a, b] = await Promise.all([sendTribute(c1, convId, 400, { id: 'tri-1' }), sendTribute(c1, convId, 400, { id: 'tri-1' })]);
    const c = await sendTribute(c1, convId, 400, { id: 'tri-1' });
    assert.deepEqual(a, b);
    assert.deepEqual(c, a);
    assert.equal(chargesFor('tribute').length, 1);
    assert.deepEqual(kinds(await c1.history(convId)), ['text', 'tribute']);
  });

  it('an amount that does not match the request is invalid and charges nothing', async () => {
    await requestTribute(p1, convId, 700, { id: 'req-1' });
    await assert.rejects(sendTribute(c1, convId, 600, { requestId: 'req-1' }), { code: 'invalid' });
    assert.deepEqual(chargesFor('tribute'), []);
    // The request is still open.
    await sendTribute(c1, convId, 700, { requestId: 'req-1' });
    assert.equal(chargesFor('tribute').length, 1);
  });

  it('an unknown request is not-found', async () => {
    await assert.rejects(sendTribute(c1, convId, 700, { requestId: 'req-missing' }), { code: 'not-found' });
    assert.deepEqual(chargesFor('tribute'), []);
  });

  it('an amount outside the policy range is invalid', async () => {
    await assert.rejects(sendTribute(c1, convId, policy.tribute.minCents - 1), { code: 'invalid' });
    await assert.rejects(sendTribute(c1, convId, policy.tribute.maxCents + 1), { code: 'invalid' });
    await assert.rejects(requestTribute(p1, convId, policy.tribute.maxCents + 1), { code: 'invalid' });
    assert.deepEqual(chargesFor('tribute'), []);
    assert.deepEqual(kinds(await c1.history(convId)), ['text']);
  });

  it('a declined payment is payment-declined: no tribute message, no charge, balance kept', async () => {
    await requestTribute(p1, convId, 700, { id: 'req-1' });
    world.payments.setBalance('c1', 699);
    const before = await p1.history(convId);
    await assert.rejects(sendTribute(c1, convId, 700, { requestId: 'req-1', id: 'tri-1' }), { code: 'payment-declined' });
    assert.deepEqual(await p1.history(convId), before);
    assert.deepEqual(await c1.history(convId), before);
    assert.deepEqual(chargesFor('tribute'), []);
    assert.equal(world.payments.balanceOf('c1'), 699);
  });

  it('after a declined payment the request can still be paid once the balance allows', async () => {
    await requestTribute(p1, convId, 700, { id: 'req-1' });
    world.payments.setBalance('c1', 100);
    await assert.rejects(sendTribute(c1, convId, 700, { requestId: 'req-1', id: 'tri-1' }), { code: 'payment-declined' });
    world.payments.setBalance('c1', 1_000);
    // The same client id may be retried after a refusal: nothing was stored under it.
    const tribute = await sendTribute(c1, convId, 700, { requestId: 'req-1', id: 'tri-1' });
    assert.equal(tribute.id, 'tri-1');
    assert.equal(world.payments.balanceOf('c1'), 300);
  });

  it('a tribute shows as a tribute message to both sides', async () => {
    const events: Record<string, ChatEvent[]> = { c1: [], p1: [] };
    for (const id of ['c1', 'p1']) world.engine.connect(id, (e) => events[id].push(e));
    const tribute = await sendTribute(c1, convId, 500, { id: 'tri-1' });
    for (const who of [c1, p1]) {
      const seen = events[who.id].filter((e) => e.type === 'message').map((e) => (e as Extract<ChatEvent, { type: 'message' }>).message);
      assert.deepEqual(seen.map((m) => [m.id, m.kind]), [['tri-1', 'tribute']], who.id);
      assert.deepEqual((await who.history(convId)).at(-1), tribute);
    }
  });

  it('a declined tribute reaches nobody', async () => {
    const events: ChatEvent[] = [];
    for (const id of ['c1', 'p1']) world.engine.connect(id, (e) => events.push(e));
    world.payments.setBalance('c1', 0);
    await assert.rejects(sendTribute(c1, convId, 500), { code: 'payment-declined' });
    assert.deepEqual(events.filter((e) => e.type === 'message'), []);
  });

  it('tributes are off in presets without them', async () => {
    setUp(presets.clientDMs());
    const id = await openChat();
    await assert.rejects(requestTribute(p1, id, 500), { code: 'forbidden' });
    await assert.rejects(sendTribute(c1, id, 500), { code: 'forbidden' });
    assert.deepEqual(world.payments.charges, []);
  });

  it('tributes mix with another family: a tribute note with contact details is refused in a marketplace inbox', async () => {
    setUp(presets.paidChat({ contactGuard: { enabled: true } }));
    const id = await openChat();
    await assert.rejects(sendTribute(c1, id, 500, { note: 'text me at ivy@gmail.com' }), { code: 'contact-info' });
    assert.deepEqual(world.payments.charges, []);
  });
});

describe('P5 customer details and private notes', () => {
  beforeEach(() => setUp());

  const details = (who: Actor, customerId: string) => who.run<'customer-details'>({ type: 'customer-details', customerId });
  const setNote = (who: Actor, customerId: string, text: string) => who.run<'set-note'>({ type: 'set-note', customerId, text });

  it('the overview counts first contact, volleys, tributes and the last message', async () => {
    const conv = await c1.start('p1');
    world.clock.advance(HOUR); // opening the chat is not contact: the first message is
    const first = await c1.send(conv.id, 'hi');
    world.clock.advance(HOUR);
    await p1.send(conv.id, 'hello'); // volley 1
    await p1.send(conv.id, 'how are you?'); // not a volley
    world.clock.advance(HOUR);
    await sendTribute(c1, conv.id, 500);
    world.clock.advance(policy.volley.windowMs + 1);
    await p1.send(conv.id, 'sorry, I was away'); // too late: not a volley
    world.clock.advance(HOUR);
    await c1.send(conv.id, 'no problem');
    world.clock.advance(HOUR);
    await requestTribute(p1, conv.id, 700, { id: 'req-1' }); // volley 2
    world.clock.advance(60_000);
    const last = await sendTribute(c1, conv.id, 700, { requestId: 'req-1' });

    assert.deepEqual(await details(p1, 'c1'), {
      customer: { id: 'c1', name: 'Cleo' },
      firstContactAt: first.at,
      lastMessageAt: last.at,
      volleys: 2,
      tributes: { count: 2, totalCents: 1_200 },
      note: '',
    });
    assert.equal(first.at, START + HOUR);
    assert.equal(chargesFor('volley').length, 2);
  });

  it('a provider the customer never wrote to gets not-found', async () => {
    await openChat();
    await assert.rejects(details(p2, 'c1'), { code: 'not-found' });
    await assert.rejects(details(p1, 'nobody'), { code: 'not-found' });
  });

  it('customers get an error asking for details or writing notes', async () => {
    await openChat();
    await assert.rejects(details(c1, 'c1'), { code: 'forbidden' });
    await assert.rejects(details(c1, 'c2'), { code: 'forbidden' });
    await assert.rejects(setNote(c1, 'c1', 'I am nice'), { code: 'forbidden' });
    assert.equal((await details(p1, 'c1')).note, '');
  });

  it('the provider edits a private note, kept with the details', async () => {
    await openChat();
    assert.equal((await setNote(p1, 'c1', 'prefers video calls')).note, 'prefers video calls');
    assert.equal((await details(p1, 'c1')).note, 'prefers video calls');
    await setNote(p1, 'c1', 'prefers voice notes');
    assert.equal((await details(p1, 'c1')).note, 'prefers voice notes');
  });

  it('the note is not visible to the customer and is not a message', async () => {
    const convId = await openChat();
    const events: ChatEvent[] = [];
    world.engine.connect('c1', (e) => events.push(e));
    await setNote(p1, 'c1', 'SECRET-NOTE big spender');
    const seenByCustomer = JSON.stringify([await c1.hello(), await c1.history(convId), events]);
    assert.equal(seenByCustomer.includes('SECRET-NOTE'), false);
    assert.deepEqual(events, []);
    assert.equal((await viewOf(c1, convId)).lastSeq, 1);
  });

  it('notes are per provider', async () => {
    await openChat(c1, 'p1');
    await openChat(c1, 'p2');
    await setNote(p1, 'c1', 'from Ivy');
    assert.equal((await details(p2, 'c1')).note, '');
  });

  it('a note longer than policy.messages.maxNoteLength is too-long and keeps the old note', async () => {
    await openChat();
    await setNote(p1, 'c1', 'short');
    await assert.rejects(setNote(p1, 'c1', 'x'.repeat(policy.messages.maxNoteLength + 1)), { code: 'too-long' });
    assert.equal((await details(p1, 'c1')).note, 'short');
  });
});

describe('P6 block both ways', () => {
  let convId: string;
  beforeEach(async () => {
    setUp();
    convId = await openChat();
    await p1.send(convId, 'welcome');
  });

  const block = (who: Actor, userId: string) => who.run<'block'>({ type: 'block', userId });
  const unblock = (who: Actor, userId: string) => who.run<'unblock'>({ type: 'unblock', userId });

  it('a customer blocks a provider: the provider can no longer message or request tributes', async () => {
    assert.deepEqual(await block(c1, 'p1'), ['p1']);
    const before = await c1.history(convId);
    await assert.rejects(p1.send(convId, 'are you there?'), { code: 'blocked' });
    await assert.rejects(requestTribute(p1, convId, 500), { code: 'blocked' });
    assert.deepEqual(await p1.history(convId), before);
  });

  it('a provider blocks a customer: the customer can no longer message or tribute', async () => {
    assert.deepEqual(await block(p1, 'c1'), ['c1']);
    const before = await c1.history(convId);
    await assert.rejects(c1.send(convId, 'hello?'), { code: 'blocked' });
    await assert.rejects(sendTribute(c1, convId, 500), { code: 'blocked' });
    assert.deepEqual(await p1.history(convId), before);
    assert.deepEqual(chargesFor('tribute'), []);
  });

  it('a blocked customer cannot pay an open tribute request either', async () => {
    await requestTribute(p1, convId, 500, { id: 'req-1' });
    await block(p1, 'c1');
    await assert.rejects(sendTribute(c1, convId, 500, { requestId: 'req-1' }), { code: 'blocked' });
    assert.deepEqual(chargesFor('tribute'), []);
  });

  it("the blocked party's conversation view carries refusal: 'blocked'", async () => {
    assert.equal((await viewOf(c1, convId)).refusal, undefined);
    await block(p1, 'c1');
    assert.equal((await viewOf(c1, convId)).refusal, 'blocked');
    await unblock(p1, 'c1');
    await block(c1, 'p1');
    assert.equal((await viewOf(p1, convId)).refusal, 'blocked');
  });

  it('the blocked party is told live through a conversation event', async () => {
    const views: unknown[] = [];
    world.engine.connect('c1', (e) => { if (e.type === 'conversation') views.push(e.conversation.refusal); });
    await block(p1, 'c1');
    assert.deepEqual(views, ['blocked']);
  });

  it('the blocker sees a blocked list', async () => {
    await block(c1, 'p1');
    await block(c1, 'p2');
    assert.deepEqual((await c1.hello()).blocked, ['p1', 'p2']);
    await block(p1, 'c2');
    assert.deepEqual((await p1.hello()).blocked, ['c2']);
    assert.deepEqual((await c2.hello()).blocked, []);
  });

  it('unblock returns the list and restores sending, both ways', async () => {
    await block(c1, 'p1');
    assert.deepEqual(await unblock(c1, 'p1'), []);
    assert.equal((await p1.send(convId, 'back again')).authorId, 'p1');
    await block(p1, 'c1');
    assert.deepEqual(await unblock(p1, 'c1'), []);
    assert.equal((await c1.send(convId, 'thanks')).authorId, 'c1');
    await sendTribute(c1, convId, 500);
    assert.equal(chargesFor('tribute').length, 1);
    assert.equal((await viewOf(c1, convId)).refusal, undefined);
  });

  it('blocking an unknown person is not-found', async () => {
    await assert.rejects(block(c1, 'nobody'), { code: 'not-found' });
    await assert.rejects(block(p1, 'p2'), { code: 'not-found' });
    assert.deepEqual((await c1.hello()).blocked, []);
  });
});

describe('P7 close per user', () => {
  let convId: string;
  beforeEach(async () => {
    setUp();
    convId = await openChat();
    await p1.send(convId, 'welcome');
  });

  const close = (who: Actor) => who.run<'close'>({ type: 'close', conversationId: convId });

  it('a chat closed by the customer is closed only for the customer', async () => {
    assert.equal((await close(c1)).closed, true);
    assert.equal((await viewOf(c1, convId)).closed, true);
    assert.equal((await viewOf(p1, convId)).closed, false);
  });

  it('a chat closed by the provider is closed only for the provider', async () => {
    assert.equal((await close(p1)).closed, true);
    assert.equal((await viewOf(p1, convId)).closed, true);
    assert.equal((await viewOf(c1, convId)).closed, false);
  });

  it('it stays closed while nothing new arrives from the other party', async () => {
    await close(p1);
    world.clock.advance(24 * HOUR);
    await c1.run<'mark-read'>({ type: 'mark-read', conversationId: convId });
    await close(c1);
    assert.equal((await viewOf(p1, convId)).closed, true);
  });

  it("the other party's next message reopens it for the provider", async () => {
    await close(p1);
    await c1.send(convId, 'one more question');
    assert.equal((await viewOf(p1, convId)).closed, false);
  });

  it("the provider's next message reopens it for the customer", async () => {
    await close(c1);
    await p1.send(convId, 'new photos are up');
    assert.equal((await viewOf(c1, convId)).closed, false);
  });

  it('a tribute is a message from the customer: it reopens the chat for the provider', async () => {
    await close(p1);
    await sendTribute(c1, convId, 500);
    assert.equal((await viewOf(p1, convId)).closed, false);
  });

  it('a customer who closed reopens by starting the conversation again', async () => {
    await close(c1);
    const again = await c1.start('p1');
    assert.equal(again.id, convId);
    assert.equal(again.closed, false);
    assert.equal((await viewOf(c1, convId)).closed, false);
  });

  it("the client's list hides the closed chat and shows it again after startConversation", async () => {
    const client = await world.client('c1');
    assert.deepEqual(selectConversationList(client.state).map((c) => c.id), [convId]);
    await client.closeConversation(convId);
    await flush();
    assert.deepEqual(selectConversationList(client.state), []);
    await client.startConversation({ with: 'p1' });
    await flush();
    assert.deepEqual(selectConversationList(client.state).map((c) => c.id), [convId]);
    assert.equal(client.state.conversations[convId].closed, false);
  });

  it('a closed chat is closed in a new snapshot too (the server keeps it)', async () => {
    await close(c1);
    const client = await world.client('c1');
    assert.equal(client.state.conversations[convId].closed, true);
    assert.deepEqual(selectConversationList(client.state), []);
  });
});
