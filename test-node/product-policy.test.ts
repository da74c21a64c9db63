/**
 * One engine, several products (R2): a provider (or its team, or a channel) carries its own
 * product's policy, merged over the engine's for its conversations. The rules of a chat follow
 * that chat's product, not the engine's: a care channel has no volleys and no tributes, a paid
 * provider's chat has no care statuses and no routing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { presets } from '../src/index.ts';
import { actor, exec, flush, makeWorld, refused } from './fixtures.ts';

const HOUR = 3_600_000;

/** An engine whose own policy is paid chat, a paid provider with a routed team, and a care channel. */
function products() {
  return makeWorld({
    policy: presets.paidChat(),
    users: [
      { id: 'cam', role: 'customer', name: 'Cam' },
      { id: 'ivy', role: 'provider', name: 'Ivy', teamId: 'ivy-team', policy: { volley: { enabled: true }, tribute: { enabled: true }, routing: { enabled: true } } },
      { id: 'ann', role: 'agent', name: 'Ann', teamId: 'ivy-team' },
      { id: 'acme', role: 'provider', name: 'Acme Coffee', teamId: 'acme-care', policy: presets.customerCare() },
      { id: 'kim', role: 'agent', name: 'Kim', teamId: 'acme-care' },
    ],
  });
}

describe('per-product policy', () => {
  it("a care channel's reply is not a volley, and it cannot be tipped", async () => {
    const { engine, payments, clock } = products();
    const cam = actor(engine, 'cam');
    const kim = actor(engine, 'kim');
    const chat = await cam.start('acme');
    await cam.send(chat.id, 'my order is late');
    clock.advance(HOUR);
    const reply = await kim.send(chat.id, 'sorry, on it');
    assert.equal(reply.volley, undefined);
    const before = payments.balanceOf('acme');
    await refused(exec(engine, 'cam', { type: 'send-tribute', conversationId: chat.id, id: 't1', amountCents: 500 }), 'forbidden');
    await refused(exec(engine, 'kim', { type: 'request-tribute', conversationId: chat.id, id: 't2', amountCents: 500 }), 'forbidden');
    assert.equal(payments.balanceOf('acme'), before);
    assert.equal((await cam.history(chat.id)).length, 2, 'a refused tribute leaves the chat unchanged');
  });

  it('a care channel\'s chat has care statuses: the agent who answers owns it', async () => {
    const { engine } = products();
    const cam = actor(engine, 'cam');
    const chat = await cam.start('acme');
    await cam.send(chat.id, 'hello');
    assert.equal((await cam.start('acme')).status, 'unanswered');
    await actor(engine, 'kim').send(chat.id, 'hi');
    const view = await cam.start('acme');
    assert.equal(view.status, 'active');
    assert.equal(view.ownerId, 'kim');
  });

  it("a paid provider's reply is a volley and can be tipped, and its chat has no care status", async () => {
    const { engine, clock } = products();
    const cam = actor(engine, 'cam');
    const chat = await cam.start('ivy');
    await cam.send(chat.id, 'hi Ivy');
    clock.advance(HOUR);
    const reply = await actor(engine, 'ivy').send(chat.id, 'hello Cam');
    assert.equal(reply.volley, true);
    const view = await cam.start('ivy');
    assert.equal(view.status, undefined);
    const tribute = await exec(engine, 'cam', { type: 'send-tribute', conversationId: chat.id, id: 't1', amountCents: 500 });
    assert.equal(tribute.kind, 'tribute');
  });

  it("a paid provider's team is routed, a care channel's is not", async () => {
    const { engine } = products();
    const cam = actor(engine, 'cam');
    const offersTo = (userId: string) => {
      const events: string[] = [];
      engine.connect(userId, (event) => event.type === 'offer' && events.push(event.offer.conversationId));
      return events;
    };
    const ann = offersTo('ann');
    const kim = offersTo('kim');
    const paid = await cam.start('ivy');
    await cam.send(paid.id, 'hi');
    const care = await cam.start('acme');
    await cam.send(care.id, 'hi');
    await flush();
    assert.deepEqual(ann, [paid.id]);
    assert.deepEqual(kim, []);
  });

  it("the conversation tells the UI its own product's policy; staff get their party's policy", async () => {
    const { engine } = products();
    const cam = actor(engine, 'cam');
    const care = await cam.start('acme');
    const paid = await cam.start('ivy');
    assert.equal(care.policy?.care?.enabled, true);
    assert.equal(care.policy?.tribute?.enabled, false);
    assert.equal(paid.policy?.tribute?.enabled, true);
    const kim = await actor(engine, 'kim').hello();
    assert.equal(kim.policy.care.enabled, true);
    assert.equal(kim.policy.volley.enabled, false);
    const ann = await actor(engine, 'ann').hello();
    assert.equal(ann.policy.routing.enabled, true);
    assert.equal(ann.policy.care.enabled, false);
    // A customer reads the engine's policy; each chat's own overrides it.
    const customer = (await cam.hello()).policy;
    assert.equal(customer.tribute.enabled, true);
    assert.equal(customer.care.enabled, false);
  });

  it("a party's policy survives an upsert that does not name one (a token's)", async () => {
    const { engine } = products();
    engine.upsertUser({ id: 'ivy', role: 'provider', name: 'Ivy', teamId: 'ivy-team' });
    const chat = await actor(engine, 'cam').start('ivy');
    assert.equal(chat.policy?.routing?.enabled, true);
  });

  it('a policy that is not an object of families is refused', () => {
    const { engine } = products();
    assert.throws(() => engine.upsertUser({ id: 'zed', role: 'provider', policy: 'paid' as never }), { code: 'invalid' });
    assert.throws(() => engine.upsertUser({ id: 'zed', role: 'provider', policy: { volley: 3 } as never }), { code: 'invalid' });
  });

  it("the provider card prices a reply only where the party's product has volleys", async () => {
    const { engine } = products();
    const card = (id: string) => exec(engine, 'cam', { type: 'provider-card', providerId: id });
    assert.equal((await card('ivy')).volleyCents, 66);
    assert.equal((await card('acme')).volleyCents, undefined);
  });
});

describe('order chats (M1)', () => {
  it('an order chat names its order; the pre-order chat does not', async () => {
    const { engine } = products();
    engine.recordOrder({ id: 'o1', customerId: 'cam', providerId: 'ivy', title: 'Tarot reading, 30 min', amountCents: 2500 });
    const cam = actor(engine, 'cam');
    const inbox = await cam.start('ivy');
    const order = await cam.start('ivy', 'o1');
    assert.equal(inbox.orderTitle, undefined);
    assert.equal(order.orderId, 'o1');
    assert.equal(order.orderTitle, 'Tarot reading, 30 min');
  });

  it("a member of the provider's team opens the order chat the customer started", async () => {
    const { engine } = products();
    engine.recordOrder({ id: 'o1', customerId: 'cam', providerId: 'ivy', title: 'Tarot reading, 30 min', amountCents: 2500 });
    const order = await actor(engine, 'cam').start('ivy', 'o1');
    assert.equal((await actor(engine, 'ann').start('cam', 'o1')).id, order.id);
  });
});
