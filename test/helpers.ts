import { expect } from '@open-wc/testing';
import { ChatClient, ChatEngine, LocalTransport, ManualClock, MemoryNotifier, MemoryPayments, presets, type Policy } from '../src/index.js';

export const START = Date.parse('2026-01-01T09:00:00Z');

/** Lets queued events (a microtask apart on LocalTransport) and Lit renders land. */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Waits for engine events, lazily loaded rule chunks and renders to land, then asserts the condition. */
export async function until(condition: () => unknown): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await settle(1);
  expect(condition(), 'the awaited condition').to.be.ok;
}

/** An engine on a ManualClock with the people of the seed products, and a client maker. */
export function makeWorld(policy: Policy = presets.paidChat()) {
  const clock = new ManualClock(START);
  const payments = new MemoryPayments();
  const notifier = new MemoryNotifier();
  const engine = new ChatEngine({ policy, clock, payments, notifier });
  engine.upsertUser({ id: 'cam', role: 'customer', name: 'Cam' });
  engine.upsertUser({ id: 'ivy', role: 'provider', name: 'Ivy', teamId: 'team' });
  engine.upsertUser({ id: 'ana', role: 'agent', name: 'Ana', teamId: 'team' });
  engine.upsertUser({ id: 'bo', role: 'agent', name: 'Bo', teamId: 'team' });
  engine.upsertUser({ id: 'adm', role: 'admin', name: 'Ada', teamId: 'team' });
  const clients: ChatClient[] = [];
  async function client(userId: string): Promise<ChatClient> {
    const made = new ChatClient({ transport: new LocalTransport(engine, { userId }), clock });
    await made.connect();
    clients.push(made);
    return made;
  }
  return { clock, payments, notifier, engine, client, dispose: () => { clients.forEach((c) => c.disconnect()); engine.dispose(); } };
}
