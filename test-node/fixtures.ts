/**
 * Shared helpers for the DOM-free tests. The world (an engine on a ManualClock with in-memory
 * adapters, clients on it through LocalTransport) and `until` are the browser tests' too, in
 * test-support/. Extend with care: several test files use it.
 */
import assert from 'node:assert/strict';
import {
  ChatError, type ChatEngine, type ChatEvent, type CommandOf, type CommandResults, type CommandType, type MessageDraft, type OutgoingMessage,
} from '../src/index.ts';
import { createId } from '../src/model/ids.ts';

export { START, PEOPLE, makeWorld, type World } from '../test-support/world.ts';
export { until } from '../test-support/until.ts';

/** Lets LocalTransport's events (delivered a microtask later) and pending replies land. */
export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * One user's commands straight on the engine, typed, for rule tests that do not need a client:
 * `const c1 = actor(engine, 'c1'); const conv = await c1.start('p1'); await c1.send(conv.id, 'hi')`.
 * Message ids are fresh unless given (the idempotency key is global to the engine).
 */
export function actor(engine: ChatEngine, userId: string) {
  const run = <T extends CommandType>(command: CommandOf<T>): Promise<CommandResults[T]> => engine.execute<T>(userId, command);
  return {
    id: userId,
    run,
    hello: () => run<'hello'>({ type: 'hello' }),
    start: (withId: string, orderId?: string) => run<'start'>({ type: 'start', with: withId, ...(orderId ? { orderId } : {}) }),
    send: (conversationId: string, message: string | MessageDraft, id: string = createId('m')) =>
      run<'send'>({ type: 'send', conversationId, message: { ...(typeof message === 'string' ? { kind: 'text' as const, text: message } : message), id } as OutgoingMessage }),
    history: (conversationId: string) => run<'history'>({ type: 'history', conversationId, limit: 500 }),
  };
}
export type Actor = ReturnType<typeof actor>;

/**
 * `engine.execute` with the result typed from the command's own `type` (execute takes `unknown`
 * at the edge, so it cannot infer it): `await exec(engine, 'c1', { type: 'hello' })` is a Snapshot.
 */
export function exec<T extends CommandType>(engine: ChatEngine, userId: string, command: CommandOf<T> & { type: T }): Promise<CommandResults[T]> {
  return engine.execute<T>(userId, command);
}

/** Asserts the promise rejects with a ChatError of this code. */
export async function refused(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => error instanceof ChatError && error.code === code);
}

/** Every event the engine sends this user from now on. */
export function recorder(engine: ChatEngine, userId: string): ChatEvent[] {
  const events: ChatEvent[] = [];
  engine.connect(userId, (event) => events.push(event));
  return events;
}

/** mulberry32, a tiny seeded generator: a failing fuzz or random history plays again from its seed. */
export function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(list: readonly T[]): T => list[int(list.length)] };
}
