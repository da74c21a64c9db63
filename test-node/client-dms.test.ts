import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { decideNotification } from '../src/rules/index.ts';
import {
  presets, selectConversationList, selectHasUnread,
  type EmailPolicy, type FeedEntry, type Message, type NotificationDecision, type Policy, type Presence,
} from '../src/index.ts';
import { actor, flush, makeWorld, START, type Actor, type World } from './fixtures.ts';

// D1–D3: a provider p1 and its clients c1, c2 … in direct messages.

const MINUTE = 60_000;

let world: World;
let c1: Actor, c2: Actor, p1: Actor;

function setUp(policy: Policy = presets.clientDMs()) {
  world = makeWorld({
    policy,
    users: [
      { id: 'p1', role: 'provider', name: 'Ivy' },
      { id: 'p2', role: 'provider', name: 'Max' },
      ...['c1', 'c2', 'c3', 'c4'].map((id) => ({ id, role: 'customer' as const })),
    ],
  });
  c1 = actor(world.engine, 'c1');
  c2 = actor(world.engine, 'c2');
  p1 = actor(world.engine, 'p1');
}

const at = (ms: number) => world.clock.setTime(START + ms);
const feed = (who: Actor, conversationId: string, filter?: 'all' | 'orders' | 'messages') =>
  who.run<'feed'>({ type: 'feed', conversationId, ...(filter ? { filter } : {}) });
/** A feed as short labels: order ids and message texts. */
const labels = (entries: FeedEntry[]) =>
  entries.map((e) => (e.type === 'order' ? `order:${e.order.id}` : `msg:${e.message.kind === 'text' ? e.message.text : e.message.kind}`));
const order = (id: string, customerId = 'c1', providerId = 'p1') =>
  world.engine.recordOrder({ id, customerId, providerId, title: `Order ${id}`, amountCents: 2500 });

describe('D1 the communications feed', () => {
  beforeEach(() => setUp());

  /**
   * 0:01 c1 "hi" · 0:02 order o1 · 0:03 order o2 and p1 "thanks" at the same instant
   * (the order first) · 0:05 c1 "when will it ship?". Orders of other pairs stay out.
   */
  async function scripted() {
    const conversation = await c1.start('p1');
    at(1 * MINUTE); await c1.send(conversation.id, 'hi');
    at(2 * MINUTE); order('o1');
    at(3 * MINUTE); order('o2'); await p1.send(conversation.id, 'thanks');
    at(4 * MINUTE); order('o-other-client', 'c2'); order('o-other-provider', 'c1', 'p2');
    at(5 * MINUTE); await c1.send(conversation.id, 'when will it ship?');
    return conversation;
  }

  it('orders and messages in one chronological list, newest last', async () => {
    const conversation = await scripted();
    const entries = await feed(c1, conversation.id);
    assert.deepEqual(labels(entries), ['msg:hi', 'order:o1', 'order:o2', 'msg:thanks', 'msg:when will it ship?']);
    assert.deepEqual(entries.map((e) => e.at - START), [1, 2, 3, 3, 5].map((m) => m * MINUTE));
    // Both sides see the same feed.
    assert.deepEqual(await feed(p1, conversation.id), entries);
    assert.deepEqual(await feed(c1, conversation.id, 'all'), entries);
  });

  it('the feed filters to orders only or messages only', async () => {
    const conversation = await scripted();
    assert.deepEqual(labels(await feed(c1, conversation.id, 'orders')), ['order:o1', 'order:o2']);
    assert.deepEqual(labels(await feed(c1, conversation.id, 'messages')), ['msg:hi', 'msg:thanks', 'msg:when will it ship?']);
    const o1 = (await feed(c1, conversation.id, 'orders'))[0];
    assert.deepEqual(o1.type === 'order' && o1.order, { id: 'o1', customerId: 'c1', providerId: 'p1', title: 'Order o1', amountCents: 2500, at: START + 2 * MINUTE });
  });

  it('an order-scoped conversation shows only its order', async () => {
    await scripted();
    const scoped = await c1.start('p1', 'o1');
    at(6 * MINUTE); await c1.send(scoped.id, 'about o1');
    assert.deepEqual(labels(await feed(c1, scoped.id)), ['order:o1', 'msg:about o1']);
    assert.deepEqual(labels(await feed(p1, scoped.id, 'orders')), ['order:o1']);
  });

  it('messages deleted for me are absent from my feed only', async () => {
    const conversation = await scripted();
    const thanks = (await c1.history(conversation.id)).find((m) => m.kind === 'text' && m.text === 'thanks')!;
    await c1.run<'delete-message'>({ type: 'delete-message', conversationId: conversation.id, messageId: thanks.id });
    assert.deepEqual(labels(await feed(c1, conversation.id)), ['msg:hi', 'order:o1', 'order:o2', 'msg:when will it ship?']);
    assert.ok(labels(await feed(p1, conversation.id)).includes('msg:thanks'));
  });

  it('nobody else can read the feed of a conversation', async () => {
    const conversation = await scripted();
    await assert.rejects(feed(c2, conversation.id), { code: 'not-found' });
    await assert.rejects(feed(actor(world.engine, 'p2'), conversation.id), { code: 'not-found' });
  });
});

describe('D2 one unread flag per client, unread first', () => {
  beforeEach(() => setUp());

  it('many messages make one unread conversation; reading clears it and the menu flag', async () => {
    const provider = await world.client('p1');
    const customer = await world.client('c1');
    const conversation = await customer.startConversation({ with: 'p1' });
    for (const text of ['one', 'two', 'three']) {
      world.clock.advance(MINUTE);
      await customer.send(conversation.id, { kind: 'text', text });
    }
    await flush();

    const list = selectConversationList(provider.state);
    assert.equal(list.length, 1);
    assert.equal(list.filter((c) => c.unread).length, 1);
    assert.equal(list[0].lastSeq, 3);
    assert.equal(selectHasUnread(provider.state), true);
    // My own messages never make a chat unread for me.
    assert.equal(selectHasUnread(customer.state), false);

    await provider.markRead(conversation.id);
    await flush();
    assert.equal(provider.state.conversations[conversation.id].unread, false);
    assert.equal(selectHasUnread(provider.state), false);

    // A reply from me keeps it read; a new client message flags it again.
    await provider.send(conversation.id, { kind: 'text', text: 'hello!' });
    await flush();
    assert.equal(selectHasUnread(provider.state), false);
    assert.equal(selectHasUnread(customer.state), true);
    await customer.send(conversation.id, { kind: 'text', text: 'four' });
    await flush();
    assert.equal(selectHasUnread(provider.state), true);
  });

  it('the list shows unread conversations first, then the most recent', async () => {
    const provider = await world.client('p1');
    const customers = await Promise.all(['c1', 'c2', 'c3', 'c4'].map((id) => world.client(id)));
    const conversationOf: Record<string, string> = {};
    // c1 writes at 0:03, c2 at 0:10, c3 at 0:20, c4 at 0:30; p1 reads c2 and c4.
    const minutes = [3, 10, 20, 30];
    for (const [i, client] of customers.entries()) {
      at(minutes[i] * MINUTE);
      const conversation = await client.startConversation({ with: 'p1' });
      conversationOf[client.state.me!.id] = conversation.id;
      await client.send(conversation.id, { kind: 'text', text: `from ${client.state.me!.id}` });
    }
    await flush();
    await provider.markRead(conversationOf.c2);
    await provider.markRead(conversationOf.c4);
    await flush();

    const order = selectConversationList(provider.state).map((c) => c.customerId);
    // Unread by recency (c3 0:20, c1 0:03), then read by recency (c4 0:30, c2 0:10).
    assert.deepEqual(order, ['c3', 'c1', 'c4', 'c2']);
    assert.equal(selectHasUnread(provider.state), true);

    // A new message from c2 brings it to the top.
    at(40 * MINUTE);
    await customers[1].send(conversationOf.c2, { kind: 'text', text: 'me again' });
    await flush();
    assert.deepEqual(selectConversationList(provider.state).map((c) => c.customerId), ['c2', 'c3', 'c1', 'c4']);
  });
});

describe('D3 notifications', () => {
  const PRESENCES: Array<[label: string, presence: Presence]> = [
    ['away', { active: false, inLiveSession: false }],
    ['active', { active: true, inLiveSession: false }],
    ['live', { active: false, inLiveSession: true }],
    ['active+live', { active: true, inLiveSession: true }],
  ];

  /**
   * The decision table written out by hand: presence × push × e-mail policy → in-app, push, e-mail.
   * In-app is held only in a live session; push only when away and on; e-mail always, never, or
   * (when-away) only when neither active nor live.
   */
  const TABLE: Record<string, NotificationDecision> = {
    'away push:on email:always': { inApp: 'now', push: true, email: true },
    'away push:on email:when-away': { inApp: 'now', push: true, email: true },
    'away push:on email:never': { inApp: 'now', push: true, email: false },
    'away push:off email:always': { inApp: 'now', push: false, email: true },
    'away push:off email:when-away': { inApp: 'now', push: false, email: true },
    'away push:off email:never': { inApp: 'now', push: false, email: false },
    'active push:on email:always': { inApp: 'now', push: false, email: true },
    'active push:on email:when-away': { inApp: 'now', push: false, email: false },
    'active push:on email:never': { inApp: 'now', push: false, email: false },
    'active push:off email:always': { inApp: 'now', push: false, email: true },
    'active push:off email:when-away': { inApp: 'now', push: false, email: false },
    'active push:off email:never': { inApp: 'now', push: false, email: false },
    'live push:on email:always': { inApp: 'hold', push: false, email: true },
    'live push:on email:when-away': { inApp: 'hold', push: false, email: false },
    'live push:on email:never': { inApp: 'hold', push: false, email: false },
    'live push:off email:always': { inApp: 'hold', push: false, email: true },
    'live push:off email:when-away': { inApp: 'hold', push: false, email: false },
    'live push:off email:never': { inApp: 'hold', push: false, email: false },
    'active+live push:on email:always': { inApp: 'hold', push: false, email: true },
    'active+live push:on email:when-away': { inApp: 'hold', push: false, email: false },
    'active+live push:on email:never': { inApp: 'hold', push: false, email: false },
    'active+live push:off email:always': { inApp: 'hold', push: false, email: true },
    'active+live push:off email:when-away': { inApp: 'hold', push: false, email: false },
    'active+live push:off email:never': { inApp: 'hold', push: false, email: false },
  };

  it('decideNotification follows the table for every combination (24 of them)', () => {
    const seen = new Set<string>();
    for (const [label, presence] of PRESENCES) {
      for (const push of [true, false]) {
        for (const email of ['always', 'when-away', 'never'] as EmailPolicy[]) {
          const key = `${label} push:${push ? 'on' : 'off'} email:${email}`;
          seen.add(key);
          assert.ok(TABLE[key], `the table has a row for ${key}`);
          assert.deepEqual(decideNotification(presence, { push, email }), TABLE[key], key);
        }
      }
    }
    assert.equal(seen.size, 24);
    assert.equal(Object.keys(TABLE).length, 24);
  });

  describe('through the engine', () => {
    beforeEach(() => setUp());

    const presence = (who: Actor, active: boolean, inLiveSession: boolean) => who.run<'set-presence'>({ type: 'set-presence', active, inLiveSession });
    const sentTo = (userId: string) => world.notifier.sent.filter((n) => n.userId === userId && n.kind === 'message');
    const channels = (userId: string) => sentTo(userId).map((n) => n.channel);

    async function chatOf(customer: Actor) {
      return (await customer.start('p1')).id;
    }

    it('an away provider gets in-app, push and (when-away) e-mail for each message', async () => {
      const id = await chatOf(c1);
      const message = await c1.send(id, 'hello');
      assert.deepEqual(channels('p1'), ['in-app', 'push', 'email']);
      for (const n of sentTo('p1')) assert.deepEqual([n.conversationId, n.messageIds], [id, [message.id]]);
      // The author is never alerted about their own message.
      assert.deepEqual(sentTo('c1'), []);
    });

    it('no push while the user is active in the app', async () => {
      await presence(p1, true, false);
      const id = await chatOf(c1);
      await c1.send(id, 'hello');
      assert.deepEqual(channels('p1'), ['in-app']);
    });

    it('in a live session nothing goes out; the held in-app alerts come when the session ends, one per conversation', async () => {
      await presence(p1, false, true);
      const first = await chatOf(c1);
      const second = await chatOf(c2);
      const a = await c1.send(first, 'one');
      const b = await c2.send(second, 'other chat');
      const c = await c1.send(first, 'two');
      assert.deepEqual(sentTo('p1'), [], 'no in-app, no push, no when-away e-mail during the session');

      // Still live (now also active): still held.
      await presence(p1, true, true);
      assert.deepEqual(sentTo('p1'), []);

      await presence(p1, true, false);
      const delivered = sentTo('p1');
      assert.deepEqual(delivered.map((n) => n.channel), ['in-app', 'in-app']);
      assert.deepEqual(delivered.find((n) => n.conversationId === first)?.messageIds, [a.id, c.id]);
      assert.deepEqual(delivered.find((n) => n.conversationId === second)?.messageIds, [b.id]);

      // Delivered once: ending the session again sends nothing more.
      await presence(p1, false, true);
      await presence(p1, false, false);
      assert.equal(sentTo('p1').length, 2);
    });

    it("e-mail 'always' goes out even while active or live", async () => {
      setUp(presets.clientDMs({ notifications: { email: 'always' } }));
      const id = await chatOf(c1);
      await presence(p1, true, false);
      await c1.send(id, 'active');
      await presence(p1, false, true);
      await c1.send(id, 'live');
      assert.deepEqual(channels('p1'), ['in-app', 'email', 'email']);
    });

    it("e-mail 'never' and push off leave only the in-app alert, even when away", async () => {
      setUp(presets.clientDMs({ notifications: { email: 'never', push: false } }));
      const id = await chatOf(c1);
      await c1.send(id, 'hello');
      assert.deepEqual(channels('p1'), ['in-app']);
    });

    it('a provider reply alerts the client by the same rules', async () => {
      const id = await chatOf(c1);
      await c1.send(id, 'hi');
      await presence(c1, true, false);
      const reply: Message = await p1.send(id, 'hello!');
      assert.deepEqual(sentTo('c1').map((n) => [n.channel, n.messageIds]), [['in-app', [reply.id]]]);
    });
  });
});
