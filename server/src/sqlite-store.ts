import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { closeSync, fsync, fsyncSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { DurableStore, JournalEntry, Message, MessageRange, StoreRecord, StoredJournal } from 'volley-chat';
import type { Outbox, OutboxEvent } from './webhooks.js';

/** 2 added snapshots; data of schema 1 (a journal without them) is read as it is and upgraded. */
const SCHEMA_VERSION = '2';
/** WAL pages between checkpoints (see `#prepare`). */
const WAL_CHECKPOINT_PAGES = 4000;

type OutboxStatements = Record<'add' | 'pending' | 'delivered' | 'failed' | 'dead' | 'count', Database.Statement>;

/** Thrown when another server (in this process or another) holds the data folder. */
export class DataFolderLockedError extends Error {
  readonly code = 'data-locked';
  constructor(readonly file: string) {
    super(`The data in ${file} is in use by another server (its SQLite file is locked): stop that server or start this one on another data folder.`);
    this.name = 'DataFolderLockedError';
  }
}

/**
 * The embedded default: one SQLite file under the data folder, in WAL mode. `flush` commits the
 * batch (written to the WAL, not yet synced: `synchronous=NORMAL`) and resolves once the WAL is
 * synced to the disk (fsync, in a libuv thread): the batch is then on disk whatever happens to the
 * process or the machine next, and the journal runs the next batch while the disk syncs. One sync
 * runs at a time; batches committed meanwhile share the next one. Messages are kept by (conversation, seq) with their client id unique: the dedupe record
 * lives as long as the message.
 *
 * The store holds the file's lock for as long as it is open (`locking_mode=EXCLUSIVE`): a second
 * server on the same folder is refused at once with a `DataFolderLockedError`. The lock is the
 * operating system's file lock, so it ends with the process however the process ends (a crash, a
 * SIGKILL): no stale lock file to clean, and no pid that a restarted container could reuse.
 *
 * Snapshots (`v8.serialize` of the state, a BLOB) are kept by the journal position they cover,
 * written in the transaction of the batch whose entries they cover; writing one deletes the
 * journal entries and older snapshots it covers (compaction). Messages stay: they are the data.
 */
export class SqliteStore implements DurableStore {
  readonly epoch: string;
  readonly file: string;
  readonly #db: Database.Database;
  readonly #insertMessage: Database.Statement;
  readonly #insertConversation: Database.Statement;
  readonly #insertEntry: Database.Statement;
  readonly #hasMessage: Database.Statement;
  readonly #messagePage: Database.Statement;
  readonly #messageById: Database.Statement;
  readonly #position: Database.Statement;
  readonly #insertSnapshot: Database.Statement;
  readonly #compactJournal: Database.Statement;
  readonly #compactSnapshots: Database.Statement;
  /** Prepared once: a batch's BEGIN and COMMIT are not parsed again each time. */
  readonly #begin: Database.Statement;
  readonly #commit: Database.Statement;
  #open = false;
  /** The WAL file, opened to sync it. */
  #wal: { fd: number } | undefined;
  #syncing: Promise<void> | undefined;
  #next: Promise<void> | undefined;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, 'volley.sqlite');
    // No busy wait: a locked file means another server, which will not let go in a few seconds.
    const db = (this.#db = new Database(this.file, { timeout: 0 }));
    try {
      // Exclusive before WAL: the WAL index then lives in this process's memory, and the lock is
      // taken now (an empty exclusive transaction) and kept until close.
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE; COMMIT');
      this.epoch = this.#prepare(db);
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new DataFolderLockedError(this.file);
      throw error;
    }
    this.#insertMessage = db.prepare('INSERT INTO messages (conversation_id, seq, id, author_id, at, body) VALUES (?, ?, ?, ?, ?, ?)');
    this.#insertConversation = db.prepare('INSERT INTO conversations (id, customer_id, provider_id, order_id, created_at) VALUES (?, ?, ?, ?, ?)');
    this.#insertEntry = db.prepare('INSERT INTO journal (entry) VALUES (?)');
    this.#hasMessage = db.prepare('SELECT 1 FROM messages WHERE conversation_id = ? AND seq = ? AND id = ?');
    // The primary key (conversation_id, seq) serves the page, read backwards from its end; id is UNIQUE, so indexed too.
    this.#messagePage = db.prepare('SELECT body FROM messages WHERE conversation_id = ? AND seq > ? AND seq < ? ORDER BY seq DESC LIMIT ?').pluck();
    this.#messageById = db.prepare('SELECT body FROM messages WHERE id = ?').pluck();
    // AUTOINCREMENT: positions are never reused, even once the entries they named are deleted.
    this.#position = db.prepare("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'journal'), 0) AS n");
    this.#insertSnapshot = db.prepare('INSERT OR REPLACE INTO snapshots (position, state) VALUES (?, ?)');
    this.#compactJournal = db.prepare('DELETE FROM journal WHERE n <= ?');
    this.#compactSnapshots = db.prepare('DELETE FROM snapshots WHERE position < ?');
    this.#begin = db.prepare('BEGIN IMMEDIATE');
    this.#commit = db.prepare('COMMIT');
  }

  /** WAL, durable syncs, the tables; the data's epoch (made on a new file). */
  #prepare(db: Database.Database): string {
    db.pragma('journal_mode = WAL');
    // A commit writes the WAL; `flush` syncs it (checkpoints still sync the WAL and the file themselves).
    db.pragma('synchronous = NORMAL');
    // A checkpoint (the WAL copied into the file, both synced) runs inside the COMMIT that fills the
    // WAL past this many pages, on the event loop: SQLite's 1,000 (4 MB) made it 60 % of a batch's
    // cost at 2,000 msg/s and its p99 15 ms; 4,000 pages (16 MB) copies pages written many times once.
    db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    db.pragma('foreign_keys = ON');
    db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS journal (n INTEGER PRIMARY KEY AUTOINCREMENT, entry TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS conversations (
        id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, provider_id TEXT NOT NULL, order_id TEXT, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS messages (
        conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL UNIQUE, author_id TEXT NOT NULL,
        at INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (conversation_id, seq));
      CREATE TABLE IF NOT EXISTS snapshots (position INTEGER PRIMARY KEY, state BLOB NOT NULL);
    `);
    const meta = (key: string) => (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
    const version = meta('schema');
    if (version !== undefined && version !== SCHEMA_VERSION && version !== '1') throw new Error(`The data in ${this.file} has schema ${version}; this server reads ${SCHEMA_VERSION}.`);
    db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('schema', SCHEMA_VERSION);
    if (meta('epoch') === undefined) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('epoch', randomUUID());
    return meta('epoch')!;
  }

  /** A value kept with the data (the policy the journal was written under). */
  meta(key: string, value?: string): string | undefined {
    if (value !== undefined) {
      this.#db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value);
      fsyncSync(this.#walFd());
    }
    return (this.#db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  commit(records: StoreRecord[]): void {
    for (const record of records) {
      if (record.type === 'message') {
        const { message } = record;
        this.#insertMessage.run(message.conversationId, message.seq, message.id, message.authorId, message.at, JSON.stringify(message));
      } else {
        this.#insertConversation.run(record.id, record.customerId, record.providerId, record.orderId ?? null, record.at);
      }
    }
  }

  /** Read in the open transaction, if any: a batch not yet flushed is seen, as the engine has seen it. */
  messages(conversationId: string, range: MessageRange): Message[] {
    const bodies = this.#messagePage.all(conversationId, range.afterSeq ?? 0, Math.min(range.beforeSeq ?? Infinity, Number.MAX_SAFE_INTEGER), range.limit ?? -1) as string[];
    return bodies.reverse().map((body) => JSON.parse(body) as Message);
  }

  messageById(id: string): Message | undefined {
    const body = this.#messageById.get(id) as string | undefined;
    return body === undefined ? undefined : (JSON.parse(body) as Message);
  }


  load(): StoredJournal {
    const latest = this.#db.prepare('SELECT position, state FROM snapshots ORDER BY position DESC LIMIT 1').get() as { position: number; state: Buffer } | undefined;
    const entries = (this.#db.prepare('SELECT entry FROM journal WHERE n > ? ORDER BY n').all(latest?.position ?? 0) as { entry: string }[]).map((row) => JSON.parse(row.entry));
    return latest ? { snapshot: deserialize(latest.state), entries } : { entries };
  }

  /** Inside a batch: the snapshot covers every entry appended so far, and replaces them and older snapshots. */
  snapshot(state: unknown): void {
    const { n } = this.#position.get() as { n: number };
    this.#insertSnapshot.run(n, serialize(state));
    this.#compactJournal.run(n);
    this.#compactSnapshots.run(n);
  }

  hasMessage(conversationId: string, seq: number, id: string): boolean {
    return this.#hasMessage.get(conversationId, seq, id) !== undefined;
  }

  begin(): void {
    this.#begin.run();
    this.#open = true;
  }

  append(entry: JournalEntry): void {
    this.#insertEntry.run(JSON.stringify(entry));
  }

  flush(): Promise<void> | void {
    if (!this.#open) return;
    this.#open = false;
    this.#commit.run();
    return this.#sync();
  }

  /** Resolves once every commit made so far is on the disk: a sync that started after it, one at a time. */
  #sync(): Promise<void> {
    const running = this.#syncing;
    if (running) return (this.#next ??= running.then(() => {
      this.#next = undefined;
      return this.#sync();
    }));
    const fd = this.#walFd();
    const syncing = new Promise<void>((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())));
    this.#syncing = syncing;
    const done = () => {
      if (this.#syncing === syncing) this.#syncing = undefined;
    };
    syncing.then(done, done);
    return syncing;
  }

  /**
   * The WAL file's descriptor, opened once: SQLite keeps the WAL file (it rewinds it after a
   * checkpoint, never deletes or replaces it) until the last connection closes, and this store's
   * exclusive lock makes it the only one. No `stat` per batch: every system call counts on the hot path.
   */
  #walFd(): number {
    this.#wal ??= { fd: openSync(`${this.file}-wal`, 'r') };
    return this.#wal.fd;
  }

  /** How many messages are stored: for checks and the operator. */
  messageCount(): number {
    return (this.#db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
  }

  // ---- the webhook outbox ---------------------------------------------------------------------

  #outboxStatements?: OutboxStatements;

  #prepareOutbox(): OutboxStatements {
    const db = this.#db;
    db.exec(`
      CREATE TABLE IF NOT EXISTS outbox (
        n INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL,
        created_at INTEGER NOT NULL, attempts INTEGER NOT NULL, next_at INTEGER NOT NULL, last_error TEXT);
      CREATE TABLE IF NOT EXISTS outbox_dead (
        id TEXT PRIMARY KEY, type TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL, last_error TEXT, dead_at INTEGER NOT NULL);
    `);
    return {
      add: db.prepare('INSERT OR IGNORE INTO outbox (id, type, key, body, created_at, attempts, next_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      pending: db.prepare('SELECT id, type, key, body, created_at AS createdAt, attempts, next_at AS nextAt FROM outbox ORDER BY n LIMIT ?'),
      delivered: db.prepare('DELETE FROM outbox WHERE id = ?'),
      failed: db.prepare('UPDATE outbox SET attempts = ?, next_at = ?, last_error = ? WHERE id = ?'),
      dead: db.prepare(`INSERT OR REPLACE INTO outbox_dead (id, type, key, body, created_at, attempts, last_error, dead_at)
        SELECT id, type, key, body, created_at, ?, ?, ? FROM outbox WHERE id = ?`),
      count: db.prepare('SELECT count(*) AS n FROM outbox'),
    };
  }

  /**
   * Webhook events waiting for delivery, kept beside the journal: an event added while a batch is
   * open is written in the batch's transaction, so it is durable exactly when the batch is.
   */
  get outbox(): Outbox {
    const statements = (this.#outboxStatements ??= this.#prepareOutbox());
    const db = this.#db;
    return {
      add: (event: OutboxEvent) => void statements.add.run(event.id, event.type, event.key, event.body, event.createdAt, event.attempts, event.nextAt),
      pending: (limit: number) => statements.pending.all(limit) as OutboxEvent[],
      delivered: (id: string) => void statements.delivered.run(id),
      failed: (id: string, attempts: number, nextAt: number, error: string) => void statements.failed.run(attempts, nextAt, error, id),
      dead: db.transaction((id: string, attempts: number, error: string) => {
        statements.dead.run(attempts, error, Date.now(), id);
        statements.delivered.run(id);
      }),
      count: () => (statements.count.get() as { n: number }).n,
      batch: (work: () => void) => db.transaction(work)(),
    };
  }

  async close(): Promise<void> {
    // A sync still running finishes first: its file stays open until then.
    await Promise.allSettled([this.#syncing, this.#next]);
    if (this.#open) this.#db.exec('ROLLBACK');
    this.#open = false;
    this.#db.close();
    if (this.#wal) closeSync(this.#wal.fd);
    this.#wal = undefined;
  }
}
