import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ChatClient, ChatEngine, LocalTransport, ManualClock, MemoryNotifier, presets, type ChatEvent, type HistoryAdapter, type Policy, type User,
} from '../src/index.ts';
import { actor, exec, flush, makeWorld, START, refused, recorder } from './fixtures.ts';

// P10 availability, P11 quiet hours in the engine, T6 customer context.

const cardEvents = (events: ChatEvent[]) => events.flatMap((e) => (e.type === 'card' ? [e.card] : []));

const teamUsers: User[] = [
  { id: 'a1', role: 'agent', teamId: 't1' },
  { id: 'a2', role: 'agent', teamId: 't1' },
  { id: 'c1', role: 'customer', name: 'Cam' },
];

describe('P10 availability: one status with routing availability', () => {
  it('setStatus answers with the availability: away and offline are unavailable, offline says so', async () => {
    const world = makeWorld({ policy: presets.teamInbox(), users: teamUsers });
    assert.deepEqual(await exec(world.engine, 'a1', { type: 'set-status', status: 'away' }), { available: false });
    assert.deepEqual(await exec(world.engine, 'a1', { type: 'set-status', status: 'offline' }), { available: false, offline: true });
    assert.equal((await exec(world.engine, 'a1', { type: 'settings' })).status, 'offline');
    assert.deepEqual(await exec(world.engine, 'a1', { type: 'set-status', status: 'available' }), { available: true });
  });

  it('setAvailable(false) is status away, setAvailable(true) is status available', async () => {
    const world = makeWorld({ policy: presets.teamInbox(), users: teamUsers });
    await exec(world.engine, 'a1', { type: 'set-available', available: false });
    assert.equal((await exec(world.engine, 'a1', { type: 'settings' })).status, 'away');
    await exec(world.engine, 'a1', { type: 'set-status', status: 'offline' });
    await exec(world.engine, 'a1', { type: 'set-available', available: true });
    assert.equal((await exec(world.engine, 'a1', { type: 'settings' })).status, 'available');
  });

  for (const status of ['away', 'offline'] as const) {
    it(`a member whose status is ${status} is offered no chat; an available one is`, async () => {
      const world = makeWorld({ policy: presets.teamInbox(), users: teamUsers });
      const a1 = recorder(world.engine, 'a1');
      const a2 = recorder(world.engine, 'a2');
      await exec(world.engine, 'a1', { type: 'set-status', status });
      const c1 = actor(world.engine, 'c1');
      const conversation = await c1.start('t1');
      await c1.send(conversation.id, 'hello');
      assert.equal(a1.filter((e) => e.type === 'offer').length, 0);
      assert.equal(a2.filter((e) => e.type === 'offer').length, 1);
    });
  }

  it('T5 making a member unavailable shows as away, with the reason', async () => {
    const world = makeWorld({ policy: presets.teamInbox({ routing: { missesBeforeUnavailable: 1 } }), users: [teamUsers[0], teamUsers[2]] });
    const c1 = actor(world.engine, 'c1');
    const conversation = await c1.start('t1');
    await c1.send(conversation.id, 'hello');
    world.clock.advance(world.engine.policy.routing.claimWindowMs);
    assert.equal((await exec(world.engine, 'a1', { type: 'settings' })).status, 'away');
    assert.deepEqual((await actor(world.engine, 'a1').hello()).availability, { available: false, reason: 'missed-in-a-row' });
    assert.equal((await exec(world.engine, 'c1', { type: 'provider-card', providerId: 't1' })).status, 'away');
  });

  it('customers have no status: setStatus is forbidden and nothing changes', async () => {
    const world = makeWorld({ policy: presets.teamInbox(), users: teamUsers });
    await refused(exec(world.engine, 'c1', { type: 'set-status', status: 'away' }), 'forbidden');
    assert.deepEqual((await actor(world.engine, 'c1').hello()).availability, { available: true });
  });

  it('an unknown status is invalid and nothing changes', async () => {
    const world = makeWorld({ policy: presets.teamInbox(), users: teamUsers });
    await refused(world.engine.execute('a1', { type: 'set-status', status: 'busy' }), 'invalid');
    assert.equal((await exec(world.engine, 'a1', { type: 'settings' })).status, 'available');
  });
});

describe('P9, P10 the provider card: what customers see, live', () => {
  const paidUsers: User[] = [{ id: 'p1', role: 'provider', name: 'Ivy' }, { id: 'c1', role: 'customer' }, { id: 'c2', role: 'customer' }];

  it('shows name, status, enrolment, the price of a volley, and the customer\'s chat once there is one', async () => {
    const world = makeWorld({ policy: presets.paidChat(), users: paidUsers });
    assert.deepEqual(await exec(world.engine, 'c1', { type: 'provider-card', providerId: 'p1' }), { id: 'p1', name: 'Ivy', status: 'available', enrolled: true, volleyCents: 66 });
    const conversation = await actor(world.engine, 'c1').start('p1');
    assert.equal((await exec(world.engine, 'c1', { type: 'provider-card', providerId: 'p1' })).conversationId, conversation.id);
    assert.equal((await exec(world.engine, 'c2', { type: 'provider-card', providerId: 'p1' })).conversationId, undefined);
  });

  it('has no volley price when the policy has no volleys', async () => {
    const world = makeWorld({ policy: presets.clientDMs(), users: paidUsers });
    assert.equal((await exec(world.engine, 'c1', { type: 'provider-card', providerId: 'p1' })).volleyCents, undefined);
  });

  it('an unknown provider, or a customer, has no card: not-found', async () => {
    const world = makeWorld({ policy: presets.paidChat(), users: paidUsers });
    await refused(exec(world.engine, 'c1', { type: 'provider-card', providerId: 'nobody' }), 'not-found');
    await refused(exec(world.engine, 'c1', { type: 'provider-card', providerId: 'c2' }), 'not-found');
  });

  it('who read the card is told each status change, once; an unchanged status tells nobody', async () => {
    const world = makeWorld({ policy: presets.paidChat(), users: paidUsers });
    const seen = recorder(world.engine, 'c1');
    const unseen = recorder(world.engine, 'c2');
    await exec(world.engine, 'c1', { type: 'provider-card', providerId: 'p1' });
    await exec(world.engine, 'p1', { type: 'set-status', status: 'away' });
    await exec(world.engine, 'p1', { type: 'set-status', status: 'away' });
    await exec(world.engine, 'p1', { type: 'set-status', status: 'offline' });
    assert.deepEqual(cardEvents(seen).map((c) => c.status), ['away', 'offline']);
    assert.deepEqual(cardEvents(unseen), [], 'a customer who never read the card is not told');
  });

  it('a team is as available as its most available member', async () => {
    const world = makeWorld({ policy: presets.teamInbox(), users: teamUsers });
    const seen = recorder(world.engine, 'c1');
    assert.equal((await exec(world.engine, 'c1', { type: 'provider-card', providerId: 't1' })).status, 'available');
    await exec(world.engine, 'a1', { type: 'set-status', status: 'offline' });
    assert.deepEqual(cardEvents(seen), [], 'a2 is still available');
    await exec(world.engine, 'a2', { type: 'set-status', status: 'away' });
    await exec(world.engine, 'a1', { type: 'set-status', status: 'available' });
    assert.deepEqual(cardEvents(seen).map((c) => c.status), ['away', 'available']);
  });

  describe('a provider with a team: her own status, and the team\'s apart', () => {
    const withTeam: User[] = [
      { id: 'p1', role: 'provider', name: 'Ivy', teamId: 't1' },
      { id: 'a1', role: 'agent', name: 'Ann', teamId: 't1' },
      { id: 'a2', role: 'agent', name: 'Ben', teamId: 't1' },
      { id: 'c1', role: 'customer', name: 'Cam' },
    ];

    it('the card says the provider is away while her team is available', async () => {
      const world = makeWorld({ policy: presets.paidChat(), users: withTeam });
      const card = await exec(world.engine, 'c1', { type: 'provider-card', providerId: 'p1' });
      assert.deepEqual([card.status, card.teamStatus], ['available', 'available']);
      await exec(world.engine, 'p1', { type: 'set-status', status: 'away' });
      const away = await exec(world.engine, 'c1', { type: 'provider-card', providerId: 'p1' });
      assert.deepEqual([away.status, away.teamStatus], ['away', 'available']);
    });

    it('the team\'s status is its most available member other than the provider', async () => {
      const world = makeWorld({ policy: presets.paidChat(), users: withTeam });
      await exec(world.engine, 'a1', { type: 'set-status', status: 'offline' });
      await exec(world.engine, 'a2', { type: 'set-status', status: 'away' });
      const card = await exec(world.engine, 'c1', { type: 'provider-card', providerId: 'p1' });
      assert.deepEqual([card.status, card.teamStatus], ['available', 'away']);
    });

    it('who read the card is told when the provider\'s own status changes, even while the team stays available', async () => {
      const world = makeWorld({ policy: presets.paidChat(), users: withTeam });
      const seen = recorder(world.engine, 'c1');
      await exec(world.engine, 'c1', { type: 'provider-card', providerId: 'p1' });
      await exec(world.engine, 'p1', { type: 'set-status', status: 'away' });
      await exec(world.engine, 'a1', { type: 'set-status', status: 'away' });
      await exec(world.engine, 'a2', { type: 'set-status', status: 'offline' });
      assert.deepEqual(cardEvents(seen).map((c) => `${c.status}/${c.teamStatus}`), ['away/available', 'away/away']);
    });

    it('a provider alone has no team status', async () => {
      const world = makeWorld({ policy: presets.paidChat(), users: [{ id: 'p1', role: 'provider', name: 'Ivy' }, withTeam[3]] });
      assert.equal((await exec(world.engine, 'c1', { type: 'provider-card', providerId: 'p1' })).teamStatus, undefined);
    });
  });

  it('through the client: state.cards follows the provider in real time', async () => {
    const world = makeWorld({ policy: presets.paidChat(), users: paidUsers });
    const customer = await world.client('c1');
    const provider = await world.client('p1');
    await customer.providerCard('p1');
    assert.equal(customer.state.cards.p1.status, 'available');
    assert.deepEqual(await provider.setStatus('away'), { available: false });
    assert.deepEqual(provider.state.availability, { available: false });
    await flush();
    assert.equal(customer.state.cards.p1.status, 'away');
    await provider.setAvailable(true);
    await flush();
    assert.equal(customer.state.cards.p1.status, 'available');
  });
});

describe('P11 quiet hours in the engine: alerts held, messages not, one summary at the end', () => {
  const PARIS_NIGHT = { start: '22:00', end: '07:00', timeZone: 'Europe/Paris' };
  // The tests play the night after START: midnight UTC is 01:00 in Paris, inside the window, which ends at 06:00Z.
  const NIGHT = Date.parse('2026-01-02T00:00:00Z');
  const END = Date.parse('2026-01-02T06:00:00Z');

  async function quietWorld(policy: Policy = presets.paidChat(), hours = PARIS_NIGHT) {
    const world = makeWorld({ policy, users: [{ id: 'p1', role: 'provider', name: 'Ivy' }, { id: 'c1', role: 'customer' }, { id: 'c2', role: 'customer' }] });
    world.clock.setTime(NIGHT);
    await exec(world.engine, 'p1', { type: 'set-quiet-hours', quietHours: hours });
    const providerEvents = recorder(world.engine, 'p1');
    return { ...world, providerEvents, alertsFor: (userId: string) => world.notifier.sent.filter((n) => n.userId === userId) };
  }

  async function write(world: Awaited<ReturnType<typeof quietWorld>>, customerId: string, text: string) {
    const customer = actor(world.engine, customerId);
    const conversation = await customer.start('p1');
    return customer.send(conversation.id, text);
  }

  it('inside the window the message arrives but no alert goes out', async () => {
    const world = await quietWorld();
    const message = await write(world, 'c1', 'hello');
    assert.deepEqual(world.providerEvents.filter((e) => e.type === 'message').map((e) => e.type === 'message' && e.message.id), [message.id]);
    assert.deepEqual(world.alertsFor('p1'), []);
  });

  it('when the window ends the held alerts go out as one summary per channel, exactly then', async () => {
    const world = await quietWorld();
    const m1 = await write(world, 'c1', 'hello');
    const m2 = await write(world, 'c1', 'are you there?');
    const m3 = await write(world, 'c2', 'hi');
    world.clock.setTime(END - 1);
    assert.deepEqual(world.alertsFor('p1'), [], 'not a millisecond early');
    world.clock.setTime(END);
    const alerts = world.alertsFor('p1');
    // p1 is not active: D3 allows in-app, push and (when-away) e-mail.
    assert.deepEqual(alerts.map((n) => [n.channel, n.kind]), [['in-app', 'summary'], ['push', 'summary'], ['email', 'summary']]);
    for (const summary of alerts) {
      assert.deepEqual(summary.messageIds, [m1.id, m2.id, m3.id]);
      assert.deepEqual(summary.conversationIds, [m1.conversationId, m3.conversationId]);
      assert.equal(summary.summary, '3 new messages in 2 chats during quiet hours.');
    }
    world.clock.advance(24 * 3_600_000);
    assert.equal(world.alertsFor('p1').length, 3, 'sent once');
    assert.equal(world.clock.pendingTimers, 0, 'no timer left behind');
  });

  it('outside the window alerts go out as usual', async () => {
    const world = await quietWorld();
    world.clock.setTime(END);
    const message = await write(world, 'c1', 'good morning');
    assert.deepEqual(world.alertsFor('p1').map((n) => [n.channel, n.kind, n.messageIds]), [['in-app', 'message', [message.id]], ['push', 'message', [message.id]], ['email', 'message', [message.id]]]);
  });

  it('the next night holds again and is summarised at its own end', async () => {
    const world = await quietWorld();
    await write(world, 'c1', 'night one');
    world.clock.setTime(END);
    world.clock.setTime(Date.parse('2026-01-02T22:00:00Z')); // 23:00 in Paris
    const late = await write(world, 'c1', 'night two');
    assert.equal(world.alertsFor('p1').length, 3);
    world.clock.setTime(Date.parse('2026-01-03T06:00:00Z'));
    assert.deepEqual(world.alertsFor('p1').slice(3).map((n) => [n.kind, n.messageIds]), [['summary', [late.id]], ['summary', [late.id]], ['summary', [late.id]]]);
  });

  it('across the spring-forward night in Paris the summary goes out at 07:00 CEST (05:00Z), not 06:00Z', async () => {
    const world = await quietWorld();
    world.clock.setTime(Date.parse('2026-03-28T21:30:00Z')); // 22:30 CET
    await write(world, 'c1', 'hello');
    world.clock.setTime(Date.parse('2026-03-29T04:59:59.999Z'));
    assert.deepEqual(world.alertsFor('p1'), []);
    world.clock.setTime(Date.parse('2026-03-29T05:00:00Z'));
    assert.equal(world.alertsFor('p1').length, 3);
  });

  it('across the fall-back night in New York the summary goes out at 07:00 EST (12:00Z)', async () => {
    const world = await quietWorld(presets.paidChat(), { start: '22:00', end: '07:00', timeZone: 'America/New_York' });
    world.clock.setTime(Date.parse('2026-11-01T03:00:00Z')); // 23:00 EDT
    await write(world, 'c1', 'hello');
    world.clock.setTime(Date.parse('2026-11-01T11:59:59.999Z')); // 06:59:59 EST
    assert.deepEqual(world.alertsFor('p1'), []);
    world.clock.setTime(Date.parse('2026-11-01T12:00:00Z'));
    assert.equal(world.alertsFor('p1').length, 3);
  });

  it('the summary follows the D3 rules when it goes out: active now, no push and no e-mail', async () => {
    const world = await quietWorld();
    await write(world, 'c1', 'hello');
    await exec(world.engine, 'p1', { type: 'set-presence', active: true, inLiveSession: false });
    world.clock.setTime(END);
    assert.deepEqual(world.alertsFor('p1').map((n) => [n.channel, n.kind]), [['in-app', 'summary']]);
  });

  it('in a live session when the window ends, the in-app summary waits for the session to end', async () => {
    const world = await quietWorld();
    await write(world, 'c1', 'hello');
    await exec(world.engine, 'p1', { type: 'set-presence', active: true, inLiveSession: true });
    world.clock.setTime(END);
    assert.deepEqual(world.alertsFor('p1'), []);
    await exec(world.engine, 'p1', { type: 'set-presence', active: true, inLiveSession: false });
    assert.deepEqual(world.alertsFor('p1').map((n) => [n.channel, n.kind]), [['in-app', 'summary']]);
  });

  it('turning quiet hours off sends what was held at once', async () => {
    const world = await quietWorld();
    await write(world, 'c1', 'hello');
    const settings = await exec(world.engine, 'p1', { type: 'set-quiet-hours', quietHours: null });
    assert.equal(settings.quietHours, null);
    assert.equal(world.alertsFor('p1').length, 3);
    assert.equal(world.clock.pendingTimers, 0);
  });

  it('a new window that still covers this moment keeps holding, until its own end', async () => {
    const world = await quietWorld();
    await write(world, 'c1', 'hello');
    await exec(world.engine, 'p1', { type: 'set-quiet-hours', quietHours: { start: '23:00', end: '09:00', timeZone: 'Europe/Paris' } });
    world.clock.setTime(END);
    assert.deepEqual(world.alertsFor('p1'), []);
    world.clock.setTime(Date.parse('2026-01-02T08:00:00Z'));
    assert.equal(world.alertsFor('p1').length, 3);
  });

  it('settings read back the window and when the one in progress ends', async () => {
    const world = await quietWorld();
    assert.deepEqual(await exec(world.engine, 'p1', { type: 'settings' }), {
      enrolled: true, status: 'available', quietHours: PARIS_NIGHT, quietUntil: END, notifications: { push: true, email: 'when-away' },
    });
    world.clock.setTime(END);
    assert.equal((await exec(world.engine, 'p1', { type: 'settings' })).quietUntil, undefined);
  });

  for (const [label, hours] of [
    ['a time out of range', { start: '24:00', end: '07:00', timeZone: 'Europe/Paris' }],
    ['an unknown time zone', { start: '22:00', end: '07:00', timeZone: 'Europe/Atlantis' }],
    ['a missing field', { start: '22:00', end: '07:00' }],
  ] as const) {
    it(`${label} is invalid and the window in force stays`, async () => {
      const world = await quietWorld();
      await refused(world.engine.execute('p1', { type: 'set-quiet-hours', quietHours: hours }), 'invalid');
      assert.deepEqual((await exec(world.engine, 'p1', { type: 'settings' })).quietHours, PARIS_NIGHT);
    });
  }

  it('customers have no quiet hours: forbidden', async () => {
    const world = await quietWorld();
    await refused(exec(world.engine, 'c1', { type: 'set-quiet-hours', quietHours: PARIS_NIGHT }), 'forbidden');
    await refused(exec(world.engine, 'c1', { type: 'settings' }), 'forbidden');
  });

  it('through the client: setQuietHours answers with the settings', async () => {
    const world = makeWorld({ users: [{ id: 'p1', role: 'provider' }] });
    world.clock.setTime(NIGHT);
    const provider = await world.client('p1');
    assert.deepEqual((await provider.setQuietHours(PARIS_NIGHT)).quietHours, PARIS_NIGHT);
    assert.equal((await provider.settings()).quietUntil, END);
    assert.equal((await provider.setQuietHours(null)).quietHours, null);
  });
});

describe('T6 customer context: the query and history after a claim', () => {
  function contextWorld(history?: HistoryAdapter) {
    const clock = new ManualClock(START);
    const engine = new ChatEngine({ policy: presets.teamInbox(), clock, notifier: new MemoryNotifier(), history });
    for (const user of [...teamUsers, { id: 'b1', role: 'agent', teamId: 't2' } as User]) engine.upsertUser(user);
    return engine;
  }

  async function claimedChat(engine: ChatEngine) {
    const events = recorder(engine, 'a1');
    const c1 = actor(engine, 'c1');
    const conversation = await c1.start('t1');
    await c1.send(conversation.id, 'My order #12 never arrived');
    const offer = events.find((e) => e.type === 'offer');
    assert.ok(offer && offer.type === 'offer');
    await exec(engine, 'a1', { type: 'claim', offerId: offer.offer.id });
    return conversation;
  }

  it('the member who claimed sees what the host knows: the query and the shopping history', async () => {
    const asked: unknown[] = [];
    const engine = contextWorld({
      engagementHistory: () => [],
      context: async (customerId, conversationId) => {
        asked.push([customerId, conversationId]);
        return { query: 'Where is order #12?', history: [{ order: 12, title: 'Boots' }] };
      },
    });
    const conversation = await claimedChat(engine);
    assert.deepEqual(await exec(engine, 'a1', { type: 'customer-context', conversationId: conversation.id }), {
      customerId: 'c1', query: 'Where is order #12?', history: [{ order: 12, title: 'Boots' }],
    });
    assert.deepEqual(asked, [['c1', conversation.id]]);
  });

  it('without a host record the query is the customer\'s opening message', async () => {
    const engine = contextWorld();
    const conversation = await claimedChat(engine);
    assert.deepEqual(await exec(engine, 'a1', { type: 'customer-context', conversationId: conversation.id }), { customerId: 'c1', query: 'My order #12 never arrived' });
  });

  it('the customer, and a member of another team, are forbidden; an unknown chat is not-found', async () => {
    const engine = contextWorld({ engagementHistory: () => [], context: () => ({ query: 'secret' }) });
    const conversation = await claimedChat(engine);
    await refused(exec(engine, 'c1', { type: 'customer-context', conversationId: conversation.id }), 'forbidden');
    await refused(exec(engine, 'b1', { type: 'customer-context', conversationId: conversation.id }), 'forbidden');
    await refused(exec(engine, 'a1', { type: 'customer-context', conversationId: 'c_nope' }), 'not-found');
  });

  it('through the client: customerContext(conversationId)', async () => {
    const engine = contextWorld({ engagementHistory: () => [], context: () => ({ history: ['visited /boots'] }) });
    const conversation = await claimedChat(engine);
    const member = new ChatClient({ transport: new LocalTransport(engine, { userId: 'a1' }), clock: engine.clock });
    await member.connect();
    assert.deepEqual(await member.customerContext(conversation.id), { customerId: 'c1', query: 'My order #12 never arrived', history: ['visited /boots'] });
  });
});
