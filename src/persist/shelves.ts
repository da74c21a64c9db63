import { del, entries, promisifyRequest, set, type UseStore } from 'idb-keyval';

/** What the browser keeps, one store each. */
export const PURPOSES = ['drafts', 'closed', 'outbox', 'cursors'] as const;
export type Purpose = (typeof PURPOSES)[number];

const STORE = 'keyval';

/**
 * One idb-keyval store per purpose, each in its own database named `<prefix>:<purpose>` (as
 * idb-keyval's `createStore` makes them, but on the IndexedDB it is given rather than the global
 * one). Nothing opens before the first read or write. When IndexedDB is missing or refuses (private
 * mode, quota), every purpose moves to memory for the rest of the page and `onMemory` runs once.
 */
export class Shelves {
  readonly #databases = new Map<Purpose, Promise<IDBDatabase>>();
  #memory?: Map<Purpose, Map<string, unknown>>;
  readonly #writing = new Set<Promise<unknown>>();

  constructor(private readonly indexedDB: IDBFactory | null | undefined, private readonly prefix: string, private readonly onMemory: () => void) {}

  /** True once storage fell back to memory. */
  get inMemory(): boolean {
    return this.#memory !== undefined;
  }

  all<T>(purpose: Purpose): Promise<[string, T][]> {
    return this.#run(purpose, (store) => entries<string, T>(store), (memory) => [...memory] as [string, T][]);
  }

  put(purpose: Purpose, key: string, value: unknown): Promise<void> {
    return this.#write(this.#run(purpose, (store) => set(key, value, store), (memory) => void memory.set(key, value)));
  }

  drop(purpose: Purpose, key: string): Promise<void> {
    return this.#write(this.#run(purpose, (store) => del(key, store), (memory) => void memory.delete(key)));
  }

  /** Resolves once every write issued so far has landed. */
  async settled(): Promise<void> {
    await Promise.all(this.#writing);
  }

  #write(write: Promise<void>): Promise<void> {
    this.#writing.add(write);
    void write.finally(() => this.#writing.delete(write));
    return write;
  }

  /** Closes the databases (so they can be deleted); later calls open them again. */
  close(): void {
    for (const database of this.#databases.values()) database.then((db) => db.close(), () => undefined);
    this.#databases.clear();
  }

  async #run<T>(purpose: Purpose, onDisk: (store: UseStore) => Promise<T>, inMemory: (memory: Map<string, unknown>) => T): Promise<T> {
    if (!this.#memory) {
      try {
        return await onDisk((mode, callback) => this.#open(purpose).then((db) => callback(db.transaction(STORE, mode).objectStore(STORE))));
      } catch {
        if (!this.#memory) {
          this.#memory = new Map(PURPOSES.map((each) => [each, new Map()]));
          this.onMemory();
        }
      }
    }
    return inMemory(this.#memory.get(purpose)!);
  }

  #open(purpose: Purpose): Promise<IDBDatabase> {
    let database = this.#databases.get(purpose);
    if (!database) {
      // Throws when there is no IndexedDB at all: the caller falls back to memory.
      const request = this.indexedDB!.open(`${this.prefix}:${purpose}`);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      this.#databases.set(purpose, (database = promisifyRequest(request)));
    }
    return database;
  }
}
