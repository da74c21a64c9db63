import { ChatEngine, ManualClock, MemoryNotifier, MemoryPayments, defaultPolicy, type HostCall, type Policy, type PolicyOverrides, type User } from '../src/index.js';

/**
 * The live product's world: one engine, the people of the five seed products. The page builds it
 * in-page (`?transport=local`); `npm start` (scripts/start.mjs) hosts the same world on the chat
 * server, which the page reaches over WebSocket by default.
 *
 * One engine rather than one per product: a customer meets a paid provider's team and a care
 * channel from one inbox, time travel moves everything at once, and a server can host the very
 * same world. Each provider carries its own product (`User.policy`, R2), merged over the engine's
 * policy for its chats, so each chat plays its seed and only its seed:
 * - Ivy sells paid chats (seed 000: volleys, tributes), answered by her team (seed 001: routing;
 *   a chat nobody claims in 15 s waits in the queue), with orders: send limits (seed 003) and the
 *   contact guard in the pre-order chat (seed 004).
 * - Acme Coffee is a care channel (seed 002): statuses, owners, the two-way switch, analytics;
 *   no volleys, no tributes.
 */
export function demoPolicy(): Policy {
  return defaultPolicy();
}

/** Ivy's product: seeds 000, 001, 003 and 004 on her chats. */
export const PAID_CHAT: PolicyOverrides = {
  volley: { enabled: true },
  tribute: { enabled: true },
  routing: { enabled: true },
  sendLimits: { enabled: true },
  contactGuard: { enabled: true },
};

/** Acme Coffee's product: customer care (seed 002). */
export const CUSTOMER_CARE: PolicyOverrides = { care: { enabled: true } };

/** Everyone with a panel on the page, in the order the panels appear. */
export const PEOPLE: readonly (User & { title: string })[] = [
  { id: 'cam', role: 'customer', name: 'Cam', title: 'customer' },
  { id: 'ivy', role: 'provider', name: 'Ivy', teamId: 'ivy-team', policy: PAID_CHAT, title: 'provider (paid chat)' },
  { id: 'ann', role: 'agent', name: 'Ann', teamId: 'ivy-team', title: "agent, Ivy's team" },
  { id: 'ben', role: 'agent', name: 'Ben', teamId: 'ivy-team', title: "agent, Ivy's team" },
  { id: 'cy', role: 'agent', name: 'Cy', teamId: 'ivy-team', title: "agent, Ivy's team" },
  { id: 'kim', role: 'agent', name: 'Kim', teamId: 'acme-care', title: 'care agent, Acme Coffee' },
];

/** Parties without a panel: the care channel itself (it switches two-way chat, K1). */
const CHANNEL: User = { id: 'acme', role: 'provider', name: 'Acme Coffee', teamId: 'acme-care', policy: CUSTOMER_CARE };

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
