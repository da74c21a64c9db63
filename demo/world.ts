import { ChatEngine, ManualClock, MemoryNotifier, MemoryPayments, mergePolicy, presets, type HostCall, type Policy, type User } from '../src/index.js';

/**
 * The live product's world: one engine, one policy, the people of the five seed products. The page
 * builds it in-page (`?transport=local`); `npm start` (scripts/start.mjs) hosts the same world on
 * the chat server, which the page reaches over WebSocket by default.
 *
 * One engine rather than one per product: a customer meets a paid provider's team and a care
 * channel from one inbox, time travel moves everything at once, and a server can host the very
 * same world. Its policy therefore switches every rule family on; what that mixes:
 * - Routing is on for every party, so Cam's chats with Ivy are offered to Ivy's three agents
 *   (seed 001) while Ivy can still answer herself (seed 000); a chat nobody claims in 15 s is
 *   "missed" and says so to the customer, even if Ivy answers.
 * - Care statuses are on for every chat: whoever answers first owns it (seed 002), so another
 *   member answering later is refused with `owned-by-other`.
 * - Send limits (seed 003) and the contact guard (seed 004) apply to every pre-order chat.
 */
export function demoPolicy(): Policy {
  return mergePolicy(presets.paidChat(), {
    routing: { enabled: true },
    care: { enabled: true },
    sendLimits: { enabled: true },
    contactGuard: { enabled: true },
  });
}

/** Everyone with a panel on the page, in the order the panels appear. */
export const PEOPLE: readonly (User & { title: string })[] = [
  { id: 'cam', role: 'customer', name: 'Cam', title: 'customer' },
  { id: 'ivy', role: 'provider', name: 'Ivy', teamId: 'ivy-team', title: 'provider (paid chat)' },
  { id: 'ann', role: 'agent', name: 'Ann', teamId: 'ivy-team', title: "agent, Ivy's team" },
  { id: 'ben', role: 'agent', name: 'Ben', teamId: 'ivy-team', title: "agent, Ivy's team" },
  { id: 'cy', role: 'agent', name: 'Cy', teamId: 'ivy-team', title: "agent, Ivy's team" },
  { id: 'kim', role: 'agent', name: 'Kim', teamId: 'acme-care', title: 'care agent, Acme Coffee' },
];

/** Parties without a panel: the care channel itself (it switches two-way chat, K1). */
const CHANNEL: User = { id: 'acme', role: 'provider', name: 'Acme Coffee', teamId: 'acme-care' };

/** Everyone the world's engine knows, as it knows them: the people with panels and the channel. */
export const DEMO_USERS: readonly User[] = [...PEOPLE.map(({ title: _title, ...user }) => user), CHANNEL];

/** An order of Cam's with Ivy: it opens an order chat (M1) and shows in the feed (D1). */
export const FIRST_ORDER = { id: 'order-1', customerId: 'cam', providerId: 'ivy', title: 'Tarot reading, 30 min', amountCents: 2500 };

export interface LiveWorld {
  clock: ManualClock;
  engine: ChatEngine;
  payments: MemoryPayments;
  notifier: MemoryNotifier;
}

/** Builds the live world on a manual clock that starts now (a driver moves it in real time). */
export function createLiveWorld(start = Date.now()): LiveWorld {
  const clock = new ManualClock(start);
  const payments = new MemoryPayments();
  const notifier = new MemoryNotifier();
  const engine = new ChatEngine({ policy: demoPolicy(), clock, payments, notifier });
  seedLiveWorld(engine);
  return { clock, engine, payments, notifier };
}

/**
 * The world's seed as host calls, the form a server journals: the users and the first order.
 * The page's engine runs them at once; the demo server runs them once, when its data is new.
 */
export function seedCalls(): HostCall[] {
  return [
    ...DEMO_USERS.map((user): HostCall => ({ name: 'upsertUser', args: [user] })),
    { name: 'recordOrder', args: [FIRST_ORDER] },
  ];
}

/** Runs the seed on an in-page engine. */
export function seedLiveWorld(engine: ChatEngine): void {
  for (const call of seedCalls()) runHostCall(engine, call);
}

/** A host call on an in-page engine, as the server's journal runs it. */
export function runHostCall(engine: ChatEngine, call: HostCall): unknown {
  return (engine[call.name] as (...args: unknown[]) => unknown).apply(engine, call.args);
}
