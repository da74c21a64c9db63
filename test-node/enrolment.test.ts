import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChatError, presets, type ChatEvent } from '../src/index.ts';
import { actor, exec, flush, makeWorld, refused } from './fixtures.ts';

// P8: a provider enrols in chat or un-enrols. Providers are enrolled unless the host says
// `upsertUser({ …, enrolled: false })` or they un-enrol.

function paidWorld(options: { enrolled?: boolean } = {}) {
  return makeWorld({
    policy: presets.paidChat(),
    users: [
      { id: 'p1', role: 'provider', name: 'Ivy', ...(options.enrolled === undefined ? {} : { enrolled: options.enrolled }) },
      { id: 'c1', role: 'customer', name: 'Cam' },
      { id: 'c2', role: 'customer', name: 'Dee' },
      { id: 'a1', role: 'agent', teamId: 'p1' },
    ],
  });
}

const setEnrolled = (world: ReturnType<typeof paidWorld>, userId: string, enrolled: boolean) =>
  exec(world.engine, userId, { type: 'set-enrolled', enrolled });

describe('P8 enrolment: who customers may start a chat with', () => {
  it('a provider is enrolled by default: a customer starts a chat and writes', async () => {
    const world = paidWorld();
    const c1 = actor(world.engine, 'c1');
    const conversation = await c1.start('p1');
    await c1.send(conversation.id, 'hello');
    assert.equal((await exec(world.engine, 'p1', { type: 'settings' })).enrolled, true);
  });

  it('a provider the host marks as not enrolled cannot be started with: not-enrolled, and no chat is created', async () => {
    const world = paidWorld({ enrolled: false });
    await refused(actor(world.engine, 'c1').start('p1'), 'not-enrolled');
    assert.deepEqual((await actor(world.engine, 'c1').hello()).conversations, []);
    assert.deepEqual((await actor(world.engine, 'p1').hello()).conversations, []);
  });

  it('starting through one of its agents is refused the same way', async () => {
    const world = paidWorld({ enrolled: false });
    await refused(actor(world.engine, 'c1').start('a1'), 'not-enrolled');
    assert.deepEqual((await actor(world.engine, 'c1').hello()).conversations, []);
  });

  it('after un-enrolling, a new customer is refused with not-enrolled', async () => {
    const world = paidWorld();
    const settings = await setEnrolled(world, 'p1', false);
    assert.equal(settings.enrolled, false);
    await refused(actor(world.engine, 'c2').start('p1'), 'not-enrolled');
    assert.deepEqual((await actor(world.engine, 'c2').hello()).conversations, []);
  });

  it('an existing chat stays readable after un-enrolling; the customer can no longer write in it', async () => {
    const world = paidWorld();
    const c1 = actor(world.engine, 'c1');
    const conversation = await c1.start('p1');
    await c1.send(conversation.id, 'hello');
    await actor(world.engine, 'p1').send(conversation.id, 'hi there');
    await setEnrolled(world, 'p1', false);

    const reopened = await c1.start('p1');
    assert.equal(reopened.id, conversation.id, 'starting again returns the existing chat');
    assert.equal(reopened.refusal, 'not-enrolled', 'the composer learns why');
    assert.deepEqual((await c1.history(conversation.id)).map((m) => m.kind === 'text' && m.text), ['hello', 'hi there']);

    const before = await c1.history(conversation.id);
    await refused(c1.send(conversation.id, 'are you there?'), 'not-enrolled');
    assert.deepEqual(await c1.history(conversation.id), before, 'nothing was stored');
  });

  it('the provider may still answer in an existing chat after un-enrolling', async () => {
    const world = paidWorld();
    const c1 = actor(world.engine, 'c1');
    const conversation = await c1.start('p1');
    await c1.send(conversation.id, 'hello');
    await setEnrolled(world, 'p1', false);
    const reply = await actor(world.engine, 'p1').send(conversation.id, 'I am closing my chat, goodbye');
    assert.equal(reply.seq, 2);
  });

  it('the customer sees the chat turn read-only at once: a conversation event carries the refusal', async () => {
    const world = paidWorld();
    const c1 = actor(world.engine, 'c1');
    const conversation = await c1.start('p1');
    await c1.send(conversation.id, 'hello');
    const events: ChatEvent[] = [];
    world.engine.connect('c1', (event) => events.push(event));
    await setEnrolled(world, 'p1', false);
    const views = events.flatMap((e) => (e.type === 'conversation' ? [e.conversation] : []));
    assert.equal(views.at(-1)?.refusal, 'not-enrolled');
    await setEnrolled(world, 'p1', true);
    assert.equal(events.flatMap((e) => (e.type === 'conversation' ? [e.conversation] : [])).at(-1)?.refusal, undefined);
  });

  it('enrolling again lets customers start and write', async () => {
    const world = paidWorld({ enrolled: false });
    await setEnrolled(world, 'p1', true);
    const c1 = actor(world.engine, 'c1');
    const conversation = await c1.start('p1');
    assert.equal((await c1.send(conversation.id, 'hello')).seq, 1);
  });

  it('un-enrolling twice changes nothing the second time', async () => {
    const world = paidWorld();
    await setEnrolled(world, 'p1', false);
    const events: ChatEvent[] = [];
    world.engine.connect('p1', (event) => events.push(event));
    assert.equal((await setEnrolled(world, 'p1', false)).enrolled, false);
    assert.deepEqual(events, []);
  });

  it('the host updating the provider later keeps the enrolment it chose', async () => {
    const world = paidWorld();
    await setEnrolled(world, 'p1', false);
    world.engine.upsertUser({ id: 'p1', role: 'provider', name: 'Ivy Renamed' });
    await refused(actor(world.engine, 'c1').start('p1'), 'not-enrolled');
  });

  it('only a provider enrols: an agent or a customer is forbidden, and nothing changes', async () => {
    const world = paidWorld();
    await refused(setEnrolled(world, 'a1', false), 'forbidden');
    await refused(setEnrolled(world, 'c1', false), 'forbidden');
    assert.equal((await exec(world.engine, 'p1', { type: 'settings' })).enrolled, true);
    await actor(world.engine, 'c1').start('p1');
  });

  it('an agent reads its provider\'s enrolment in its settings', async () => {
    const world = paidWorld();
    await setEnrolled(world, 'p1', false);
    assert.equal((await exec(world.engine, 'a1', { type: 'settings' })).enrolled, false);
  });

  it('a malformed enrolment command is invalid', async () => {
    const world = paidWorld();
    await refused(world.engine.execute('p1', { type: 'set-enrolled' }), 'invalid');
    await refused(world.engine.execute('p1', { type: 'set-enrolled', enrolled: 'no' }), 'invalid');
    assert.equal((await exec(world.engine, 'p1', { type: 'settings' })).enrolled, true);
  });

  it('through the client: unenrol() and enrol() answer with the settings, and the card follows', async () => {
    const world = paidWorld();
    const provider = await world.client('p1');
    const customer = await world.client('c2');
    assert.equal((await customer.providerCard('p1')).enrolled, true);
    assert.equal((await provider.unenrol()).enrolled, false);
    await flush();
    assert.equal(customer.state.cards.p1.enrolled, false, 'the customer who read the card sees it live');
    await assert.rejects(customer.startConversation({ with: 'p1' }), (e: unknown) => e instanceof ChatError && e.code === 'not-enrolled');
    assert.deepEqual(customer.state.conversations, {});
    assert.equal((await provider.enrol()).enrolled, true);
    await flush();
    assert.equal(customer.state.cards.p1.enrolled, true);
    assert.equal((await customer.startConversation({ with: 'p1' })).providerId, 'p1');
  });
});
