import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { ChatEngine, presets, type ChatEvent, type Clock, type Conversation, type Message, type Offer, type Policy } from '../src/index.ts';
import { missesMakeUnavailable, nextMissStreak, offerIsOpen } from '../src/rules/routing.ts';
import { actor, makeWorld, refused, START, type World } from './fixtures.ts';

// T1–T5: a team inbox. Members are agents of team 't1'; customers start chats with 't1' and the
// offer goes out on the customer's first message.

type EventOf<T extends ChatEvent['type']> = Extract<ChatEvent, { type: T }>;

interface Team extends World {
  policy: Policy;
  /** Every event each connected user received, in order (engine listeners are synchronous). */
  events: Map<string, ChatEvent[]>;
}

function makeTeam(members: string[], policy: Policy = presets.teamInbox()): Team {
  const world = makeWorld({ policy });
  const events = new Map<string, ChatEvent[]>();
  for (const id of members) {
    world.engine.upsertUser({ id, role: 'agent', teamId: 't1' });
    listen(world, events, id);
  }
  return { ...world, policy, events };
}

function listen(world: World, events: Map<string, ChatEvent[]>, userId: string): void {
  if (events.has(userId)) return;
  const list: ChatEvent[] = [];
  events.set(userId, list);
  world.engine.connect(userId, (event) => list.push(event));
}

function eventsOf<T extends ChatEvent['type']>(team: Team, userId: string, type: T): EventOf<T>[] {
  return (team.events.get(userId) ?? []).filter((e): e is EventOf<T> => e.type === type);
}

function offersFor(team: Team, userId: string, conversationId?: string): Offer[] {
  return eventsOf(team, userId, 'offer').map((e) => e.offer).filter((o) => conversationId === undefined || o.conversationId === conversationId);
}

function closedFor(team: Team, userId: string, offerId: string) {
  return eventsOf(team, userId, 'offer-closed').filter((e) => e.offerId === offerId);
}

/** A customer (created if new) starts a chat with the team and writes its first message. */
async function newChat(team: Team, customerId: string, options: { name?: string; orderId?: string } = {}): Promise<{ conversation: Conversation; message: Message }> {
  team.engine.upsertUser({ id: customerId, role: 'customer', ...(options.name ? { name: options.name } : {}) });
  listen(team, team.events, customerId);
  const customer = actor(team.engine, customerId);
  const conversation = await customer.start('t1', options.orderId);
  const message = await customer.send(conversation.id, 'Hello, is anyone there?');
  return { conversation, message };
}

/** The one offer that went out for a conversation, as the first member who got it saw it. */
function offerOf(team: Team, conversationId: string): Offer {
  for (const list of team.events.values()) {
    const found = list.find((e): e is EventOf<'offer'> => e.type === 'offer' && e.offer.conversationId === conversationId);
    if (found) return found.offer;
  }
  throw new Error(`no offer went out for ${conversationId}`);
}

const conversationAs = async (team: Team, userId: string, conversationId: string) =>
  (await actor(team.engine, userId).hello()).conversations.find((c) => c.id === conversationId);

const availabilityOf = async (team: Team, userId: string) => (await actor(team.engine, userId).hello()).availability;

const claim = (team: Team, userId: string, offerId: string) => team.engine.execute<'claim'>(userId, { type: 'claim', offerId });
const decline = (team: Team, userId: string, offerId: string, goUnavailable?: boolean) =>
  team.engine.execute<'decline'>(userId, { type: 'decline', offerId, ...(goUnavailable === undefined ? {} : { goUnavailable }) });
const setAvailable = (team: Team, userId: string, available: boolean) => team.engine.execute<'set-available'>(userId, { type: 'set-available', available });
const pickUp = (team: Team, userId: string, conversationId: string) => team.engine.execute<'pick-up'>(userId, { type: 'pick-up', conversationId });

let customerCounter = 0;
/** A chat from a brand-new customer that nobody answers: the window runs out. */
async function missedChat(team: Team): Promise<Offer> {
  const { conversation } = await newChat(team, `miss-${++customerCounter}`);
  const offer = offerOf(team, conversation.id);
  team.clock.advance(team.policy.routing.claimWindowMs);
  return offer;
}

describe('T1 offers go to every available member at once', () => {
  let team: Team;
  beforeEach(() => {
    team = makeTeam(['a1', 'a2', 'a3']);
  });

  it('starting a chat offers nothing; the first customer message offers it to every member, each offer saying who and how many', async () => {
    team.engine.upsertUser({ id: 'c1', role: 'customer', name: 'Dana' });
    const customer = actor(team.engine, 'c1');
    const conversation = await customer.start('t1');
    for (const member of ['a1', 'a2', 'a3']) assert.deepEqual(offersFor(team, member), []);

    await customer.send(conversation.id, 'Hi!');
    const expiresAt = START + team.policy.routing.claimWindowMs;
    const offers = ['a1', 'a2', 'a3'].map((member) => offersFor(team, member, conversation.id));
    for (const received of offers) {
      assert.equal(received.length, 1);
      assert.deepEqual(received[0], {
        id: offers[0][0].id, conversationId: conversation.id,
        customer: { id: 'c1', name: 'Dana', returning: false }, offeredTo: 3, expiresAt,
      });
    }
    // The host's notifier is told once per member, too.
    assert.deepEqual(team.notifier.sent.filter((n) => n.kind === 'offer').map((n) => n.userId).sort(), ['a1', 'a2', 'a3']);
  });

  it('a customer without a name is offered without one', async () => {
    const { conversation } = await newChat(team, 'c1');
    assert.deepEqual(offerOf(team, conversation.id).customer, { id: 'c1', returning: false });
  });

  it('later customer messages do not offer the chat again', async () => {
    const { conversation } = await newChat(team, 'c1');
    await actor(team.engine, 'c1').send(conversation.id, 'Still there?');
    for (const member of ['a1', 'a2', 'a3']) assert.equal(offersFor(team, member).length, 1);
  });

  it('unavailable members get no offer, and offeredTo counts only the members offered', async () => {
    await setAvailable(team, 'a3', false);
    const { conversation } = await newChat(team, 'c1');
    assert.equal(offersFor(team, 'a3').length, 0);
    assert.equal(offersFor(team, 'a1', conversation.id)[0].offeredTo, 2);
    assert.equal(offersFor(team, 'a2', conversation.id)[0].offeredTo, 2);
    assert.equal(team.notifier.sent.filter((n) => n.kind === 'offer' && n.userId === 'a3').length, 0);
    // Nor does it show in a3's snapshot.
    assert.deepEqual((await actor(team.engine, 'a3').hello()).offers, []);
  });

  it('a customer who chatted with the team before is returning; a new one is not', async () => {
    const first = await newChat(team, 'c1', { name: 'Dana' });
    assert.equal(offerOf(team, first.conversation.id).customer.returning, false);
    await claim(team, 'a1', offerOf(team, first.conversation.id).id);

    // A second chat of the same customer with the team, about an order.
    team.engine.recordOrder({ id: 'o1', customerId: 'c1', providerId: 't1', title: 'Lamp', amountCents: 4900 });
    const second = await newChat(team, 'c1', { name: 'Dana', orderId: 'o1' });
    assert.notEqual(second.conversation.id, first.conversation.id);
    assert.deepEqual(offerOf(team, second.conversation.id).customer, { id: 'c1', name: 'Dana', returning: true });

    const stranger = await newChat(team, 'c2');
    assert.equal(offerOf(team, stranger.conversation.id).customer.returning, false);
  });

  it('a customer who opened a chat but never wrote in it is not returning', async () => {
    team.engine.upsertUser({ id: 'c1', role: 'customer' });
    await actor(team.engine, 'c1').start('t1');
    team.engine.recordOrder({ id: 'o1', customerId: 'c1', providerId: 't1', title: 'Lamp', amountCents: 4900 });
    const { conversation } = await newChat(team, 'c1', { orderId: 'o1' });
    assert.equal(offerOf(team, conversation.id).customer.returning, false);
  });

  it('a member who becomes available while the window is open gets the offer for the time that remains', async () => {
    await setAvailable(team, 'a3', false);
    const { conversation } = await newChat(team, 'c1');
    const original = offerOf(team, conversation.id);
    team.clock.advance(5_000);

    await setAvailable(team, 'a3', true);
    const late = offersFor(team, 'a3', conversation.id);
    assert.equal(late.length, 1);
    assert.equal(late[0].id, original.id);
    assert.equal(late[0].expiresAt, original.expiresAt);
    assert.equal(late[0].expiresAt - team.clock.now(), team.policy.routing.claimWindowMs - 5_000);
    assert.equal(late[0].offeredTo, 3);
    // It is a real offer: a3 can claim it.
    const won = await claim(team, 'a3', original.id);
    assert.equal(won.ownerId, 'a3');
  });

  it('a member who becomes available after the window closed gets no offer', async () => {
    await setAvailable(team, 'a3', false);
    await missedChat(team);
    await setAvailable(team, 'a3', true);
    assert.deepEqual(offersFor(team, 'a3'), []);
  });
});

describe('T2 the first claim wins within the countdown', () => {
  let team: Team;
  beforeEach(() => {
    team = makeTeam(['a1', 'a2', 'a3']);
  });

  it('the first claim wins and owns the chat; the others are told it was claimed by someone else', async () => {
    const { conversation } = await newChat(team, 'c1');
    const offer = offerOf(team, conversation.id);
    const won = await claim(team, 'a2', offer.id);
    assert.equal(won.ownerId, 'a2');
    assert.equal(won.queued, undefined);
    assert.deepEqual(closedFor(team, 'a2', offer.id).map((e) => [e.reason, e.claimedBy]), [['claimed', 'a2']]);
    for (const other of ['a1', 'a3']) {
      assert.deepEqual(closedFor(team, other, offer.id).map((e) => [e.reason, e.claimedBy]), [['claimed-by-other', 'a2']]);
    }
    assert.equal((await conversationAs(team, 'a1', conversation.id))?.ownerId, 'a2');
    // The countdown is stopped: nothing is left to fire.
    assert.equal(team.clock.pendingTimers, 0);
    // The claimed offer is gone from every snapshot.
    for (const member of ['a1', 'a2', 'a3']) assert.deepEqual((await actor(team.engine, member).hello()).offers, []);
  });

  it('a later claim gets offer-taken and changes nothing', async () => {
    const { conversation } = await newChat(team, 'c1');
    const offer = offerOf(team, conversation.id);
    await claim(team, 'a1', offer.id);
    await assert.rejects(claim(team, 'a3', offer.id), { code: 'offer-taken' });
    assert.equal((await conversationAs(team, 'a3', conversation.id))?.ownerId, 'a1');
    assert.equal(closedFor(team, 'a3', offer.id).length, 1);
  });

  it('the winner claiming again just gets the chat back', async () => {
    const { conversation } = await newChat(team, 'c1');
    const offer = offerOf(team, conversation.id);
    await claim(team, 'a1', offer.id);
    assert.equal((await claim(team, 'a1', offer.id)).ownerId, 'a1');
  });

  it('a claim after the countdown gets offer-expired and nobody owns the chat', async () => {
    const { conversation } = await newChat(team, 'c1');
    const offer = offerOf(team, conversation.id);
    team.clock.advance(team.policy.routing.claimWindowMs + 1_000);
    await assert.rejects(claim(team, 'a1', offer.id), { code: 'offer-expired' });
    const seen = await conversationAs(team, 'a1', conversation.id);
    assert.equal(seen?.ownerId, undefined);
    assert.equal(seen?.queued, true);
  });

  it('a claim 1 ms before the deadline wins', async () => {
    const { conversation } = await newChat(team, 'c1');
    const offer = offerOf(team, conversation.id);
    team.clock.advance(team.policy.routing.claimWindowMs - 1);
    assert.equal((await claim(team, 'a1', offer.id)).ownerId, 'a1');
  });

  it('a claim at exactly the deadline is expired', async () => {
    const { conversation } = await newChat(team, 'c1');
    const offer = offerOf(team, conversation.id);
    team.clock.advance(team.policy.routing.claimWindowMs);
    await assert.rejects(claim(team, 'a1', offer.id), { code: 'offer-expired' });
    assert.equal((await conversationAs(team, 'a1', conversation.id))?.ownerId, undefined);
  });

  it('the deadline holds even when the countdown timer runs late', async () => {
    // A clock whose timers never fire: only the engine's own deadline check can expire the offer.
    let now = START;
    const lateClock: Clock = { now: () => now, setTimeout: () => 1, clearTimeout: () => {} };
    const engine = new ChatEngine({ policy: team.policy, clock: lateClock });
    for (const id of ['a1', 'a2', 'a3']) engine.upsertUser({ id, role: 'agent', teamId: 't1' });
    const offers: Offer[] = [];
    engine.connect('a1', (e) => { if (e.type === 'offer') offers.push(e.offer); });
    const open = async (customerId: string) => {
      engine.upsertUser({ id: customerId, role: 'customer' });
      const customer = actor(engine, customerId);
      const conversation = await customer.start('t1');
      await customer.send(conversation.id, 'hi');
      return offers.at(-1)!;
    };
    const claimOn = (userId: string, offerId: string) => engine.execute<'claim'>(userId, { type: 'claim', offerId });

    const first = await open('c1');
    now = first.expiresAt - 1;
    assert.equal((await claimOn('a1', first.id)).ownerId, 'a1');

    const second = await open('c2');
    now = second.expiresAt;
    await assert.rejects(claimOn('a1', second.id), { code: 'offer-expired' });
    await assert.rejects(engine.execute<'decline'>('a2', { type: 'decline', offerId: second.id }), { code: 'offer-expired' });
    const seen = (await actor(engine, 'a1').hello()).conversations.find((c) => c.id === second.conversationId);
    assert.equal(seen?.ownerId, undefined);
    assert.equal(seen?.queued, true);
  });

  it('offerIsOpen: open strictly before the deadline, closed at it', () => {
    assert.equal(offerIsOpen(START + 15_000, START + 14_999), true);
    assert.equal(offerIsOpen(START + 15_000, START + 15_000), false);
    assert.equal(offerIsOpen(START + 15_000, START + 15_001), false);
  });

  it('a member who was not offered the chat cannot claim it', async () => {
    await setAvailable(team, 'a3', false);
    const { conversation } = await newChat(team, 'c1');
    const offer = offerOf(team, conversation.id);
    await assert.rejects(claim(team, 'a3', offer.id), { code: 'not-found' });
    await assert.rejects(claim(team, 'c1', offer.id), { code: 'not-found' });
    assert.equal((await conversationAs(team, 'a1', conversation.id))?.ownerId, undefined);
  });

  it('three members claiming in the same tick: exactly one wins, every round', async () => {
    const members = ['a1', 'a2', 'a3'];
    for (let round = 0; round < 50; round++) {
      const { conversation } = await newChat(team, `race-${round}`);
      const offer = offerOf(team, conversation.id);
      // Rotate who asks first so every member gets to be first.
      const order = members.map((_, i) => members[(i + round) % members.length]);
      const outcomes = await Promise.all(order.map((member) =>
        claim(team, member, offer.id).then((c) => ({ member, ownerId: c.ownerId }), (error) => ({ member, code: error.code as string }))));
      const winners = outcomes.filter((o) => 'ownerId' in o);
      assert.equal(winners.length, 1, `round ${round}: ${JSON.stringify(outcomes)}`);
      const winner = winners[0].member;
      assert.equal(winners[0].ownerId, winner);
      assert.deepEqual(outcomes.filter((o) => 'code' in o).map((o) => (o as { code: string }).code), ['offer-taken', 'offer-taken']);
      assert.equal((await conversationAs(team, 'a1', conversation.id))?.ownerId, winner);
      for (const member of members) {
        const closed = closedFor(team, member, offer.id);
        assert.equal(closed.length, 1, `round ${round}: ${member} is told once`);
        assert.equal(closed[0].reason, member === winner ? 'claimed' : 'claimed-by-other');
        assert.equal(closed[0].claimedBy, winner);
      }
    }
  });
});

describe('T3 decline and stay available, or decline and go unavailable', () => {
  let team: Team;
  beforeEach(() => {
    team = makeTeam(['a1', 'a2']);
  });

  it('decline and stay available: the offer closes for the decliner only; the next chat is offered again', async () => {
    const { conversation } = await newChat(team, 'c1');
    const offer = offerOf(team, conversation.id);
    assert.equal(await decline(team, 'a1', offer.id), null);
    assert.deepEqual(closedFor(team, 'a1', offer.id).map((e) => e.reason), ['declined']);
    assert.deepEqual(eventsOf(team, 'a1', 'availability'), []);
    assert.deepEqual(await availabilityOf(team, 'a1'), { available: true });
    assert.deepEqual((await actor(team.engine, 'a1').hello()).offers, []);

    // The offer stays open for the others, and the decliner is not told of the claim.
    assert.equal((await claim(team, 'a2', offer.id)).ownerId, 'a2');
    assert.equal(closedFor(team, 'a1', offer.id).length, 1);

    const next = await newChat(team, 'c2');
    assert.equal(offersFor(team, 'a1', next.conversation.id).length, 1);
  });

  it('a member who declined cannot claim the same offer afterwards', async () => {
    const { conversation } = await newChat(team, 'c1');
    const offer = offerOf(team, conversation.id);
    await decline(team, 'a1', offer.id);
    await assert.rejects(claim(team, 'a1', offer.id), { code: 'forbidden' });
    assert.equal((await conversationAs(team, 'a1', conversation.id))?.ownerId, undefined);
  });

  it('decline and go unavailable: the member is told, and gets no further offers', async () => {
    const { conversation } = await newChat(team, 'c1');
    const offer = offerOf(team, conversation.id);
    await decline(team, 'a1', offer.id, true);
    assert.deepEqual(closedFor(team, 'a1', offer.id).map((e) => e.reason), ['declined']);
    const availability = eventsOf(team, 'a1', 'availability').map((e) => e.availability);
    assert.equal(availability.length, 1);
    assert.equal(availability[0].available, false);
    assert.equal(availability[0].reason, 'declined');
    assert.equal((await availabilityOf(team, 'a1')).available, false);

    const next = await newChat(team, 'c2');
    assert.equal(offersFor(team, 'a1', next.conversation.id).length, 0);
    assert.equal(offersFor(team, 'a2', next.conversation.id)[0].offeredTo, 1);
  });

  it('when every member declined, the chat is missed at once', async () => {
    const { conversation } = await newChat(team, 'c1');
    const offer = offerOf(team, conversation.id);
    await decline(team, 'a1', offer.id);
    assert.equal((await conversationAs(team, 'c1', conversation.id))?.queued, undefined, 'still open while a2 may claim');
    await decline(team, 'a2', offer.id, true);

    const notices = eventsOf(team, 'c1', 'message').map((e) => e.message).filter((m) => m.kind === 'system');
    assert.deepEqual(notices.map((m) => m.kind === 'system' && m.code), ['offer-missed']);
    assert.equal((await conversationAs(team, 'c1', conversation.id))?.queued, true);
    assert.equal(team.clock.pendingTimers, 0);
    // Decliners are not told of a miss: they said no.
    for (const member of ['a1', 'a2']) assert.deepEqual(closedFor(team, member, offer.id).map((e) => e.reason), ['declined']);
    await assert.rejects(claim(team, 'a2', offer.id), { code: 'offer-expired' });
  });

  it('declining a claimed offer gets offer-taken; declining twice is harmless', async () => {
    const { conversation } = await newChat(team, 'c1');
    const offer = offerOf(team, conversation.id);
    await decline(team, 'a1', offer.id);
    assert.equal(await decline(team, 'a1', offer.id), null);
    assert.equal(closedFor(team, 'a1', offer.id).length, 1);
    await claim(team, 'a2', offer.id);
    const again = await newChat(team, 'c2');
    const second = offerOf(team, again.conversation.id);
    await claim(team, 'a2', second.id);
    await assert.rejects(decline(team, 'a1', second.id), { code: 'offer-taken' });
  });
});

describe('T4 a chat nobody claims is missed and waits in the queue', () => {
  let team: Team;
  beforeEach(() => {
    team = makeTeam(['a1', 'a2']);
  });

  it('the customer is told nobody is available, the chat is queued, and members are told it was missed', async () => {
    const { conversation } = await newChat(team, 'c1');
    const offer = offerOf(team, conversation.id);
    team.clock.advance(team.policy.routing.claimWindowMs - 1);
    assert.equal(eventsOf(team, 'c1', 'message').filter((e) => e.message.kind === 'system').length, 0);

    team.clock.advance(1);
    const notice = eventsOf(team, 'c1', 'message').map((e) => e.message).filter((m) => m.kind === 'system');
    assert.equal(notice.length, 1);
    assert.equal(notice[0].kind === 'system' && notice[0].code, 'offer-missed');
    assert.equal(notice[0].authorId, 'system');
    const history = await actor(team.engine, 'c1').history(conversation.id);
    assert.equal(history.at(-1)?.id, notice[0].id);
    assert.equal((await conversationAs(team, 'c1', conversation.id))?.queued, true);
    assert.equal((await conversationAs(team, 'a1', conversation.id))?.queued, true);
    for (const member of ['a1', 'a2']) assert.deepEqual(closedFor(team, member, offer.id).map((e) => e.reason), ['missed']);
  });

  it('a member picks a queued chat up and owns it; a second pick-up by another gets offer-taken', async () => {
    const { conversation } = await newChat(team, 'c1');
    team.clock.advance(team.policy.routing.claimWindowMs);
    team.clock.advance(60 * 60_000);

    const picked = await pickUp(team, 'a2', conversation.id);
    assert.equal(picked.ownerId, 'a2');
    assert.equal(picked.queued, undefined);
    assert.deepEqual(picked.participantIds, ['c1', 't1', 'a2']);

    await assert.rejects(pickUp(team, 'a1', conversation.id), { code: 'offer-taken' });
    const seen = await conversationAs(team, 'a1', conversation.id);
    assert.equal(seen?.ownerId, 'a2');
    assert.equal(seen?.queued, undefined);
    // Picking it up again oneself is harmless.
    assert.equal((await pickUp(team, 'a2', conversation.id)).ownerId, 'a2');
  });

  it('a customer cannot pick up their own chat', async () => {
    const { conversation } = await newChat(team, 'c1');
    team.clock.advance(team.policy.routing.claimWindowMs);
    await assert.rejects(pickUp(team, 'c1', conversation.id), { code: 'forbidden' });
    assert.equal((await conversationAs(team, 'a1', conversation.id))?.queued, true);
  });

  it('with no member available the chat is missed at once', async () => {
    await setAvailable(team, 'a1', false);
    await setAvailable(team, 'a2', false);
    const { conversation } = await newChat(team, 'c1');
    assert.deepEqual(offersFor(team, 'a1'), []);
    assert.equal(eventsOf(team, 'c1', 'message').filter((e) => e.message.kind === 'system').length, 1);
    assert.equal((await conversationAs(team, 'c1', conversation.id))?.queued, true);
    assert.equal(team.clock.pendingTimers, 0);
  });
});

describe('T5 misses in a row make a member unavailable', () => {
  it(`the default policy pins 3 misses`, () => {
    assert.equal(presets.teamInbox().routing.missesBeforeUnavailable, 3);
  });

  it('nextMissStreak: a miss adds one, a claim or a decline resets, a claim by someone else keeps the streak', () => {
    assert.equal(nextMissStreak(2, 'missed'), 3);
    assert.equal(nextMissStreak(2, 'claimed'), 0);
    assert.equal(nextMissStreak(2, 'declined'), 0);
    assert.equal(nextMissStreak(2, 'claimed-by-other'), 2);
    const routing = presets.teamInbox().routing;
    assert.equal(missesMakeUnavailable(routing.missesBeforeUnavailable - 1, routing), false);
    assert.equal(missesMakeUnavailable(routing.missesBeforeUnavailable, routing), true);
  });

  it('after missesBeforeUnavailable misses in a row the member is made unavailable and told so', async () => {
    const team = makeTeam(['a1']);
    const limit = team.policy.routing.missesBeforeUnavailable;
    for (let i = 1; i < limit; i++) await missedChat(team);
    assert.deepEqual(eventsOf(team, 'a1', 'availability'), []);

    await missedChat(team);
    assert.deepEqual(eventsOf(team, 'a1', 'availability').map((e) => e.availability), [{ available: false, reason: 'missed-in-a-row' }]);
    assert.deepEqual(await availabilityOf(team, 'a1'), { available: false, reason: 'missed-in-a-row' });

    // No more offers: the next chat is missed at once.
    const { conversation } = await newChat(team, 'next');
    assert.equal(offersFor(team, 'a1', conversation.id).length, 0);
    assert.equal((await conversationAs(team, 'a1', conversation.id))?.queued, true);
  });

  it('going available brings the member back and starts the streak over', async () => {
    const team = makeTeam(['a1']);
    const limit = team.policy.routing.missesBeforeUnavailable;
    for (let i = 0; i < limit; i++) await missedChat(team);
    assert.equal((await availabilityOf(team, 'a1')).available, false);

    assert.deepEqual(await setAvailable(team, 'a1', true), { available: true });
    assert.deepEqual(eventsOf(team, 'a1', 'availability').at(-1)?.availability, { available: true });
    const { conversation } = await newChat(team, 'back');
    assert.equal(offersFor(team, 'a1', conversation.id).length, 1);
    team.clock.advance(team.policy.routing.claimWindowMs);

    // That was miss 1 of a fresh streak: limit − 1 misses in all leave the member available.
    for (let i = 2; i < limit; i++) await missedChat(team);
    assert.equal((await availabilityOf(team, 'a1')).available, true);
    await missedChat(team);
    assert.deepEqual(await availabilityOf(team, 'a1'), { available: false, reason: 'missed-in-a-row' });
  });

  it('a claim resets the streak', async () => {
    const team = makeTeam(['a1']);
    const limit = team.policy.routing.missesBeforeUnavailable;
    for (let i = 1; i < limit; i++) await missedChat(team);
    const { conversation } = await newChat(team, 'claimed');
    await claim(team, 'a1', offerOf(team, conversation.id).id);
    for (let i = 1; i < limit; i++) await missedChat(team);
    assert.deepEqual(await availabilityOf(team, 'a1'), { available: true });
    assert.deepEqual(eventsOf(team, 'a1', 'availability'), []);
  });

  it('a decline resets the streak', async () => {
    const team = makeTeam(['a1']);
    const limit = team.policy.routing.missesBeforeUnavailable;
    for (let i = 1; i < limit; i++) await missedChat(team);
    const { conversation } = await newChat(team, 'declined');
    await decline(team, 'a1', offerOf(team, conversation.id).id);
    for (let i = 1; i < limit; i++) await missedChat(team);
    assert.deepEqual(await availabilityOf(team, 'a1'), { available: true });
  });

  it('an offer claimed by someone else is not a miss (and does not reset the streak)', async () => {
    const team = makeTeam(['a1', 'a2']);
    const limit = team.policy.routing.missesBeforeUnavailable;
    for (let i = 1; i < limit; i++) await missedChat(team);
    const { conversation } = await newChat(team, 'taken');
    await claim(team, 'a2', offerOf(team, conversation.id).id);
    assert.deepEqual(await availabilityOf(team, 'a1'), { available: true }, 'the claimed offer did not count for a1');

    await missedChat(team);
    // a1: limit − 1 misses, a claim by someone else, one more miss = limit in a row.
    assert.deepEqual(await availabilityOf(team, 'a1'), { available: false, reason: 'missed-in-a-row' });
    // a2's claim reset its own streak: one miss since.
    assert.deepEqual(await availabilityOf(team, 'a2'), { available: true });
  });

  it('a policy with missesBeforeUnavailable: 2 is honoured', async () => {
    const team = makeTeam(['a1'], presets.teamInbox({ routing: { missesBeforeUnavailable: 2 } }));
    await missedChat(team);
    assert.deepEqual(await availabilityOf(team, 'a1'), { available: true });
    await missedChat(team);
    assert.deepEqual(await availabilityOf(team, 'a1'), { available: false, reason: 'missed-in-a-row' });
  });

  it('a custom claimWindowMs sets the deadline', async () => {
    const team = makeTeam(['a1'], presets.teamInbox({ routing: { claimWindowMs: 30_000 } }));
    const { conversation } = await newChat(team, 'c1');
    const offer = offerOf(team, conversation.id);
    assert.equal(offer.expiresAt, START + 30_000);
    team.clock.advance(20_000);
    assert.equal((await claim(team, 'a1', offer.id)).ownerId, 'a1');
  });
});

describe('T2 a reply by any member answers the chat', () => {
  const systemNotices = (team: Team, userId: string) => eventsOf(team, userId, 'message').map((e) => e.message).filter((m) => m.kind === 'system');

  it('a member who replies without claiming settles the offer as claimed by them; the others are told someone else claimed it', async () => {
    const team = makeTeam(['a1', 'a2', 'a3']);
    const { conversation } = await newChat(team, 'c1');
    const offer = offerOf(team, conversation.id);
    team.clock.advance(3_000);
    await actor(team.engine, 'a2').send(conversation.id, 'Hi, I can help.');

    assert.deepEqual(closedFor(team, 'a2', offer.id).map((e) => [e.reason, e.claimedBy]), [['claimed', 'a2']]);
    for (const other of ['a1', 'a3']) assert.deepEqual(closedFor(team, other, offer.id).map((e) => [e.reason, e.claimedBy]), [['claimed-by-other', 'a2']]);
    assert.equal((await conversationAs(team, 'a1', conversation.id))?.ownerId, 'a2');
    // Nothing is left to expire: the customer is never told nobody is available.
    team.clock.advance(team.policy.routing.claimWindowMs);
    assert.deepEqual(systemNotices(team, 'c1'), []);
    assert.equal((await conversationAs(team, 'c1', conversation.id))?.queued, undefined);
    assert.deepEqual((await actor(team.engine, 'a1').hello()).offers, []);
    await refused(claim(team, 'a1', offer.id), 'offer-taken');
  });

  it('the provider herself replying answers it too: every member is told it was claimed by her, and nobody counts a miss', async () => {
    const team = makeTeam(['a1', 'a2']);
    team.engine.upsertUser({ id: 'p1', role: 'provider', name: 'Ivy', teamId: 't1' });
    listen(team, team.events, 'p1');
    const limit = team.policy.routing.missesBeforeUnavailable;
    for (let i = 1; i < limit; i++) await missedChat(team);

    team.engine.upsertUser({ id: 'c1', role: 'customer', name: 'Cam' });
    listen(team, team.events, 'c1');
    const customer = actor(team.engine, 'c1');
    const conversation = await customer.start('p1');
    await customer.send(conversation.id, 'Hello Ivy');
    const offer = offerOf(team, conversation.id);
    team.clock.advance(4_000);
    await actor(team.engine, 'p1').send(conversation.id, 'Hello Cam!');
    team.clock.advance(team.policy.routing.claimWindowMs);

    for (const member of ['a1', 'a2']) {
      assert.deepEqual(closedFor(team, member, offer.id).map((e) => [e.reason, e.claimedBy]), [['claimed-by-other', 'p1']]);
      // One miss short of the limit before, and this was no miss: still available.
      assert.deepEqual(await availabilityOf(team, member), { available: true });
    }
    assert.deepEqual(systemNotices(team, 'c1'), []);
    const seen = await conversationAs(team, 'a1', conversation.id);
    assert.equal(seen?.ownerId, 'p1');
    assert.equal(seen?.queued, undefined);
  });

  it('a member who answers a chat waiting in the queue takes it out of the queue', async () => {
    const team = makeTeam(['a1', 'a2']);
    const { conversation } = await newChat(team, 'c1');
    team.clock.advance(team.policy.routing.claimWindowMs);
    assert.equal((await conversationAs(team, 'a1', conversation.id))?.queued, true);

    await actor(team.engine, 'a1').send(conversation.id, 'Sorry for the wait!');
    const seen = await conversationAs(team, 'a2', conversation.id);
    assert.equal(seen?.queued, undefined);
    assert.equal(seen?.ownerId, 'a1');
    await refused(pickUp(team, 'a2', conversation.id), 'offer-taken');
  });
});

describe('Routing over a long life: settled offers are forgotten', () => {
  const heldOffers = async (team: Team) => (((await team.engine.exportState()).desks.routing ?? []) as unknown[]).length;

  it('the desk holds only the offers of the last claim windows, however many chats were routed', async () => {
    const team = makeTeam(['a1']);
    const window = team.policy.routing.claimWindowMs;
    for (let i = 0; i < 40; i++) {
      const { conversation } = await newChat(team, `c${i}`);
      await claim(team, 'a1', offerOf(team, conversation.id).id);
      team.clock.advance(window);
    }
    const held = await heldOffers(team);
    assert.ok(held <= 2, `${held} offers held after 40 routed chats`);
  });

  it('a claim repeated within a window after the deadline still gets its answer', async () => {
    const team = makeTeam(['a1', 'a2']);
    const { conversation } = await newChat(team, 'c1');
    const offer = offerOf(team, conversation.id);
    await claim(team, 'a1', offer.id);
    team.clock.advance(team.policy.routing.claimWindowMs + 1);
    await newChat(team, 'c2');
    assert.equal((await claim(team, 'a1', offer.id)).ownerId, 'a1');
    await refused(claim(team, 'a2', offer.id), 'offer-taken');
  });
});
