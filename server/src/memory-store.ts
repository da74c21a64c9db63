import { randomUUID } from 'node:crypto';
import type { DurableStore, JournalEntry, StoreRecord, StoredJournal } from 'volley-chat';

/**
 * The journal kept in memory: the same contract as the SQLite store, for tests and for a server
 * that may forget everything when it stops (`--memory`). A batch that never flushes is dropped,
 * as a crash would drop it.
 */
export class MemoryDurableStore implements DurableStore {
  readonly epoch = randomUUID();
  #entries: JournalEntry[] = [];
  #snapshot: unknown;
  readonly #messages = new Map<string, string>();
  #batch: { entries: JournalEntry[]; messages: [string, string][]; snapshot?: { state: unknown } } | undefined;

  commit(records: StoreRecord[]): void {
    for (const record of records) {
      if (record.type !== 'message') continue;
      const { conversationId, seq, id } = record.message;
      const key = `${conversationId}\u0000${seq}`;
      if (this.#messages.has(key)) throw new Error(`Message ${conversationId}#${seq} is already stored.`);
      if (this.#batch) this.#batch.messages.push([key, id]);
      else this.#messages.set(key, id);
    }
  }

  load(): StoredJournal {
    return structuredClone(this.#snapshot === undefined ? { entries: this.#entries } : { snapshot: this.#snapshot, entries: this.#entries });
  }

  /** Covers every entry so far: they are dropped with the batch's flush. */
  snapshot(state: unknown): void {
    const clone = structuredClone(state);
    if (this.#batch) this.#batch.snapshot = { state: clone };
    else {
      this.#snapshot = clone;
      this.#entries = [];
    }
  }

  hasMessage(conversationId: string, seq: number, id: string): boolean {
    return this.#messages.get(`${conversationId}\u0000${seq}`) === id;
  }

  begin(): void {
    this.#batch = { entries: [], messages: [] };
  }

  append(entry: JournalEntry): void {
    if (this.#batch) this.#batch.entries.push(structuredClone(entry));
    else this.#entries.push(structuredClone(entry));
  }

  flush(): void {
    const batch = this.#batch;
    this.#batch = undefined;
    if (!batch) return;
    if (batch.snapshot) {
      this.#snapshot = batch.snapshot.state;
      this.#entries = [];
    } else this.#entries.push(...batch.entries);
    for (const [key, id] of batch.messages) this.#messages.set(key, id);
  }

  close(): void {
    this.#batch = undefined;
  }
}
