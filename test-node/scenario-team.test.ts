import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { presets, selectOffers, type Availability, type ChatClient, type Offer, type OfferClosedReason } from '../src/index.ts';
import { flush, makeWorld } from './fixtures.ts';

// T1–T5 end to end: one customer and a team of three agents, every user on a ChatClient over
// LocalTransport. The customer's later chats are about orders: each order has its own chat with
// the team (M1), so each is a new chat to route.

interface Seen {
  offers: Offer[];
  closed: Array<{ offerId: string; reason: OfferClosedReason; claimedBy?: string }>;
  availability: Availability[];
}

function record(client: ChatClient): Seen {
  const seen: Seen = { offers: [], closed: [], availability: [] };
  client.on('offer', (offer) => seen.offers.push(offer));
  client.on('offer-closed', (event) => seen.closed.push(event));
  client.on('availability', (availability) => seen.availability.push(availability));
  return seen;
}

describe('T1–T5 scenario: one customer, three agents', () => {
  it('offers, a claim, a missed chat, a pick-up, and the idle member made unavailable after three misses', async () => {
    const policy = presets.teamInbox();
    const { claimWindowMs, missesBeforeUnavailable } = policy.routing;
    assert.equal(missesBeforeUnavailable, 3, 'the scenario follows the spec default');
    const world = makeWorld({
      policy,
      users: [
        { id: 'dana', role: 'customer', name: 'Dana' },
        { id: 'ann', role: 'agent', teamId: 't1', name: 'Ann' },
        { id: 'ben', role: 'agent', teamId: 't1', name: 'Ben' },
        { id: 'idle', role: 'agent', teamId: 't1', name: 'Ida' },
      ],
    });
    const { engine, clock } = world;
    const dana = await world.client('dana');
    const ann = await world.client('ann');
    const ben = await world.client('ben');
    const idle = await world.client('idle');
    const seen = { ann: record(ann), ben: record(ben), idle: record(idle) };

    /** Dana opens a chat (about an order after the first) and writes; returns its offer as Ann sees it. */
    let orders = 0;
    async function danaWrites(offeredTo: ChatClient = ann): Promise<{ conversationId: string; offer: Offer }> {
      let orderId: string | undefined;
      if (orders++ > 0) {
        orderId = `o${orders}`;
        engine.recordOrder({ id: orderId, customerId: 'dana', providerId: 't1', title: `Order ${orders}`, amountCents: 1999 });
      }
      const conversation = await dana.startConversation({ with: 't1', ...(orderId ? { orderId } : {}) });
      await dana.send(conversation.id, { kind: 'text', text: `Question ${orders}` });
      await flush();
      const offer = selectOffers(offeredTo.state).find((o) => o.conversationId === conversation.id);
      assert.ok(offer, `chat ${orders} is offered`);
      return { conversationId: conversation.id, offer };
    }
    const closedOf = (who: Seen, offerId: string) => who.closed.filter((e) => e.offerId === offerId).map((e) => [e.reason, e.claimedBy]);

    // ---- Chat 1: offered to all three at once; Ann claims; Ben and the idle member are told.
    const chat1 = await danaWrites();
    for (const client of [ann, ben, idle]) {
      assert.deepEqual(selectOffers(client.state), [{
        id: chat1.offer.id, conversationId: chat1.conversationId,
        customer: { id: 'dana', name: 'Dana', returning: false }, offeredTo: 3, expiresAt: clock.now() + claimWindowMs,
      }]);
    }
    clock.advance(4_000);
    const claimed = await ann.claim(chat1.offer.id);
    await flush();
    assert.equal(claimed.ownerId, 'ann');
    assert.deepEqual(closedOf(seen.ann, chat1.offer.id), [['claimed', 'ann']]);
    assert.deepEqual(closedOf(seen.ben, chat1.offer.id), [['claimed-by-other', 'ann']]);
    assert.deepEqual(closedOf(seen.idle, chat1.offer.id), [['claimed-by-other', 'ann']]);
    for (const client of [ann, ben, idle]) assert.deepEqual(selectOffers(client.state), []);
    assert.equal(dana.state.conversations[chat1.conversationId].ownerId, 'ann');
    await assert.rejects(ben.claim(chat1.offer.id), { code: 'offer-taken' });
    await ann.send(chat1.conversationId, { kind: 'text', text: 'Hi Dana, Ann here.' });
    await flush();
    assert.equal(dana.state.messages[chat1.conversationId].at(-1)?.authorId, 'ann');

    // ---- Chat 2: Ann and Ben decline and stay available; the idle member says nothing. Missed.
    const chat2 = await danaWrites();
    assert.equal(chat2.offer.customer.returning, true, 'Dana chatted with the team before');
    assert.equal(chat2.offer.offeredTo, 3);
    await ann.decline(chat2.offer.id);
    await ben.decline(chat2.offer.id);
    await flush();
    assert.equal(dana.state.conversations[chat2.conversationId].queued, undefined, 'the idle member may still claim');
    clock.advance(claimWindowMs);
    await flush();
    const notice = dana.state.messages[chat2.conversationId].at(-1);
    assert.equal(notice?.kind === 'system' && notice.code, 'offer-missed');
    assert.equal(dana.state.conversations[chat2.conversationId].queued, true);
    assert.deepEqual(closedOf(seen.idle, chat2.offer.id), [['missed', undefined]]);
    assert.deepEqual(closedOf(seen.ann, chat2.offer.id), [['declined', undefined]]);
    // It waits in the queue until Ben picks it up.
    assert.equal(ben.state.conversations[chat2.conversationId].queued, true);
    assert.equal((await ben.pickUp(chat2.conversationId)).ownerId, 'ben');
    await assert.rejects(ann.pickUp(chat2.conversationId), { code: 'offer-taken' });
    await flush();
    assert.equal(dana.state.conversations[chat2.conversationId].ownerId, 'ben');

    // ---- Chat 3: Ben claims. For the idle member that is not a miss.
    const chat3 = await danaWrites();
    await ben.claim(chat3.offer.id);
    await flush();
    assert.deepEqual(closedOf(seen.idle, chat3.offer.id), [['claimed-by-other', 'ben']]);
    assert.deepEqual(seen.idle.availability, []);

    // ---- Chats 4 and 5: declined by the active members, missed by the idle one (misses 2 and 3).
    for (let miss = 2; miss <= missesBeforeUnavailable; miss++) {
      const chat = await danaWrites();
      assert.equal(chat.offer.offeredTo, 3);
      await ann.decline(chat.offer.id);
      await ben.decline(chat.offer.id);
      clock.advance(claimWindowMs);
      await flush();
      assert.equal(dana.state.conversations[chat.conversationId].queued, true);
      if (miss < missesBeforeUnavailable) assert.deepEqual(seen.idle.availability, []);
    }
    assert.deepEqual(seen.idle.availability, [{ available: false, reason: 'missed-in-a-row' }]);
    assert.deepEqual(idle.state.availability, { available: false, reason: 'missed-in-a-row' });
    for (const [who, client] of [['ann', ann], ['ben', ben]] as const) {
      assert.deepEqual(seen[who].availability, [], `${who} was never made unavailable`);
      assert.deepEqual(client.state.availability, { available: true });
    }

    // ---- Chat 6: offered to the two available members only, until the idle one goes available.
    const chat6 = await danaWrites();
    assert.equal(chat6.offer.offeredTo, 2);
    assert.deepEqual(selectOffers(idle.state), []);
    clock.advance(5_000);
    assert.deepEqual(await idle.setAvailable(true), { available: true });
    await flush();
    const late = selectOffers(idle.state);
    assert.equal(late.length, 1);
    assert.equal(late[0].id, chat6.offer.id);
    assert.equal(late[0].expiresAt - clock.now(), claimWindowMs - 5_000);
    assert.equal((await idle.claim(chat6.offer.id)).ownerId, 'idle');
    await flush();
    assert.deepEqual(closedOf(seen.ann, chat6.offer.id), [['claimed-by-other', 'idle']]);
    assert.deepEqual(closedOf(seen.ben, chat6.offer.id), [['claimed-by-other', 'idle']]);

    // Dana's list: six chats with the team; chats 4 and 5 still wait in the queue.
    const chats = Object.values(dana.state.conversations);
    assert.equal(chats.length, 6);
    assert.equal(chats.filter((c) => c.queued).length, 2);
    assert.equal(clock.pendingTimers, 0, 'no countdown left running');
  });
});
