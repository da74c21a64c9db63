/**
 * The one test world of the node and the browser tests: an engine on a ManualClock with in-memory
 * adapters, the people of the seed products (or the users given), and connected clients on it
 * through LocalTransport. `dispose()` disconnects them and stops the engine; the browser helpers
 * call it after each test for every world made (`disposeWorlds`), so a failing test cleans up too.
 */
import {
  ChatClient, ChatEngine, LocalTransport, ManualClock, MemoryNotifier, MemoryPayments, presets, type HistoryAdapter, type Policy, type User,
} from '../src/index.js';

/** Every test clock starts here (09:00 UTC: 10:00 in Paris, a working morning in Europe). */
export const START = Date.parse('2026-01-01T09:00:00Z');

/** The people of the seed products: a customer, a provider and its team (two agents, an admin). */
export const PEOPLE: readonly User[] = [
  { id: 'cam', role: 'customer', name: 'Cam' },
  { id: 'ivy', role: 'provider', name: 'Ivy', teamId: 'team' },
  { id: 'ana', role: 'agent', name: 'Ana', teamId: 'team' },
  { id: 'bo', role: 'agent', name: 'Bo', teamId: 'team' },
  { id: 'adm', role: 'admin', name: 'Ada', teamId: 'team' },
];

export interface World {
  clock: ManualClock;
  payments: MemoryPayments;
  notifier: MemoryNotifier;
  engine: ChatEngine;
  /** A connected client for a user already known to the engine. */
  client(userId: string): Promise<ChatClient>;
  /** Disconnects every client made here and stops the engine; once (later calls do nothing). */
  dispose(): void;
}

const live = new Set<World>();

/** An engine with the given policy (paid chat by default), users (the seed products' people by default) and host history. */
export function makeWorld(options: { policy?: Policy; users?: readonly User[]; history?: HistoryAdapter } = {}): World {
  const clock = new ManualClock(START);
  const payments = new MemoryPayments();
  const notifier = new MemoryNotifier();
  const engine = new ChatEngine({ policy: options.policy ?? presets.paidChat(), clock, payments, notifier, history: options.history });
  for (const user of options.users ?? PEOPLE) engine.upsertUser(user);
  const clients: ChatClient[] = [];
  const world: World = {
    clock, payments, notifier, engine,
    async client(userId: string) {
      const client = new ChatClient({ transport: new LocalTransport(engine, { userId }), clock });
      clients.push(client);
      await client.connect();
      return client;
    },
    dispose() {
      if (!live.delete(world)) return;
      for (const client of clients) client.disconnect();
      engine.dispose();
    },
  };
  live.add(world);
  return world;
}

/** Disposes every world not disposed yet (an `afterEach` of the browser tests). */
export function disposeWorlds(): void {
  for (const world of [...live]) world.dispose();
}
