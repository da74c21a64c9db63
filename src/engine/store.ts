import type { Policy } from '../model/policy.js';
import type { AccountState, Message, Order, User } from '../model/types.js';
import type { Command } from '../protocol/commands.js';

/** One durable fact the engine commits before it keeps, shows or acknowledges it. */
export type StoreRecord =
  | { type: 'message'; message: Message }
  | { type: 'conversation'; id: string; customerId: string; providerId: string; orderId?: string; at: number };

/**
 * Where committed facts go. The engine awaits `commit` before anything the facts describe is kept
 * in memory, sent to anyone or acknowledged, and a rejection refuses the command with nothing
 * changed. A synchronous store (memory, embedded SQLite) keeps the engine synchronous; an
 * asynchronous network database (PostgreSQL) fits the same signature.
 */
export interface Store {
  commit(records: StoreRecord[]): void | Promise<void>;
}

/** The in-page default: keeps the log in memory (nothing survives the page). */
export class MemoryStore implements Store {
  readonly records: StoreRecord[] = [];
  commit(records: StoreRecord[]): void {
    this.records.push(...records);
  }
}

/** A host call that changes what the engine knows (who exists, account states, reviews, orders). */
export type HostCall =
  | { name: 'upsertUser'; args: [User] }
  | { name: 'setAccountState'; args: [string, AccountState] }
  | { name: 'recordReview'; args: [{ from: string; to: string; rating: 'negative' | 'positive' }] }
  | { name: 'recordOrder'; args: [Omit<Order, 'at'> & { at?: number }] };

/**
 * One accepted input to an engine, in the order it ran, with the time it ran at and the ids the
 * engine made for it: replaying the journal into a fresh engine restores every state, timers
 * included. A command that was refused is journaled only if it changed something on its way
 * (a claim that settled an offer whose deadline had passed).
 */
export type JournalEntry =
  | { kind: 'command'; at: number; ids: string[]; userId: string; command: Command }
  | { kind: 'host'; at: number; ids: string[]; call: HostCall }
  /** A countdown fired; `timer` numbers the engine's timeouts in the order they were set. */
  | { kind: 'timer'; at: number; ids: string[]; timer: number }
  /** The operator started the server with other rules: they apply from here on (what came before stays). */
  | { kind: 'policy'; at: number; ids: string[]; policy: Policy };

/** What a durable store holds for a restart: the latest snapshot of the state, if any, and the journal entries after it. */
export interface StoredJournal {
  snapshot?: unknown;
  entries: JournalEntry[];
}

/**
 * A store a server restarts from. Facts and journal entries written between `begin` and `flush`
 * become durable together; the server lets no reply or event out before `flush` settles (group
 * commit). Every method may return a promise, so a PostgreSQL store (a transaction on one pooled
 * client) fits as well as the embedded SQLite default.
 */
export interface DurableStore extends Store {
  /** Names this data: it is made once, with the data, and survives restarts. Clients holding cursors of another epoch start over. */
  readonly epoch: string;
  /** The latest snapshot and every journal entry after it, in order. */
  load(): StoredJournal | Promise<StoredJournal>;
  /** While replaying: whether the message with this id is stored at this place (a replay that makes anything else has diverged). */
  hasMessage(conversationId: string, seq: number, id: string): boolean | Promise<boolean>;
  begin(): void | Promise<void>;
  append(entry: JournalEntry): void | Promise<void>;
  /**
   * Between `begin` and `flush`: a snapshot of the state after every entry appended so far (a
   * structured-cloneable value), durable with them. From then on `load` returns it and only the
   * entries after it; the entries and older snapshots it covers may be deleted (compaction).
   */
  snapshot(state: unknown): void | Promise<void>;
  flush(): void | Promise<void>;
  close(): void | Promise<void>;
}
