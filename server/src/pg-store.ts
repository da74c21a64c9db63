import { randomUUID } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { Pool, PoolClient, PoolConfig, QueryConfig, QueryResult } from 'pg';
import type { JournalEntry, Message, MessageRange, StoreRecord, StoredJournal } from 'volley-chat';
import type { ServerStore } from './store.js';
import type { Outbox, OutboxEvent } from './webhooks.js';

const SCHEMA_VERSION = '1';
/**
 * The advisory lock's first key ("volley" folded into 32 bits); the second is the shard, 0 for the
 * whole data while there are no shards. A later part gives each shard its own lock and a fencing
 * token checked in each write; the lock's shape is kept for it.
 */
const LOCK_KEY = 0x766f6c6c;
const WHOLE_DATA = 0;
/** Messages read ahead per chat for a restore (the engine keeps a tail of 50 by default). */
const TAIL_READ_AHEAD = 64;

/** Thrown when another server holds the database (PostgreSQL's equivalent of the data folder's lock). */
export class DatabaseLockedError extends Error {
  /** The code of SQLite's `DataFolderLockedError`: one check for either store. */
  readonly code = 'data-locked';
  constructor(readonly database: string) {
    super(`The database ${database} is in use by another server (it holds the database's lock): stop that server or start this one on another database.`);
    this.name = 'DatabaseLockedError';
  }
}

/** Thrown when the session holding the lock was lost: another server may own the data now. */
export class DatabaseLockLostError extends Error {
  readonly code = 'database-lock-lost';
  constructor(readonly database: string, cause?: unknown) {
    super(`The connection to ${database} that held the database's lock was lost: this server must restart (another one may have taken over).`, { cause });
    this.name = 'DatabaseLockLostError';
  }
}

export interface PgStoreOptions {
  /** Connections for reads outside a batch and the webhook outbox (the writer holds one more). Default 4. */
  poolSize?: number;
}

/** `postgres://user:password@host:port/db` without the password, for messages. */
function describe(config: string | PoolConfig): string {
  if (typeof config !== 'string') return `${config.host ?? 'localhost'}:${config.port ?? 5432}/${config.database ?? ''}`;
  try {
    const url = new URL(config);
    url.password = '';
    return url.toString();
  } catch {
    return 'PostgreSQL';
  }
}

const TABLES = `
  CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value text NOT NULL);
  CREATE TABLE IF NOT EXISTS journal (n bigint PRIMARY KEY, entry text NOT NULL);
  CREATE TABLE IF NOT EXISTS conversations (
    id text PRIMARY KEY, customer_id text NOT NULL, provider_id text NOT NULL, order_id text, created_at bigint NOT NULL);
  CREATE TABLE IF NOT EXISTS messages (
    conversation_id text NOT NULL, seq bigint NOT NULL, id text NOT NULL UNIQUE, author_id text NOT NULL,
    at bigint NOT NULL, body text NOT NULL, PRIMARY KEY (conversation_id, seq));
  CREATE TABLE IF NOT EXISTS snapshots (position bigint PRIMARY KEY, state bytea NOT NULL);
  CREATE TABLE IF NOT EXISTS outbox (
    n bigserial PRIMARY KEY, id text NOT NULL UNIQUE, type text NOT NULL, key text NOT NULL, body text NOT NULL,
    created_at bigint NOT NULL, attempts integer NOT NULL, next_at bigint NOT NULL, last_error text);
  CREATE TABLE IF NOT EXISTS outbox_dead (
    id text PRIMARY KEY, type text NOT NULL, key text NOT NULL, body text NOT NULL, created_at bigint NOT NULL,
    attempts integer NOT NULL, last_error text, dead_at bigint NOT NULL);
`;

const q = (name: string, text: string) => (values: unknown[]): QueryConfig => ({ name, text, values });
const SQL = {
  messages: q('volley-insert-messages', `INSERT INTO messages (conversation_id, seq, id, author_id, at, body)
    SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::text[]) ON CONFLICT DO NOTHING`),
  conversations: q('volley-insert-conversations', `INSERT INTO conversations (id, customer_id, provider_id, order_id, created_at)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[]) ON CONFLICT DO NOTHING`),
  entries: q('volley-insert-entries', 'INSERT INTO journal (n, entry) SELECT * FROM unnest($1::bigint[], $2::text[])'),
  // The primary key (conversation_id, seq) serves the page, read backwards from its end; LIMIT NULL is no limit.
  page: q('volley-page', 'SELECT body FROM messages WHERE conversation_id = $1 AND seq > $2 AND seq < $3 ORDER BY seq DESC LIMIT $4'),
  byId: q('volley-by-id', 'SELECT body FROM messages WHERE id = $1'),
  has: q('volley-has', `SELECT t.i::text AS i FROM unnest($1::text[], $2::bigint[], $3::text[]) WITH ORDINALITY AS t(c, s, id, i)
    JOIN messages m ON m.conversation_id = t.c AND m.seq = t.s AND m.id = t.id`),
  outboxAdd: q('volley-outbox-add', `INSERT INTO outbox (id, type, key, body, created_at, attempts, next_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`),
};

/**
 * The store on PostgreSQL (`--postgres URL`): the SQLite store's schema and contract on a network
 * database. Messages are kept by (conversation, seq) with their client id unique; journal entries
 * by position; snapshots (`v8.serialize` of the state, a `bytea`) by the position they cover,
 * written in the transaction of the batch they cover, which deletes the entries and older
 * snapshots they cover (compaction); `meta` holds the epoch and the policy; the webhook outbox
 * sits beside the journal.
 *
 * One batch is one transaction on the store's writer connection: `begin` opens it, the batch's
 * facts are written in it (so the batch's reads see them, as SQLite's do), its journal entries are
 * written together at `flush`, which commits (PostgreSQL syncs its WAL before it answers, with
 * `synchronous_commit` on). The next batch's `begin` queues behind that commit on the same
 * connection, so batches commit in order and each one reads what the last committed.
 *
 * The writer's session holds an advisory lock for as long as the store is open: a second server on
 * the same database is refused at once with a `DatabaseLockedError`. The lock ends with the
 * session however the server ends (a crash, a SIGKILL: PostgreSQL sees the connection close); a
 * lost session fails the next flush with a `DatabaseLockLostError` (the server stops; restart it).
 */
export class PgStore implements ServerStore {
  readonly epoch: string;
  /** The database, without a password (for messages). */
  readonly database: string;
  readonly #pool: Pool;
  readonly #writer: PoolClient;
  /** Journal positions handed out so far (the next entry is `position + 1`). */
  #position: number;
  #open = false;
  /** Entries of the open batch, written at `flush` (or before a snapshot) in one statement. */
  #entries: { n: number; entry: string }[] = [];
  /** Writes the batch started without waiting (outbox events): the first failure fails the flush. */
  #failure: unknown;
  #lost: unknown;
  #flushing: Promise<void> | undefined;
  #closed = false;

  private constructor(pool: Pool, writer: PoolClient, database: string, epoch: string, position: number) {
    this.#pool = pool;
    this.#writer = writer;
    this.database = database;
    this.epoch = epoch;
    this.#position = position;
    writer.on('error', (error) => {
      this.#lost ??= new DatabaseLockLostError(database, error);
    });
  }

  /**
   * Connects (loading the `pg` package on first use: a server without PostgreSQL never loads it),
   * takes the database's lock, makes the tables if they are missing and reads the epoch.
   */
  static async open(config: string | PoolConfig, options: PgStoreOptions = {}): Promise<PgStore> {
    const { default: pg } = await import('pg');
    const database = describe(config);
    const pool = new pg.Pool({
      ...(typeof config === 'string' ? { connectionString: config } : config),
      max: (options.poolSize ?? 4) + 1,
      application_name: 'volley-chat-server',
    });
    // An idle connection that breaks is dropped by the pool; without a listener it would crash the process.
    pool.on('error', () => {});
    let writer: PoolClient | undefined;
    try {
      writer = await pool.connect();
      const { rows } = await writer.query('SELECT pg_try_advisory_lock($1, $2) AS locked', [LOCK_KEY, WHOLE_DATA]);
      if (!rows[0].locked) throw new DatabaseLockedError(database);
      await writer.query(TABLES);
      const meta = async (key: string) => (await writer!.query('SELECT value FROM meta WHERE key = $1', [key])).rows[0]?.value as string | undefined;
      const version = await meta('schema');
      if (version !== undefined && version !== SCHEMA_VERSION) throw new Error(`The database ${database} has schema ${version}; this server reads ${SCHEMA_VERSION}.`);
      await writer.query(`INSERT INTO meta (key, value) VALUES ('schema', $1), ('epoch', $2) ON CONFLICT (key) DO NOTHING`, [SCHEMA_VERSION, randomUUID()]);
      const epoch = (await meta('epoch'))!;
      const { rows: [{ position }] } = await writer.query(
        'SELECT greatest((SELECT max(n) FROM journal), (SELECT max(position) FROM snapshots), 0)::text AS position');
      return new PgStore(pool, writer, database, epoch, Number(position));
    } catch (error) {
      // Destroyed, not returned to the pool: a session lock would outlive a release.
      writer?.release(true);
      await pool.end().catch(() => {});
      throw error;
    }
  }

  /** A value kept with the data (the policy the journal was written under). */
  async meta(key: string, value?: string): Promise<string | undefined> {
    if (value !== undefined) {
      await this.#write('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
    }
    return (await this.#query({ text: 'SELECT value FROM meta WHERE key = $1', values: [key] })).rows[0]?.value;
  }

  /** A write outside a batch commits on its own; inside one, it joins the batch's transaction. */
  async #write(text: string | QueryConfig, values?: unknown[]): Promise<QueryResult> {
    this.#check();
    return this.#query(typeof text === 'string' ? { text, values } : text);
  }

  /** The writer's statements, one after another in the order they were asked for (a batch's BEGIN waits for the last COMMIT). */
  #query(config: QueryConfig): Promise<QueryResult> {
    const result = this.#tail.then(() => this.#writer.query(config));
    this.#tail = result.catch(() => {});
    return result;
  }

  #tail: Promise<unknown> = Promise.resolve();

  #check(): void {
    if (this.#lost) throw this.#lost;
    if (this.#closed) throw new Error('The store is closed.');
  }

  async commit(records: StoreRecord[]): Promise<void> {
    const messages = records.flatMap((record) => (record.type === 'message' ? [record.message] : []));
    const conversations = records.flatMap((record) => (record.type === 'conversation' ? [record] : []));
    // ON CONFLICT DO NOTHING, then a count: a duplicate refuses the commit without aborting the batch's transaction.
    if (conversations.length > 0) {
      const { rowCount } = await this.#write(SQL.conversations([
        conversations.map((c) => c.id), conversations.map((c) => c.customerId), conversations.map((c) => c.providerId),
        conversations.map((c) => c.orderId ?? null), conversations.map((c) => c.at),
      ]));
      if (rowCount !== conversations.length) throw new Error('A conversation is already stored.');
    }
    if (messages.length > 0) {
      const { rowCount } = await this.#write(SQL.messages([
        messages.map((m) => m.conversationId), messages.map((m) => m.seq), messages.map((m) => m.id),
        messages.map((m) => m.authorId), messages.map((m) => m.at), messages.map((m) => JSON.stringify(m)),
      ]));
      if (rowCount !== messages.length) throw new Error(`A message of ${messages[0].conversationId} is already stored (its seq or its id).`);
    }
  }

  /** Read on the writer: inside a batch, its transaction sees the batch's own writes. */
  async messages(conversationId: string, range: MessageRange): Promise<Message[]> {
    const before = Math.min(range.beforeSeq ?? Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    const tail = this.#restoreTails?.get(conversationId);
    if (tail && !range.afterSeq && range.limit !== undefined && tail.length > 0) {
      // Seq has no gaps: the read-ahead holds seqs first..last; serve the page when it lies inside.
      const first = tail[0].seq;
      const last = tail[tail.length - 1].seq;
      const from = Math.max(1, before - range.limit);
      if (before - 1 <= last && (from >= first || first === 1)) return tail.filter((m) => m.seq >= from && m.seq < before);
    }
    const { rows } = await this.#write(SQL.page([conversationId, range.afterSeq ?? 0, before, range.limit ?? null]));
    return rows.reverse().map((row) => JSON.parse(row.body) as Message);
  }

  async messageById(id: string): Promise<Message | undefined> {
    const replaying = this.#replayIds;
    if (replaying?.has(id)) return replaying.get(id);
    const { rows } = await this.#write(SQL.byId([id]));
    return rows.length === 0 ? undefined : (JSON.parse(rows[0].body) as Message);
  }

  /**
   * For the replay that follows `load`: the stored message (or its absence) of every client id the
   * entries name, read in a few queries rather than one round trip per replayed send (C3's
   * dedupe asks for each). Stored messages never change, so the answers hold; they are dropped
   * when the first live batch begins.
   */
  #replayIds: Map<string, Message | undefined> | undefined;
  /**
   * The restore that follows `load`: a snapshot that left the chats' tails to the store reads each
   * chat's last messages back, one chat after another; they are read ahead here for every chat in
   * one query per 5,000 chats (a round trip per chat would make a start grow with the chats).
   */
  #restoreTails: Map<string, Message[]> | undefined;

  async #readTails(snapshot: unknown): Promise<void> {
    const engine = (snapshot as { engine?: { tailsInStore?: boolean; conversations?: Map<string, { id: string; lastSeq: number }> } })?.engine;
    if (!engine?.tailsInStore || !(engine.conversations instanceof Map)) return;
    const chats = [...engine.conversations.values()].filter((chat) => chat.lastSeq > 0);
    const tails = new Map<string, Message[]>();
    for (let at = 0; at < chats.length; at += 5_000) {
      const slice = chats.slice(at, at + 5_000);
      const { rows } = await this.#query({
        text: `SELECT c.id, m.body FROM unnest($1::text[], $2::bigint[]) AS c(id, last)
          CROSS JOIN LATERAL (SELECT seq, body FROM messages WHERE conversation_id = c.id AND seq <= c.last ORDER BY seq DESC LIMIT $3) AS m
          ORDER BY c.id, m.seq`,
        values: [slice.map((chat) => chat.id), slice.map((chat) => chat.lastSeq), TAIL_READ_AHEAD],
      });
      for (const row of rows) (tails.get(row.id) ?? tails.set(row.id, []).get(row.id)!).push(JSON.parse(row.body) as Message);
    }
    this.#restoreTails = tails;
  }

  async load(): Promise<StoredJournal> {
    const { rows: [latest] } = await this.#query({ text: 'SELECT position::text AS position, state FROM snapshots ORDER BY position DESC LIMIT 1' });
    const { rows } = await this.#query({ text: 'SELECT entry FROM journal WHERE n > $1 ORDER BY n', values: [latest?.position ?? 0] });
    const entries = rows.map((row) => JSON.parse(row.entry) as JournalEntry);
    const ids = new Set<string>();
    for (const entry of entries) {
      if (entry.kind !== 'command') continue;
      const command = entry.command as { id?: unknown; message?: { id?: unknown } };
      for (const id of [command.id, command.message?.id]) if (typeof id === 'string') ids.add(id);
    }
    if (ids.size > 0) {
      const known = new Map<string, Message | undefined>([...ids].map((id) => [id, undefined]));
      const all = [...ids];
      for (let at = 0; at < all.length; at += 10_000) {
        const found = await this.#query({ text: 'SELECT id, body FROM messages WHERE id = ANY($1::text[])', values: [all.slice(at, at + 10_000)] });
        for (const row of found.rows) known.set(row.id, JSON.parse(row.body) as Message);
      }
      this.#replayIds = known;
    }
    if (!latest) return { entries };
    const snapshot = deserialize(latest.state);
    await this.#readTails(snapshot);
    return { snapshot, entries };
  }

  /**
   * Replay's check that a message is stored where the replay made it. Checks go together, up to
   * 500 or 20 ms apart, in one query on a pooled connection (every replayed message
   * asks one: one round trip each, in the writer's queue, would make a restart's time grow with the
   * journal's length); they read committed data, which is all a replay checks.
   */
  hasMessage(conversationId: string, seq: number, id: string): Promise<boolean> {
    return new Promise((resolve) => {
      this.#checks.push({ conversationId, seq, id, resolve });
      // Replay runs entry after entry: the checks go every so many, or once it pauses.
      if (this.#checks.length >= 500) void this.#runChecks();
      else if (this.#checks.length === 1) setTimeout(() => void this.#runChecks(), 20);
    });
  }

  #checks: { conversationId: string; seq: number; id: string; resolve: (found: boolean) => void }[] = [];

  async #runChecks(): Promise<void> {
    const checks = this.#checks.splice(0);
    if (checks.length === 0) return;
    try {
      const { rows } = await this.#pool.query(SQL.has([checks.map((c) => c.conversationId), checks.map((c) => c.seq), checks.map((c) => c.id)]));
      const found = new Set(rows.map((row) => Number(row.i)));
      checks.forEach((check, k) => check.resolve(found.has(k + 1)));
    } catch {
      // Not known (the store closing, the database away): not counted as a divergence, and no rejection nobody awaits.
      for (const check of checks) check.resolve(true);
    }
  }

  /** Journal entries between two snapshots that suit this store: its replay reads over the network, so it replays less. */
  readonly snapshotEvery = 2_000;

  async begin(): Promise<void> {
    this.#check();
    // Queued behind the last batch's COMMIT on the same connection: batches commit in order.
    await this.#query({ text: 'BEGIN' });
    this.#replayIds = undefined;
    this.#restoreTails = undefined;
    this.#open = true;
    this.#entries = [];
    this.#failure = undefined;
  }

  append(entry: JournalEntry): void {
    this.#entries.push({ n: ++this.#position, entry: JSON.stringify(entry) });
  }

  async #writeEntries(): Promise<void> {
    const entries = this.#entries;
    if (entries.length === 0) return;
    this.#entries = [];
    await this.#write(SQL.entries([entries.map((e) => e.n), entries.map((e) => e.entry)]));
  }

  /** Inside a batch: the snapshot covers every entry appended so far, and replaces them and older snapshots. */
  async snapshot(state: unknown): Promise<void> {
    await this.#writeEntries();
    const position = this.#position;
    await this.#write('INSERT INTO snapshots (position, state) VALUES ($1, $2) ON CONFLICT (position) DO UPDATE SET state = excluded.state', [position, serialize(state)]);
    await this.#write('DELETE FROM journal WHERE n <= $1', [position]);
    await this.#write('DELETE FROM snapshots WHERE position < $1', [position]);
  }

  flush(): Promise<void> | void {
    if (!this.#open) return;
    this.#open = false;
    const flushing = (this.#flushing = this.#commitBatch());
    const done = () => {
      if (this.#flushing === flushing) this.#flushing = undefined;
    };
    flushing.then(done, done);
    return flushing;
  }

  /**
   * The batch's entries and its COMMIT are queued back to back, now: the next batch's BEGIN, asked
   * for as soon as this returns, must come after them on the connection (queued between the two, it
   * would run the next batch's first statements inside this transaction).
   */
  #commitBatch(): Promise<void> {
    const entries = this.#entries;
    this.#entries = [];
    const inserted = entries.length === 0 ? undefined : this.#query(SQL.entries([entries.map((e) => e.n), entries.map((e) => e.entry)]));
    const committed = this.#query({ text: 'COMMIT' });
    return (async () => {
      try {
        await inserted;
      } catch (error) {
        this.#failure ??= error;
      }
      const result = await committed;
      // A transaction that an earlier statement aborted answers COMMIT with ROLLBACK, not an error.
      if (this.#lost || this.#failure !== undefined || result.command !== 'COMMIT') {
        throw this.#lost ?? this.#failure ?? new Error('PostgreSQL rolled the batch back (a statement in it failed).');
      }
    })();
  }

  /** How many messages are stored: for checks and the operator. */
  async messageCount(): Promise<number> {
    return Number((await this.#pool.query('SELECT count(*)::text AS n FROM messages')).rows[0].n);
  }

  // ---- the webhook outbox ---------------------------------------------------------------------

  /**
   * Webhook events waiting for delivery, beside the journal: an event added while a batch is open is
   * written in the batch's transaction (durable exactly when the batch is); reads see committed
   * events only, so an event is never read before its batch is durable.
   */
  readonly outbox: Outbox = {
    add: (event: OutboxEvent) => {
      const values = [event.id, event.type, event.key, event.body, event.createdAt, event.attempts, event.nextAt];
      // Not awaited (the notifier is synchronous): queued on the writer before the batch's COMMIT, whose answer tells whether it failed.
      this.#write(SQL.outboxAdd(values)).catch((error: unknown) => {
        this.#failure ??= error;
      });
    },
    pending: async (limit: number) => (await this.#pool.query(
      'SELECT id, type, key, body, created_at::float8 AS "createdAt", attempts, next_at::float8 AS "nextAt" FROM outbox ORDER BY n LIMIT $1', [limit])).rows as OutboxEvent[],
    delivered: (id: string) => this.#outboxWrite(['DELETE FROM outbox WHERE id = $1', [id]]),
    failed: (id: string, attempts: number, nextAt: number, error: string) =>
      this.#outboxWrite(['UPDATE outbox SET attempts = $1, next_at = $2, last_error = $3 WHERE id = $4', [attempts, nextAt, error, id]]),
    dead: (id: string, attempts: number, error: string) => this.#outboxWrite(
      [`INSERT INTO outbox_dead (id, type, key, body, created_at, attempts, last_error, dead_at)
        SELECT id, type, key, body, created_at, $1, $2, $3 FROM outbox WHERE id = $4
        ON CONFLICT (id) DO UPDATE SET attempts = excluded.attempts, last_error = excluded.last_error, dead_at = excluded.dead_at`, [attempts, error, Date.now(), id]],
      ['DELETE FROM outbox WHERE id = $1', [id]]),
    count: async () => Number((await this.#pool.query('SELECT count(*)::text AS n FROM outbox')).rows[0].n),
    batch: async (work: () => void) => {
      const statements: [string, unknown[]][] = [];
      this.#collecting = statements;
      try {
        work();
      } finally {
        this.#collecting = undefined;
      }
      await this.#transaction(statements);
    },
  };

  /** Answers collected by `outbox.batch` and written in one transaction (one disk sync). */
  #collecting: [string, unknown[]][] | undefined;

  #outboxWrite(...statements: [string, unknown[]][]): Promise<void> | void {
    if (this.#collecting) {
      this.#collecting.push(...statements);
      return;
    }
    return this.#transaction(statements);
  }

  /** On a pooled connection of its own: the outbox's answers do not wait for the journal's batches. */
  async #transaction(statements: [string, unknown[]][]): Promise<void> {
    if (statements.length === 0) return;
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      for (const [text, values] of statements) await client.query(text, values);
      await client.query('COMMIT');
      client.release();
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      client.release(true);
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    // A commit still running finishes first.
    await Promise.allSettled([this.#flushing]);
    if (this.#open) await this.#query({ text: 'ROLLBACK' }).catch(() => {});
    this.#open = false;
    this.#closed = true;
    // Destroyed, not returned to the pool: the session ends, and its lock with it.
    this.#writer.release(true);
    await this.#pool.end();
  }
}
