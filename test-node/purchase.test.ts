import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { ChatEngine, ManualClock, presets, type Charge, type Message, type PaymentsAdapter } from '../src/index.ts';
import { actor, flush, makeWorld, recorder, refused, START, type Actor, type World } from './fixtures.ts';

// P3 items the provider inserts (payment buttons, goodies) are bought by the customer in the chat,
// paid through the payments adapter like tributes (P4), never from a blocked pair (P6).

let world: World;
let c1: Actor, p1: Actor;
let convId: string;

const users = [
  { id: 'c1', role: 'customer' as const, name: 'Cam' },
  { id: 'c2', role: 'customer' as const },
  { id: 'p1', role: 'provider' as const, name: 'Ivy' },
];

const poster = { id: 'btn-poster', title: 'Signed poster', amountCents: 1500, url: 'https://shop.example/poster' };
const reading = { id: 'g-reading', title: 'Private reading', amountCents: 2500 };

const buy = (who: Actor, conversationId: string, itemId: string, id = `buy-${Math.random()}`) =>
  who.run<'buy'>({ type: 'buy', conversationId, id, itemId });
const purchases = () => world.payments.charges.filter((c) => c.reason === 'purchase');
const kinds = (messages: readonly Message[]) => messages.map((m) => m.kind);

async function setUp() {
  world = makeWorld({ policy: presets.paidChat(), users });
  c1 = actor(world.engine, 'c1');
  p1 = actor(world.engine, 'p1');
  const conv = await c1.start('p1');
  await c1.send(conv.id, 'hi!');
  convId = conv.id;
  await p1.send(conv.id, { kind: 'payment-button', button: poster }, 'item-poster');
  await p1.send(conv.id, { kind: 'goodie', goodie: reading, text: 'for you' }, 'item-reading');
}

describe('P3, P4 buying a payment button or a goodie in the chat', () => {
  beforeEach(setUp);

  it('the customer buys a payment button: charged as a purchase at the item\'s price, a purchase notice for both sides', async () => {
    const seenByProvider = recorder(world.engine, 'p1');
    const purchase = await buy(c1, convId, 'item-poster', 'buy-1');
    assert.deepEqual(
      { kind: purchase.kind, itemId: (purchase as { itemId?: string }).itemId, title: (purchase as { title?: string }).title, amountCents: (purchase as { amountCents?: number }).amountCents, authorId: purchase.authorId },
      { kind: 'purchase', itemId: 'item-poster', title: 'Signed poster', amountCents: 1500, authorId: 'c1' },
    );
    assert.deepEqual(purchases(), [{ reason: 'purchase', payerId: 'c1', payeeId: 'p1', amountCents: 1500, conversationId: convId, messageId: 'buy-1' }]);
    assert.deepEqual(kinds(await p1.history(convId)), ['text', 'payment-button', 'goodie', 'purchase']);
    assert.ok(seenByProvider.some((e) => e.type === 'message' && e.message.id === 'buy-1'), 'the provider is told');
  });

  it('a priced goodie is bought the same way', async () => {
    await buy(c1, convId, 'item-reading');
    assert.deepEqual(purchases().map((c) => c.amountCents), [2500]);
  });

  it('a declined charge is payment-declined: no purchase notice, nothing charged, and it can be bought later', async () => {
    world.payments.setBalance('c1', 1000);
    const seen = recorder(world.engine, 'p1');
    await refused(buy(c1, convId, 'item-poster', 'buy-1'), 'payment-declined');
    assert.deepEqual(purchases(), []);
    assert.deepEqual(kinds(await c1.history(convId)), ['text', 'payment-button', 'goodie']);
    assert.equal(seen.filter((e) => e.type === 'message').length, 0);
    world.payments.setBalance('c1', 2000);
    await buy(c1, convId, 'item-poster', 'buy-1');
    assert.equal(world.payments.balanceOf('c1'), 500);
  });

  it('an item bought once cannot be bought again by accident; the same client id resent is charged once', async () => {
    const [a, b] = await Promise.all([buy(c1, convId, 'item-poster', 'buy-1'), buy(c1, convId, 'item-poster', 'buy-1')]);
    assert.deepEqual(a, b);
    assert.deepEqual(await buy(c1, convId, 'item-poster', 'buy-1'), a);
    await refused(buy(c1, convId, 'item-poster', 'buy-2'), 'invalid');
    assert.equal(purchases().length, 1);
    assert.deepEqual(kinds(await c1.history(convId)), ['text', 'payment-button', 'goodie', 'purchase']);
  });

  it('two buys of one item racing each other (two client ids) charge once', async () => {
    const results = await Promise.allSettled([buy(c1, convId, 'item-poster', 'buy-a'), buy(c1, convId, 'item-poster', 'buy-b')]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    assert.equal(purchases().length, 1);
  });

  it('P6 a blocked pair cannot buy, either way round; nothing is charged', async () => {
    await p1.run<'block'>({ type: 'block', userId: 'c1' });
    await refused(buy(c1, convId, 'item-poster'), 'blocked');
    await p1.run<'unblock'>({ type: 'unblock', userId: 'c1' });
    await c1.run<'block'>({ type: 'block', userId: 'p1' });
    await refused(buy(c1, convId, 'item-poster'), 'blocked');
    assert.deepEqual(purchases(), []);
  });

  it('only the customer buys; only a priced payment button or goodie of this chat can be bought', async () => {
    await refused(buy(p1, convId, 'item-poster'), 'forbidden');
    await p1.send(convId, { kind: 'goodie', goodie: { id: 'g-free', title: 'A thank-you card' } }, 'item-free');
    await refused(buy(c1, convId, 'item-free'), 'invalid');
    const hi = (await c1.history(convId))[0];
    await refused(buy(c1, convId, hi.id), 'not-found');
    await refused(buy(c1, convId, 'nothing'), 'not-found');
    const other = await actor(world.engine, 'c2').start('p1');
    await refused(buy(c1, other.id, 'item-poster'), 'not-found');
    assert.deepEqual(purchases(), []);
  });

  it('a malformed buy is invalid and changes nothing', async () => {
    await refused(world.engine.execute('c1', { type: 'buy', conversationId: convId, itemId: 'item-poster' }), 'invalid');
    await refused(world.engine.execute('c1', { type: 'buy', conversationId: convId, id: 'b', itemId: 7 }), 'invalid');
    assert.deepEqual(purchases(), []);
  });
});

describe('purchases through the client, with a payments adapter that declines', () => {
  class Declining implements PaymentsAdapter {
    readonly asked: Charge[] = [];
    async charge(charge: Charge): Promise<void> {
      this.asked.push(charge);
      throw new Error('card declined');
    }
  }

  it('client.buy: a declined charge rejects with payment-declined and leaves the thread as it was', async (t) => {
    const payments = new Declining();
    const engine = new ChatEngine({ policy: presets.paidChat(), clock: new ManualClock(START), payments });
    t.after(() => engine.dispose());
    for (const user of users) engine.upsertUser(user);
    const { ChatClient, LocalTransport } = await import('../src/index.ts');
    const cam = new ChatClient({ transport: new LocalTransport(engine, { userId: 'c1' }) });
    const ivy = new ChatClient({ transport: new LocalTransport(engine, { userId: 'p1' }) });
    await cam.connect();
    await ivy.connect();
    const conversation = await cam.startConversation({ with: 'p1' });
    await cam.send(conversation.id, { kind: 'text', text: 'hi' });
    const item = await ivy.send(conversation.id, { kind: 'payment-button', button: poster });
    await flush();
    await refused(cam.buy(conversation.id, item.id), 'payment-declined');
    await flush();
    assert.deepEqual(payments.asked.filter((c) => c.reason === 'purchase').map((c) => c.amountCents), [1500]);
    assert.deepEqual(kinds(cam.state.messages[conversation.id]), ['text', 'payment-button']);
    assert.deepEqual(kinds(ivy.state.messages[conversation.id]), ['text', 'payment-button']);
  });

  it('client.buy: a paid item shows as paid to both sides (a purchase naming the item)', async () => {
    await setUp();
    const cam = await world.client('c1');
    const ivy = await world.client('p1');
    const purchase = await cam.buy(convId, 'item-reading');
    await flush();
    for (const client of [cam, ivy]) {
      const bought = client.state.messages[convId].filter((m) => m.kind === 'purchase');
      assert.deepEqual(bought.map((m) => m.id), [purchase.id]);
      assert.deepEqual(bought.map((m) => (m as { itemId?: string }).itemId), ['item-reading']);
    }
  });
});
