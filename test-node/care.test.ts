import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { ChatEngine, ManualClock, presets, type ChatEvent, type Conversation, type Engagement, type User } from '../src/index.ts';
import { createId } from '../src/model/ids.ts';
import { actor, makeWorld, recorder, START, type Actor, type World } from './fixtures.ts';

// K1–K5: a channel's care team. Agents a1, a2 and admin ad act for team 't1'; followers write to 't1'.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const STAFF: User[] = [
  { id: 'a1', role: 'agent', teamId: 't1' },
  { id: 'a2', role: 'agent', teamId: 't1' },
  { id: 'ad', role: 'admin', teamId: 't1' },
];
const FOLLOWERS: User[] = ['f1', 'f2', 'f3', 'f4', 'f5', 'f6'].map((id) => ({ id, role: 'customer' as const }));

let world: World;
let f1: Actor, a1: Actor, a2: Actor, ad: Actor;

function setUp(policy = presets.customerCare()) {
  world = makeWorld({ policy, users: [...STAFF, ...FOLLOWERS] });
  f1 = actor(world.engine, 'f1');
  a1 = actor(world.engine, 'a1');
  a2 = actor(world.engine, 'a2');
  ad = actor(world.engine, 'ad');
}

const sendAs = (userId: string, conversationId: string, text: string, options: { overtake?: boolean } = {}) =>
  world.engine.execute<'send'>(userId, { type: 'send', conversationId, message: { id: createId('m'), kind: 'text', text }, ...options });
const finish = (userId: string, conversationId: string) => world.engine.execute<'finish'>(userId, { type: 'finish', conversationId });
const viewAs = async (who: Actor, conversationId: string): Promise<Conversation> => {
  const found = (await who.hello()).conversations.find((c) => c.id === conversationId);
  assert.ok(found, `${who.id} sees ${conversationId}`);
  return found;
};

/** A follower opens a chat with the channel and writes. */
async function followerWrites(followerId: string, text = 'Hi, I have a question'): Promise<Conversation> {
  const follower = actor(world.engine, followerId);
  const conversation = await follower.start('t1');
  await follower.send(conversation.id, text);
  return viewAs(a1, conversation.id);
}

describe('K1 an admin switches two-way chat', () => {
  beforeEach(() => setUp());

  it('with chat disabled followers cannot send (chat-disabled) while agents still can; enabling restores it', async () => {
    const conversation = await followerWrites('f1');
    const followerEvents: ChatEvent[] = [];
    world.engine.connect('f1', (e) => followerEvents.push(e));

    assert.equal(await ad.run<'set-chat-enabled'>({ type: 'set-chat-enabled', channelId: 't1', enabled: false }), false);
    assert.ok(followerEvents.some((e) => e.type === 'chat-enabled' && e.channelId === 't1' && !e.enabled));
    assert.equal((await viewAs(f1, conversation.id)).refusal, 'chat-disabled');

    await assert.rejects(f1.send(conversation.id, 'hello?'), { code: 'chat-disabled' });
    assert.equal((await f1.history(conversation.id)).length, 1);

    // One-way: the channel still broadcasts.
    assert.equal((await sendAs('a1', conversation.id, 'Our store opens at 9.')).seq, 2);

    await ad.run<'set-chat-enabled'>({ type: 'set-chat-enabled', channelId: 't1', enabled: true });
    assert.equal((await f1.send(conversation.id, 'thanks')).seq, 3);
  });

  it('an agent who is not an admin cannot switch chat', async () => {
    await followerWrites('f1');
    await assert.rejects(a1.run<'set-chat-enabled'>({ type: 'set-chat-enabled', channelId: 't1', enabled: false }), { code: 'forbidden' });
    await assert.rejects(f1.run<'set-chat-enabled'>({ type: 'set-chat-enabled', channelId: 't1', enabled: false }), { code: 'forbidden' });
    assert.equal((await f1.hello()).chatEnabled.t1, true);
  });
});

describe('K2 unanswered → active → finished', () => {
  beforeEach(() => setUp());

  it("a follower's first message makes the chat unanswered, with no owner", async () => {
    const conversation = await followerWrites('f1');
    assert.equal(conversation.status, 'unanswered');
    assert.equal(conversation.ownerId, undefined);
  });

  it("an agent's first message takes the chat: active, with the agent as owner", async () => {
    const conversation = await followerWrites('f1');
    await sendAs('a1', conversation.id, 'Hello, I am here to help');
    const taken = await viewAs(a2, conversation.id);
    assert.equal(taken.status, 'active');
    assert.equal(taken.ownerId, 'a1');
    assert.ok(taken.participantIds.includes('a1'));
    assert.equal((await viewAs(f1, conversation.id)).ownerId, 'a1');
  });

  it('further follower messages keep an active chat active', async () => {
    const conversation = await followerWrites('f1');
    await sendAs('a1', conversation.id, 'Hello');
    await f1.send(conversation.id, 'one more thing');
    assert.equal((await viewAs(a1, conversation.id)).status, 'active');
  });

  it('the owner finishes the chat: finished, with a notice in the thread', async () => {
    const conversation = await followerWrites('f1');
    await sendAs('a1', conversation.id, 'Done?');
    const finished = await finish('a1', conversation.id);
    assert.equal(finished.status, 'finished');
    const last = (await f1.history(conversation.id)).at(-1);
    assert.equal(last?.kind === 'system' && last.code, 'chat-finished');
  });

  it('another agent cannot finish a chat they do not own (owned-by-other); nothing changes', async () => {
    const conversation = await followerWrites('f1');
    await sendAs('a1', conversation.id, 'Mine');
    const before = await viewAs(a1, conversation.id);
    await assert.rejects(finish('a2', conversation.id), { code: 'owned-by-other' });
    assert.deepEqual(await viewAs(a1, conversation.id), before);
  });

  it('an admin may finish any chat', async () => {
    const conversation = await followerWrites('f1');
    await sendAs('a1', conversation.id, 'Mine');
    assert.equal((await finish('ad', conversation.id)).status, 'finished');
  });

  it('only an active chat can be finished, and only by the channel side', async () => {
    const conversation = await followerWrites('f1');
    await assert.rejects(finish('a1', conversation.id), { code: 'invalid' });
    await sendAs('a1', conversation.id, 'Hello');
    await assert.rejects(finish('f1', conversation.id), { code: 'forbidden' });
    const after = await viewAs(a1, conversation.id);
    assert.equal(after.status, 'active');
    assert.equal(after.lastSeq, 2);
  });

  it('a follower message on a finished chat returns it to unanswered, free for any agent to take', async () => {
    const conversation = await followerWrites('f1');
    await sendAs('a1', conversation.id, 'Hello');
    await finish('a1', conversation.id);
    await f1.send(conversation.id, 'Me again');
    const reopened = await viewAs(a2, conversation.id);
    assert.equal(reopened.status, 'unanswered');
    assert.equal(reopened.ownerId, undefined);
    // The engine ends ownership with the finish: a2 takes the reopened chat without an overtake.
    await sendAs('a2', conversation.id, 'I can help');
    const retaken = await viewAs(a1, conversation.id);
    assert.equal(retaken.status, 'active');
    assert.equal(retaken.ownerId, 'a2');
  });
});

describe('K3 taking a chat another agent owns needs an explicit overtake', () => {
  beforeEach(() => setUp());

  it("another agent's message is refused with owned-by-other and changes nothing", async () => {
    const conversation = await followerWrites('f1');
    await sendAs('a1', conversation.id, 'Mine');
    const before = await viewAs(a1, conversation.id);
    await assert.rejects(sendAs('a2', conversation.id, 'Let me'), { code: 'owned-by-other' });
    assert.deepEqual(await viewAs(a1, conversation.id), before);
    assert.equal((await f1.history(conversation.id)).length, 2);
  });

  it('with overtake: true the message goes through and the owner changes', async () => {
    const conversation = await followerWrites('f1');
    await sendAs('a1', conversation.id, 'Mine');
    const message = await sendAs('a2', conversation.id, 'I take over', { overtake: true });
    assert.equal(message.seq, 3);
    const after = await viewAs(a1, conversation.id);
    assert.equal(after.status, 'active');
    assert.equal(after.ownerId, 'a2');
    // The former owner now needs an overtake, and cannot finish.
    await assert.rejects(sendAs('a1', conversation.id, 'back'), { code: 'owned-by-other' });
    await assert.rejects(finish('a1', conversation.id), { code: 'owned-by-other' });
    assert.equal((await finish('a2', conversation.id)).status, 'finished');
  });

  it('a take-over is told to both agents by name: a notice in the chat, unread for the former owner', async () => {
    world.engine.upsertUser({ id: 'a1', role: 'agent', teamId: 't1', name: 'Kim' });
    world.engine.upsertUser({ id: 'a2', role: 'agent', teamId: 't1', name: 'Lee' });
    const conversation = await followerWrites('f1');
    await sendAs('a1', conversation.id, 'Mine');
    await a1.run<'mark-read'>({ type: 'mark-read', conversationId: conversation.id });
    const formerOwner = recorder(world.engine, 'a1');
    const taker = recorder(world.engine, 'a2');
    await sendAs('a2', conversation.id, 'I take over', { overtake: true });

    const notice = (await f1.history(conversation.id)).at(-1)!;
    assert.equal(notice.kind, 'system');
    assert.deepEqual(notice.kind === 'system' && { code: notice.code, text: notice.text, by: notice.by, from: notice.from },
      { code: 'taken-over', text: 'Lee took this chat over from Kim.', by: 'a2', from: 'a1' });
    for (const events of [formerOwner, taker]) assert.ok(events.some((e) => e.type === 'message' && e.message.id === notice.id));
    const seen = await viewAs(a1, conversation.id);
    assert.equal(seen.unread, true);
    assert.equal(seen.ownerId, 'a2');
    // Both names stay known to everyone in the chat: the former owner is no participant any more.
    for (const who of [a1, a2, f1]) assert.deepEqual(Object.entries((await viewAs(who, conversation.id)).names).filter(([id]) => id.startsWith('a')).sort(), [['a1', 'Kim'], ['a2', 'Lee']]);
  });

  it('no take-over notice when the owner writes on, or when an agent takes a chat nobody owns', async () => {
    const conversation = await followerWrites('f1');
    await sendAs('a1', conversation.id, 'one');
    await sendAs('a1', conversation.id, 'two');
    await finish('a1', conversation.id);
    await f1.send(conversation.id, 'One more thing');
    await sendAs('a2', conversation.id, 'I can help');
    assert.deepEqual((await f1.history(conversation.id)).filter((m) => m.kind === 'system').map((m) => m.kind === 'system' && m.code), ['chat-finished']);
  });

  it('the owner writes on without an overtake', async () => {
    const conversation = await followerWrites('f1');
    await sendAs('a1', conversation.id, 'one');
    await sendAs('a1', conversation.id, 'two');
    assert.equal((await viewAs(a1, conversation.id)).ownerId, 'a1');
  });
});

describe('K4 engagements', () => {
  beforeEach(() => setUp());

  const coupon: Engagement = { id: 'cp1', type: 'coupon', title: '10% off your next order', code: 'SAVE10' };

  it('an agent sends an engagement card with a coupon', async () => {
    const conversation = await followerWrites('f1');
    const sent = await a1.send(conversation.id, { kind: 'engagement', engagement: coupon, text: 'A little thank-you' });
    assert.equal(sent.kind, 'engagement');
    assert.deepEqual(sent.kind === 'engagement' && sent.engagement, coupon);
    const seen = (await f1.history(conversation.id)).at(-1);
    assert.equal(seen?.id, sent.id);
  });

  it('a follower cannot send an engagement (forbidden) and nothing is stored', async () => {
    const conversation = await followerWrites('f1');
    await assert.rejects(f1.send(conversation.id, { kind: 'engagement', engagement: coupon }), { code: 'forbidden' });
    assert.equal((await f1.history(conversation.id)).length, 1);
    assert.equal((await viewAs(a1, conversation.id)).lastSeq, 1);
  });

  it("engagement history comes from the host's history adapter", async () => {
    const calls: Array<[string, string]> = [];
    const redeemed = [{ id: 'cp0', type: 'coupon', title: 'Welcome', redeemedAt: START - HOUR }];
    const engine = new ChatEngine({
      policy: presets.customerCare(),
      clock: new ManualClock(START),
      history: {
        engagementHistory(customerId, providerId) {
          calls.push([customerId, providerId]);
          return redeemed;
        },
      },
    });
    for (const user of [...STAFF, ...FOLLOWERS]) engine.upsertUser(user);
    const follower = actor(engine, 'f1');
    const conversation = await follower.start('t1');
    await follower.send(conversation.id, 'hi');

    assert.deepEqual(await actor(engine, 'a1').run<'engagement-history'>({ type: 'engagement-history', customerId: 'f1' }), redeemed);
    assert.deepEqual(calls, [['f1', 't1']]);

    // A follower cannot read it, nor can an agent for someone who never wrote to the channel.
    await assert.rejects(follower.run<'engagement-history'>({ type: 'engagement-history', customerId: 'f1' }), { code: 'forbidden' });
    await assert.rejects(actor(engine, 'a1').run<'engagement-history'>({ type: 'engagement-history', customerId: 'f2' }), { code: 'not-found' });
    assert.equal(calls.length, 1);
  });

  it('without a history adapter the history is empty', async () => {
    await followerWrites('f1');
    assert.deepEqual(await a1.run<'engagement-history'>({ type: 'engagement-history', customerId: 'f1' }), []);
  });
});

describe('K5 analytics over the last 24 h', () => {
  beforeEach(() => setUp());

  const at = (ms: number) => world.clock.setTime(START + ms);
  const analytics = (userId = 'a1', windowMs?: number) =>
    world.engine.execute<'analytics'>(userId, { type: 'analytics', ...(windowMs ? { windowMs } : {}) });

  it('pins the spec default window of 24 h', () => {
    assert.equal(presets.customerCare().care.analyticsWindowMs, 24 * HOUR);
  });

  it('with no chats there are no samples: zero counts and null averages', async () => {
    assert.deepEqual(await analytics(), { finished: 0, active: 0, answered: 0, averageResponseMs: null, averageHandlingMs: null });
  });

  it('an unanswered chat is neither active nor answered', async () => {
    await followerWrites('f1');
    assert.deepEqual(await analytics(), { finished: 0, active: 0, answered: 0, averageResponseMs: null, averageHandlingMs: null });
  });

  /**
   * A scripted day (times after START). "now" is 30 h, so the 24 h window is (6 h, 30 h].
   *
   *   A f1: writes 1:00, a1 replies 1:10 (wait 10 m), a1 finishes 2:00 (handling 50 m) — all before 6 h: ignored.
   *   F f6: writes 3:00, a2 replies 4:00 (wait 1 h, before the window) — still active now.
   *   B f2: writes 5:00, a1 replies 7:00 (wait 2 h, in), a1 finishes 8:00 (handling 7:00 → 8:00 = 1 h, in).
   *   C f3: writes 10:00 and 10:05, a2 replies 10:20 (wait from the first unanswered message: 20 m),
   *         a2 writes again 10:25 (no new wait), f3 writes 10:30, a2 replies 10:40 (wait 10 m) — still active.
   *   D f4: writes 20:00, nobody replies — unanswered.
   *   E f5: writes 25:00, a1 replies 25:30 (wait 30 m), a1 finishes 27:00 (handling 25:30 → 27:00 = 90 m),
   *         f5 writes 28:00 — unanswered again.
   *
   * At 30 h:
   *   finished = B, E                                 = 2
   *   active   = C, F (taken, not finished)           = 2
   *   answered = chats with a reply in the window: B, C (twice, counted once), E = 3
   *   averageResponseMs = (2 h + 20 m + 10 m + 30 m) / 4 = 180 m / 4 = 45 m
   *   averageHandlingMs = (60 m + 90 m) / 2            = 75 m
   */
  async function scriptedDay() {
    const chat: Record<string, string> = {};
    const follower = async (id: string, text: string) => {
      const f = actor(world.engine, id);
      chat[id] ??= (await f.start('t1')).id;
      await f.send(chat[id], text);
    };
    at(1 * HOUR); await follower('f1', 'A?');
    at(1 * HOUR + 10 * MINUTE); await sendAs('a1', chat.f1, 'A!');
    at(2 * HOUR); await finish('a1', chat.f1);
    at(3 * HOUR); await follower('f6', 'F?');
    at(4 * HOUR); await sendAs('a2', chat.f6, 'F!');
    at(5 * HOUR); await follower('f2', 'B?');
    at(7 * HOUR); await sendAs('a1', chat.f2, 'B!');
    at(8 * HOUR); await finish('a1', chat.f2);
    at(10 * HOUR); await follower('f3', 'C?');
    at(10 * HOUR + 5 * MINUTE); await follower('f3', 'C??');
    at(10 * HOUR + 20 * MINUTE); await sendAs('a2', chat.f3, 'C!');
    at(10 * HOUR + 25 * MINUTE); await sendAs('a2', chat.f3, 'C!!');
    at(10 * HOUR + 30 * MINUTE); await follower('f3', 'C???');
    at(10 * HOUR + 40 * MINUTE); await sendAs('a2', chat.f3, 'C!!!');
    at(20 * HOUR); await follower('f4', 'D?');
    at(25 * HOUR); await follower('f5', 'E?');
    at(25 * HOUR + 30 * MINUTE); await sendAs('a1', chat.f5, 'E!');
    at(27 * HOUR); await finish('a1', chat.f5);
    at(28 * HOUR); await follower('f5', 'E again?');
    at(30 * HOUR);
    return chat;
  }

  it('a scripted day: finished, active, answered and the averages over the last 24 h', async () => {
    await scriptedDay();
    assert.deepEqual(await analytics(), {
      finished: 2, active: 2, answered: 3, averageResponseMs: 45 * MINUTE, averageHandlingMs: 75 * MINUTE,
    });
    // Every member of the channel sees the same numbers; followers see none.
    assert.deepEqual(await analytics('ad'), await analytics('a2'));
    await assert.rejects(analytics('f1'), { code: 'forbidden' });
  });

  it('a custom windowMs: the last 6 h', async () => {
    await scriptedDay();
    // Window (24 h, 30 h]: only E's reply (30 m) and finish (90 m); C and F are still active now.
    assert.deepEqual(await analytics('a1', 6 * HOUR), {
      finished: 1, active: 2, answered: 1, averageResponseMs: 30 * MINUTE, averageHandlingMs: 90 * MINUTE,
    });
  });

  it('the window is open at its start: a finish exactly windowMs ago is out', async () => {
    await scriptedDay();
    // Window (27 h, 30 h]: E finished at exactly 27 h, so nothing is in; averages have no samples.
    assert.deepEqual(await analytics('a1', 3 * HOUR), {
      finished: 0, active: 2, answered: 0, averageResponseMs: null, averageHandlingMs: null,
    });
    // One millisecond wider and E's finish is in.
    assert.equal((await analytics('a1', 3 * HOUR + 1)).finished, 1);
  });

  it('the window moves with the clock: a day later only what happened since counts', async () => {
    await scriptedDay();
    at(30 * HOUR + 24 * HOUR);
    assert.deepEqual(await analytics(), { finished: 0, active: 2, answered: 0, averageResponseMs: null, averageHandlingMs: null });
  });

  it("a finish ends the follower's wait: the wait of a reopened chat starts at the new message", async () => {
    const conversation = await followerWrites('f1', 'Where is my parcel?');
    at(5 * MINUTE); await sendAs('a1', conversation.id, 'On its way');
    at(6 * MINUTE); await f1.send(conversation.id, 'Thanks!');
    at(7 * MINUTE); await finish('a1', conversation.id);
    at(10 * HOUR); await f1.send(conversation.id, 'It did not arrive');
    at(10 * HOUR + 15 * MINUTE); await sendAs('a2', conversation.id, 'Let me check');
    // Waits: 5 m (first reply), 15 m (after the reopening) — not 10 h 9 m since "Thanks!".
    const stats = await analytics();
    assert.equal(stats.averageResponseMs, (5 * MINUTE + 15 * MINUTE) / 2);
    assert.equal(stats.answered, 1);
  });

  it('handling time runs from the take, through an overtake, to the finish', async () => {
    const conversation = await followerWrites('f1');
    at(10 * MINUTE); await sendAs('a1', conversation.id, 'Taken');
    at(20 * MINUTE); await sendAs('a2', conversation.id, 'Overtaken', { overtake: true });
    at(70 * MINUTE); await finish('a2', conversation.id);
    assert.equal((await analytics()).averageHandlingMs, 60 * MINUTE);
  });
});
