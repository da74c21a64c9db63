import { ChatError } from '../model/errors.js';
import type { RestorableClock, TimerId } from '../model/clock.js';
import type { EngineState } from './engine.js';
import type { ConversationRecord, Desk, EngineKernel } from './records.js';

// Saving the engine's state for a snapshot, and restoring it once before any command: loaded on
// first use, since only a server that snapshots (or restarts from a snapshot) does either.

type DeskModule = { open(kernel: EngineKernel): Desk };
/** The engine's maps and sets, by their names in `EngineState`. */
type Live = Record<string, Map<unknown, unknown> | Set<unknown>>;

const DESKS: Record<keyof EngineKernel['desks'], () => Promise<DeskModule>> = {
  routing: () => import('./routing-desk.js'), care: () => import('./care-desk.js'), presence: () => import('./presence-desk.js'),
  customer: () => import('./customer-desk.js'), tribute: () => import('./tribute-desk.js'), block: () => import('./block-desk.js'),
};

/**
 * A structured-cloneable copy of every record and index, the policy in force and each loaded
 * desk's state (see `ChatEngine.exportState`); when the messages are in the store, each chat's tail
 * is only its length (the engine that restores reads that many back); the live records
 * themselves unless `copy`.
 */
export function exportState(live: Live, kernel: EngineKernel, { messagesInStore: tailsInStore = false, copy = true }: { messagesInStore?: boolean; copy?: boolean } = {}): EngineState {
  const desks: Record<string, unknown> = {};
  for (const [name, desk] of Object.entries(kernel.desks) as [string, Desk][]) desks[name] = desk.exportState();
  const state: Record<string, unknown> = { version: 1, policy: kernel.policy, ...live, desks };
  if (tailsInStore) {
    state.tailsInStore = true;
    state.conversations = new Map([...(live.conversations as Map<string, ConversationRecord>)].map(([id, chat]) => [id, { ...chat, tail: chat.tail.length }]));
  }
  return (copy ? structuredClone(state) : state) as unknown as EngineState;
}

/**
 * Only a fresh engine restores, and only a state of this version: fills the engine's maps and
 * sets in place (the desks hold some of them, as the kernel's `chatEnabled`), then, once the
 * engine took the state's policy (`adopt`), opens each desk the state names and hands it its own
 * state (its countdowns bind again by id, see `resume`).
 */
export async function restore(state: EngineState, live: Live, kernel: EngineKernel, adopt: () => void): Promise<void> {
  if (state?.version !== 1 || live.users.size > 0) throw new ChatError('invalid');
  adopt();
  for (const [name, target] of Object.entries(live)) {
    for (const item of state[name as keyof EngineState] as Iterable<unknown>) {
      if (target instanceof Map) target.set(...(item as [unknown, unknown]));
      else target.add(item);
    }
  }
  // Each chat's tail as it was: its last messages up to the seq the state knows (a journal
  // restoring this state has later messages stored already).
  if (state.tailsInStore) {
    for (const conversation of state.conversations.values()) {
      const length = conversation.tail as unknown as number;
      conversation.tail = length > 0 ? await kernel.reads.messages(conversation.id, { beforeSeq: conversation.lastSeq + 1, limit: length }) : [];
    }
  }
  /** Binds a desk's callback to the countdown it saved as `id`: the same id on a `RestorableClock`, a new one on any other clock. */
  const resume = (id: TimerId, dueAt: number, callback: () => void): TimerId => {
    const clock = kernel.clock as Partial<RestorableClock>;
    if (clock.resume) clock.resume(id, callback);
    else id = kernel.clock.setTimeout(callback, dueAt - kernel.clock.now());
    return id;
  };
  for (const [name, deskState] of Object.entries(state.desks)) (await DESKS[name as keyof EngineKernel['desks']]()).open(kernel).restoreState(deskState, resume);
}
