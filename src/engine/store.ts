import type { Policy } from '../model/policy.js';
import type { AccountState, Message, Order, User } from '../model/types.js';
import type { Command } from '../protocol/commands.js';

/** One durable fact the engine commits before it keeps, shows or acknowledges it. */
export type StoreRecord =
  | { type: 'message'; message: Message }
  | { type: 'conversation'; id: string; customerId: string; providerId: string; orderId?: string; at: number };

/** A page of one conversation's messages: `afterSeq < seq < beforeSeq`, ascending by seq. */
export interface MessageRange {
  beforeSeq?: number;
  afterSeq?: number;
  /** At most this many: the latest of the range (those nearest `beforeSeq`). Absent: all of it. */
  limit?: number;
}

/**
 * Where committed facts go. The engine awaits `commit` before anything the facts describe is kept
 * in memory, sent to anyone or acknowledged, and a rejection refuses the command with nothing
 * changed. A synchronous store (memory, embedded SQLite) keeps the engine synchronous; an
 * asynchronous network database (PostgreSQL) fits the same signature.
 *
 * A store that reads messages back (`messages` and `messageById`) holds the history: the engine then
 * keeps only a bounded tail of each chat in memory and asks the store for the rest (history pages,
 * the feed, C3 dedupe of an older id). The engine reads only what it has seen committed: a message
 * past a chat's last seq as the engine knows it (a server replaying its journal) is not seen. A
 * store that only commits leaves the engine keeping every message in memory, as a `MemoryStore` does.
 */
export interface Store {
  commit(records: StoreRecord[]): void | Promise<void>;
  /** One conversation's committed messages in a range (see `MessageRange`). */
  messages?(conversationId: string, range: MessageRange): Message[] | Promise<Message[]>;
  /** The committed message with this id (ids are unique across conversations), if any. */
  messageById?(id: string): Message | undefined | Promise<Message | undefined>;
}

/** A store that reads its messages back. */
export type MessageStore = Store & Required<Pick<Store, 'messages' | 'messageById'>>;

/** The in-page default: keeps the log, and every message by conversation and by id, in memory (nothing survives the page). */
export class MemoryStore implements MessageStore {
  readonly records: StoreRecord[] = [];
  readonly #byConversation = new Map<string, Message[]>();
  readonly #byId = new Map<string, Message>();

  commit(records: StoreRecord[]): void {
    for (const record of records) {
      this.records.push(record);
      if (record.type !== 'message') continue;
      const { message } = record;
      const chats = this.#byConversation;
      (chats.get(message.conversationId) ?? chats.set(message.conversationId, []).get(message.conversationId)!).push(message);
      this.#byId.set(message.id, message);
    }
  }

  messages(conversationId: string, { beforeSeq = Infinity, afterSeq = 0, limit = Infinity }: MessageRange): Message[] {
    // Seq n is at n - 1: seq has no gaps.
    const messages = this.#byConversation.get(conversationId) ?? [];
    const end = Math.min(messages.length, beforeSeq - 1);
    return messages.slice(Math.max(0, afterSeq, end - limit), Math.max(0, end));
  }

  messageById(id: string): Message | undefined {
    return this.#byId.get(id);
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
  /** Messages committed so far, batches not yet flushed included (the engine keeps only a tail of each chat). */
  messages(conversationId: string, range: MessageRange): Message[] | Promise<Message[]>;
  messageById(id: string): Message | undefined | Promise<Message | undefined>;
  /** The latest snapshot and every journal entry after it, in order. */
  load(): StoredJournal | Promise<StoredJournal>;
  /** While replaying: whether the message with this id is stored at this place (a replay that makes anything else has diverged). */
  hasMessage(conversationId: string, seq: number, id: string): boolean | Promise<boolean>;
  begin(): void | Promise<void>;
  append(entry: JournalEntry): void | Promise<void>;
  /**
   * Between `begin` and `flush`: a snapshot of the state after every entry appended so far (a
   * structured-cloneable value that shares the engine's live records: serialize it before this
   * returns or its promise's first await), durable with them. From then on `load` returns it and only the
   * entries after it; the entries and older snapshots it covers may be deleted (compaction).
   */
  snapshot(state: unknown): void | Promise<void>;
  flush(): void | Promise<void>;
  close(): void | Promise<void>;
}
