import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { presets } from '../src/index.ts';
import { actor, exec, makeWorld, refused } from './fixtures.ts';

// D3 with P11: the alert channels a provider-side user chooses in place of the policy's.

const users = [
  { id: 'p1', role: 'provider' as const, name: 'Ivy', teamId: 't1' },
  { id: 'a1', role: 'agent' as const, teamId: 't1' },
  { id: 'c1', role: 'customer' as const, name: 'Cam' },
];

function alertsWorld() {
  const world = makeWorld({ policy: presets.paidChat(), users });
  const c1 = actor(world.engine, 'c1');
  /** Cam writes to Ivy; answers the channels of the alerts Ivy got for that message. */
  const write = async (text = 'hello') => {
    const conversation = await c1.start('p1');
    const message = await c1.send(conversation.id, text);
    return world.notifier.sent.filter((n) => n.userId === 'p1' && n.messageIds?.includes(message.id)).map((n) => n.channel);
  };
  return { ...world, write };
}

describe('D3 alert channels: each provider-side user chooses push and e-mail', () => {
  it('by default the settings show the policy\'s channels and alerts follow them', async () => {
    const world = alertsWorld();
    assert.deepEqual((await exec(world.engine, 'p1', { type: 'settings' })).notifications, { push: true, email: 'when-away' });
    assert.deepEqual(await world.write(), ['in-app', 'push', 'email']);
  });

  it('with push off a message raises no push alert; the choice reads back in the settings', async () => {
    const world = alertsWorld();
    const settings = await exec(world.engine, 'p1', { type: 'set-notifications', notifications: { push: false, email: 'when-away' } });
    assert.deepEqual(settings.notifications, { push: false, email: 'when-away' });
    assert.deepEqual((await exec(world.engine, 'p1', { type: 'settings' })).notifications, { push: false, email: 'when-away' });
    assert.deepEqual(await world.write(), ['in-app', 'email']);
  });

  it('e-mail "never" sends no e-mail; "always" sends one even while active in the app (where push stays off)', async () => {
    const world = alertsWorld();
    await exec(world.engine, 'p1', { type: 'set-notifications', notifications: { push: true, email: 'never' } });
    assert.deepEqual(await world.write('one'), ['in-app', 'push']);
    await exec(world.engine, 'p1', { type: 'set-notifications', notifications: { push: true, email: 'always' } });
    await exec(world.engine, 'p1', { type: 'set-presence', active: true, inLiveSession: false });
    assert.deepEqual(await world.write('two'), ['in-app', 'email']);
  });

  it('one member\'s choice is its own: the provider\'s agent keeps the policy\'s channels', async () => {
    const world = alertsWorld();
    await exec(world.engine, 'a1', { type: 'set-notifications', notifications: { push: false, email: 'never' } });
    assert.deepEqual((await exec(world.engine, 'p1', { type: 'settings' })).notifications, { push: true, email: 'when-away' });
    assert.deepEqual(await world.write(), ['in-app', 'push', 'email']);
    assert.deepEqual(world.notifier.sent.filter((n) => n.userId === 'a1').map((n) => n.channel), ['in-app']);
  });

  it('P11 the quiet-hours summary goes out on the chosen channels only', async () => {
    const world = alertsWorld();
    // The night after START: midnight UTC is 01:00 in Paris, inside the window, which ends at 06:00Z.
    world.clock.setTime(Date.parse('2026-01-02T00:00:00Z'));
    await exec(world.engine, 'p1', { type: 'set-quiet-hours', quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Paris' } });
    await exec(world.engine, 'p1', { type: 'set-notifications', notifications: { push: false, email: 'never' } });
    assert.deepEqual(await world.write(), []);
    world.clock.setTime(Date.parse('2026-01-02T06:00:00Z'));
    assert.deepEqual(world.notifier.sent.filter((n) => n.userId === 'p1').map((n) => [n.channel, n.kind]), [['in-app', 'summary']]);
  });

  it('customers have no such settings: forbidden, and their alerts still follow the policy', async () => {
    const world = alertsWorld();
    await refused(exec(world.engine, 'c1', { type: 'set-notifications', notifications: { push: false, email: 'never' } }), 'forbidden');
    const conversation = await actor(world.engine, 'c1').start('p1');
    await actor(world.engine, 'c1').send(conversation.id, 'hello');
    const reply = await actor(world.engine, 'p1').send(conversation.id, 'hi Cam');
    assert.deepEqual(world.notifier.sent.filter((n) => n.userId === 'c1' && n.messageIds?.includes(reply.id)).map((n) => n.channel), ['in-app', 'push', 'email']);
  });

  for (const [label, notifications] of [
    ['an unknown e-mail choice', { push: true, email: 'sometimes' }],
    ['a missing push flag', { email: 'never' }],
    ['push that is not a boolean', { push: 'yes', email: 'never' }],
  ] as const) {
    it(`${label} is invalid and the channels in force stay`, async () => {
      const world = alertsWorld();
      await exec(world.engine, 'p1', { type: 'set-notifications', notifications: { push: false, email: 'always' } });
      await refused(world.engine.execute('p1', { type: 'set-notifications', notifications }), 'invalid');
      assert.deepEqual((await exec(world.engine, 'p1', { type: 'settings' })).notifications, { push: false, email: 'always' });
    });
  }

  it('through the client: setNotifications answers with the settings', async () => {
    const world = alertsWorld();
    const ivy = await world.client('p1');
    assert.deepEqual((await ivy.setNotifications({ push: false, email: 'always' })).notifications, { push: false, email: 'always' });
    assert.deepEqual((await ivy.settings()).notifications, { push: false, email: 'always' });
  });
});
