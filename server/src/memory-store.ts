import { randomUUID } from 'node:crypto';
import type { DurableStore, JournalEntry, StoreRecord } from 'volley-chat';

/**
 * The journal kept in memory: the same contract as the SQLite store, for tests and for a server
 * that may forget everything when it stops (`--memory`). A batch that never flushes is dropped,
 * as a crash would drop it.
 */
export class MemoryDurableStore implements DurableStore {
  readonly epoch = randomUUID();
  readonly #entries: JournalEntry[] = [];
  readonly #messages = new Map<string, string>();
  #batch: { entries: JournalEntry[]; messages: [string, string][] } | undefined;

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

  load(): JournalEntry[] {
    return structuredClone(this.#entries);
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
    this.#entries.push(...batch.entries);
    for (const [key, id] of batch.messages) this.#messages.set(key, id);
  }

  close(): void {
    this.#batch = undefined;
  }
}
