import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DurableStore, JournalEntry, StoreRecord } from 'volley-chat';

const SCHEMA_VERSION = '1';

/**
 * The embedded default: one SQLite file under the data folder, in WAL mode with
 * `synchronous=FULL`, so a batch is on disk when `flush` returns, whatever happens to the process
 * next. Messages are kept by (conversation, seq) with their client id unique: the dedupe record
 * lives as long as the message.
 */
export class SqliteStore implements DurableStore {
  readonly epoch: string;
  readonly file: string;
  readonly #db: Database.Database;
  readonly #insertMessage: Database.Statement;
  readonly #insertConversation: Database.Statement;
  readonly #insertEntry: Database.Statement;
  readonly #hasMessage: Database.Statement;
  #open = false;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, 'volley.sqlite');
    const db = (this.#db = new Database(this.file));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS journal (n INTEGER PRIMARY KEY AUTOINCREMENT, entry TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS conversations (
        id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, provider_id TEXT NOT NULL, order_id TEXT, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS messages (
        conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL UNIQUE, author_id TEXT NOT NULL,
        at INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (conversation_id, seq));
    `);
    const meta = (key: string) => (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
    const version = meta('schema');
    if (version !== undefined && version !== SCHEMA_VERSION) throw new Error(`The data in ${this.file} has schema ${version}; this server reads ${SCHEMA_VERSION}.`);
    if (meta('epoch') === undefined) {
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?), (?, ?)').run('schema', SCHEMA_VERSION, 'epoch', randomUUID());
    }
    this.epoch = meta('epoch')!;
    this.#insertMessage = db.prepare('INSERT INTO messages (conversation_id, seq, id, author_id, at, body) VALUES (?, ?, ?, ?, ?, ?)');
    this.#insertConversation = db.prepare('INSERT INTO conversations (id, customer_id, provider_id, order_id, created_at) VALUES (?, ?, ?, ?, ?)');
    this.#insertEntry = db.prepare('INSERT INTO journal (entry) VALUES (?)');
    this.#hasMessage = db.prepare('SELECT 1 FROM messages WHERE conversation_id = ? AND seq = ? AND id = ?');
  }

  /** A value kept with the data (the policy the journal was written under). */
  meta(key: string, value?: string): string | undefined {
    if (value !== undefined) this.#db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value);
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

  load(): JournalEntry[] {
    return (this.#db.prepare('SELECT entry FROM journal ORDER BY n').all() as { entry: string }[]).map((row) => JSON.parse(row.entry));
  }

  hasMessage(conversationId: string, seq: number, id: string): boolean {
    return this.#hasMessage.get(conversationId, seq, id) !== undefined;
  }

  begin(): void {
    this.#db.exec('BEGIN IMMEDIATE');
    this.#open = true;
  }

  append(entry: JournalEntry): void {
    this.#insertEntry.run(JSON.stringify(entry));
  }

  flush(): void {
    if (!this.#open) return;
    this.#open = false;
    this.#db.exec('COMMIT');
  }

  /** How many messages are stored: for checks and the operator. */
  messageCount(): number {
    return (this.#db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
  }

  close(): void {
    if (this.#open) this.#db.exec('ROLLBACK');
    this.#open = false;
    this.#db.close();
  }
}
