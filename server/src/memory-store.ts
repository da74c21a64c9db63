import { randomUUID } from 'node:crypto';
import type { DurableStore, JournalEntry, Message, MessageRange, StoreRecord, StoredJournal } from 'volley-chat';

/**
 * The journal kept in memory: the same contract as the SQLite store, for tests and for a server
 * that may forget everything when it stops (`--memory`). A batch that never flushes is dropped,
 * as a crash would drop it.
 */
export class MemoryDurableStore implements DurableStore {
  readonly epoch = randomUUID();
  #entries: JournalEntry[] = [];
  #snapshot: unknown;
  readonly #messages = new Map<string, Message[]>();
  readonly #byId = new Map<string, Message>();
  #batch: { entries: JournalEntry[]; messages: Message[]; snapshot?: { state: unknown } } | undefined;

  commit(records: StoreRecord[]): void {
    for (const record of records) {
      if (record.type !== 'message') continue;
      const { message } = record;
      const { conversationId, seq } = message;
      if (this.#count(conversationId) >= seq) throw new Error(`Message ${conversationId}#${seq} is already stored.`);
      if (this.#batch) this.#batch.messages.push(structuredClone(message));
      else this.#keep(structuredClone(message));
    }
  }

  /** Read back as a database would: the batch being written included (its transaction sees its own writes). */
  messages(conversationId: string, range: MessageRange): Message[] {
    const kept = this.#messages.get(conversationId) ?? [];
    const pending = this.#batch?.messages.filter((m) => m.conversationId === conversationId) ?? [];
    // Seq has no gaps: seq n is at n - 1 of the kept, then of the pending ones.
    const end = Math.min(kept.length + pending.length, (range.beforeSeq ?? Infinity) - 1);
    const start = Math.max(0, range.afterSeq ?? 0, range.limit === undefined ? 0 : end - range.limit);
    const page: Message[] = [];
    for (let i = start; i < end; i++) page.push(i < kept.length ? kept[i] : pending[i - kept.length]);
    return structuredClone(page);
  }

  #count(conversationId: string): number {
    let count = this.#messages.get(conversationId)?.length ?? 0;
    for (const message of this.#batch?.messages ?? []) if (message.conversationId === conversationId) count++;
    return count;
  }

  messageById(id: string): Message | undefined {
    const message = this.#byId.get(id) ?? this.#batch?.messages.find((m) => m.id === id);
    return message && structuredClone(message);
  }

  #keep(message: Message): void {
    let messages = this.#messages.get(message.conversationId);
    if (!messages) this.#messages.set(message.conversationId, (messages = []));
    messages.push(message);
    this.#byId.set(message.id, message);
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
    return this.#messages.get(conversationId)?.[seq - 1]?.id === id;
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
    for (const message of batch.messages) this.#keep(message);
  }

  close(): void {
    this.#batch = undefined;
  }
}
