import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { presets, type User } from '../src/index.ts';
import { exec, makeWorld } from './fixtures.ts';

// A provider with a team: customers may write to the provider (ivy) or to the team id (t1);
// agents and admins of t1 act for both.
const USERS: User[] = [
  { id: 'cam', role: 'customer', name: 'Cam' },
  { id: 'ivy', role: 'provider', name: 'Ivy', teamId: 't1' },
  { id: 'ana', role: 'agent', name: 'Ana', teamId: 't1' },
  { id: 'bo', role: 'agent', name: 'Bo', teamId: 't1' },
];

describe('R1 members act for their provider and its team', () => {
  it('K5 analytics of an agent count chats written to the provider and to the team', async () => {
    const { engine, clock } = makeWorld({ policy: presets.customerCare(), users: USERS });
    const toProvider = await exec(engine, 'cam', { type: 'start', with: 'ivy' });
    await exec(engine, 'cam', { type: 'send', conversationId: toProvider.id, message: { id: 'm1', kind: 'text', text: 'hi Ivy' } });
    clock.advance(60_000);
    await exec(engine, 'ana', { type: 'send', conversationId: toProvider.id, message: { id: 'm2', kind: 'text', text: 'Ana here' } });
    const figures = await exec(engine, 'bo', { type: 'analytics' });
    assert.equal(figures.active, 1);
    assert.equal(figures.answered, 1);
    assert.equal(figures.averageResponseMs, 60_000);
  });

  it('P5 an agent sees the details of a customer who wrote to the provider, and its notes are shared', async () => {
    const { engine } = makeWorld({ users: USERS });
    const chat = await exec(engine, 'cam', { type: 'start', with: 'ivy' });
    await exec(engine, 'cam', { type: 'send', conversationId: chat.id, message: { id: 'm1', kind: 'text', text: 'hello' } });
    await exec(engine, 'ana', { type: 'set-note', customerId: 'cam', text: 'Likes short answers' });
    const seenByProvider = await exec(engine, 'ivy', { type: 'customer-details', customerId: 'cam' });
    assert.equal(seenByProvider.note, 'Likes short answers');
    assert.equal(seenByProvider.customer.name, 'Cam');
  });

  it('P6 a customer blocked by an agent cannot write to the provider, and the block shows in the whole team', async () => {
    const { engine } = makeWorld({ users: USERS });
    const chat = await exec(engine, 'cam', { type: 'start', with: 'ivy' });
    await exec(engine, 'cam', { type: 'send', conversationId: chat.id, message: { id: 'm1', kind: 'text', text: 'hello' } });
    const list = await exec(engine, 'ana', { type: 'block', userId: 'cam' });
    assert.deepEqual(list, ['cam']);
    await assert.rejects(exec(engine, 'cam', { type: 'send', conversationId: chat.id, message: { id: 'm2', kind: 'text', text: 'still there?' } }), { code: 'blocked' });
    assert.deepEqual((await exec(engine, 'bo', { type: 'hello' })).blocked, ['cam']);
    await exec(engine, 'ivy', { type: 'unblock', userId: 'cam' });
    await exec(engine, 'cam', { type: 'send', conversationId: chat.id, message: { id: 'm2', kind: 'text', text: 'still there?' } });
  });
});
