import { randomUUID } from 'node:crypto';
import {
  ChatEngine, ChatError,
  type ClockState, type Command, type EngineState, type RestorableClock, type DurableStore, type HistoryAdapter, type HostCall, type JournalEntry,
  type Notifier, type PaymentsAdapter, type Policy, type StoreRecord, type User,
} from 'volley-chat';
import { COMMAND_DURABILITY } from 'volley-chat/ws';
import type { Logger } from 'pino';

/**
 * Whether a command's entry is kept: only `journaled` commands (src/protocol/commands.ts declares
 * each one's durability beside its shape); reads and ephemeral commands (receipts, typing) run in
 * order with the rest and leave nothing to replay. A type the record does not know is kept.
 */
const journaled = (type: unknown): boolean =>
  !(typeof type === 'string' && Object.hasOwn(COMMAND_DURABILITY, type)) || COMMAND_DURABILITY[type as Command['type']] === 'journaled';
/** Node's timers hold at most this delay; a longer countdown is re-armed on the way. */
const MAX_DELAY = 2 ** 31 - 1;

export type Outcome<T = unknown> = { ok: true; value: T } | { ok: false; error: unknown };

type WithoutStamp<T> = T extends unknown ? Omit<T, 'at' | 'ids'> : never;

interface Job {
  /** What the journal keeps of the job (its time and ids are added when it runs); reads keep nothing. */
  entry: WithoutStamp<JournalEntry> | { kind: 'read' };
  run: () => unknown;
  /** Called in order once the batch holding the job is durable. */
  done: (outcome: Outcome) => void;
}

interface Timer { dueAt: number; callback: () => void; handle?: NodeJS.Timeout }

/**
 * The engine's clock on the server. Time stands still while one journal entry runs, so a replay
 * of the entry reads the same time; timeouts are numbered in the order they are set, so a replay
 * fires the same ones; live, a due timeout becomes a job in the journal's queue like a command.
 */
export class JournalClock implements RestorableClock {
  #frozen: number | undefined;
  #last = 0;
  #next = 0;
  #live = false;
  /** Development only: how far `advance()` moved time ahead of the wall clock. */
  #offset = 0;
  readonly #timers = new Map<number, Timer>();
  /** Restored countdowns whose desk has not bound its callback yet (see `resume`). */
  readonly #unbound = new Map<number, number>();

  constructor(private readonly onDue: (id: number) => void) {}

  now(): number {
    return this.#frozen ?? Math.max(this.#wall(), this.#last);
  }

  /** The time for the next entry: never earlier than the last one. */
  tick(): number {
    return Math.max(this.#wall(), this.#last);
  }

  /**
   * Development only (the demo's time travel, journeys that play a countdown out): moves time
   * ahead by `ms`; countdowns that fall due run as jobs, as they would have.
   */
  advance(ms: number): void {
    this.#offset += Math.max(0, ms);
    if (!this.#live) return;
    for (const [id, timer] of this.#timers) {
      if (timer.handle) clearTimeout(timer.handle);
      this.#arm(id, timer);
    }
  }

  #wall(): number {
    return Date.now() + this.#offset;
  }

  freeze(at: number): void {
    this.#frozen = at;
    this.#last = Math.max(this.#last, at);
  }

  setTimeout(callback: () => void, ms: number): number {
    const id = ++this.#next;
    const timer: Timer = { dueAt: this.now() + Math.max(0, ms), callback };
    this.#timers.set(id, timer);
    if (this.#live) this.#arm(id, timer);
    return id;
  }

  clearTimeout(id: number): void {
    const timer = this.#timers.get(id);
    if (timer?.handle) clearTimeout(timer.handle);
    this.#timers.delete(id);
  }

  /**
   * For a snapshot: the counter and each pending countdown's number and due time. A restore
   * (before the engine's) brings them back unbound; each desk then binds its callback to the
   * number it saved (`resume`), so a later `{ kind: 'timer', timer: n }` entry fires the same
   * countdown, and going live arms it for the same due time.
   */
  exportState(): ClockState {
    return { now: this.#last, next: this.#next, timers: [...this.#timers].map(([id, timer]) => [id, timer.dueAt]) };
  }

  restoreState(state: ClockState): void {
    this.#last = Math.max(this.#last, state.now);
    this.#next = state.next;
    for (const [id, dueAt] of state.timers) this.#unbound.set(id, dueAt);
  }

  resume(id: number, callback: () => void): void {
    const dueAt = this.#unbound.get(id);
    if (dueAt === undefined) return;
    this.#unbound.delete(id);
    const timer: Timer = { dueAt, callback };
    this.#timers.set(id, timer);
    if (this.#live) this.#arm(id, timer);
  }

  /** Restored countdowns no desk claimed: forgets them and says how many (0 unless the code changed under the data). */
  dropUnbound(): number {
    const count = this.#unbound.size;
    this.#unbound.clear();
    return count;
  }

  /** Runs a timeout's callback now; false when it was cleared (or never set). */
  fire(id: number): boolean {
    const timer = this.#timers.get(id);
    if (!timer) return false;
    this.#timers.delete(id);
    timer.callback();
    return true;
  }

  /** After a replay: countdowns still running get real timers; those that fell due while the server was down fire at once. */
  goLive(): void {
    this.#live = true;
    for (const [id, timer] of this.#timers) this.#arm(id, timer);
  }

  stop(): void {
    this.#live = false;
    for (const timer of this.#timers.values()) if (timer.handle) clearTimeout(timer.handle);
  }

  get pending(): number {
    return this.#timers.size;
  }

  /** How many timeouts were ever set: an input that set one is journaled, so a replay numbers them alike. */
  get created(): number {
    return this.#next;
  }

  #arm(id: number, timer: Timer): void {
    const delay = timer.dueAt - this.#wall();
    timer.handle = setTimeout(() => {
      timer.handle = undefined;
      if (!this.#live || this.#timers.get(id) !== timer) return;
      if (this.#wall() < timer.dueAt) this.#arm(id, timer);
      else this.onDue(id);
    }, Math.min(Math.max(0, delay), MAX_DELAY));
  }
}

export interface JournalOptions {
  store: DurableStore;
  policy?: Policy;
  payments?: PaymentsAdapter;
  notifier?: Notifier;
  history?: HistoryAdapter;
  /** Most jobs one batch (one disk sync) holds. */
  maxBatch?: number;
  /**
   * The store failed to make a batch durable: memory is ahead of the disk, so the journal stops
   * (every job of the batch and every later one is refused, `close()` rejects with the error) and
   * the owner must restart from the journal. Called once; without it the error is logged.
   */
  onFatal?: (error: unknown) => void;
  /** Hears every user a host call upserts, replayed ones included (development: dev tokens for users added at run time). */
  onUser?: (user: User) => void;
  /**
   * The policy a journal with no snapshot was begun under, when it is not `policy` (data from
   * before the policy was part of the state kept it beside the journal). `policy` is the one to
   * run now: when it differs from the restored one, the change is journaled and applies from then on.
   */
  basePolicy?: Policy;
  /** A snapshot (and compaction) every this many journal entries; default 10,000 (a restart after a crash replays at most those: under half a second). */
  snapshotEvery?: number;
  /** …and at least this often while entries come in; default 10 minutes. A clean `close()` always writes one. */
  snapshotIntervalMs?: number;
  /** Hears each batch made durable: how many jobs it held and how long its commit (the store's flush) took. */
  onBatch?: (batch: { jobs: number; commitSeconds: number }) => void;
  /** Where a fatal store error is logged when there is no `onFatal` (default: nowhere). */
  logger?: Pick<Logger, 'fatal'>;
  /** Hears what each live job commits, inside its batch (not in a replay): the webhook's `message` events. */
  onCommit?: (records: StoreRecord[]) => void;
}

/** What the journal snapshots: the engine, the clock's countdowns, and the users the journal vouched for. */
interface JournalSnapshot {
  version: 1;
  engine: EngineState;
  clock: ClockState;
  users: [string, string][];
}

/**
 * The engine behind a journal. Every input (a user's command, a host call, a due countdown) runs
 * as a job, one at a time, in arrival order; jobs are grouped in batches, and what a batch
 * changed (messages, conversations, the journal entries of its jobs) becomes durable in one
 * store transaction before any reply or event of the batch leaves (group commit). A restart
 * replays the journal into a fresh engine with every adapter muted (payments, alerts, the host's
 * history), which restores every state: messages and their dedupe ids, closes, reads, blocks,
 * offers and their deadlines.
 */
export class Journal {
  readonly engine: ChatEngine;
  readonly clock: JournalClock;
  readonly store: DurableStore;
  /** Places where a replay made something other than what was stored (0 unless the code or policy changed under the data). */
  divergences = 0;
  /** Entries replayed when the journal was opened (those after the snapshot it restored, if any). */
  replayed = 0;
  /** Whether the journal was opened from a snapshot. */
  restored = false;
  /** Whether the store held nothing when the journal was opened (a seed runs then). */
  fresh = false;

  readonly #maxBatch: number;
  readonly #onFatal: (error: unknown) => void;
  readonly #queue: Job[] = [];
  readonly #users = new Map<string, string>();
  readonly #onUser?: (user: User) => void;
  readonly #onBatch?: JournalOptions['onBatch'];
  readonly #onCommit?: (records: StoreRecord[]) => void;
  #pending: (() => void)[] = [];
  /**
   * Batches committed whose disk sync is still running (a store whose `flush` resolves later): the
   * next batch runs meanwhile, and their frames leave in order once their sync, and every earlier
   * one, is done.
   */
  #unsynced: { jobs: Job[]; deliveries: (() => void)[] }[] = [];
  #synced: Promise<void> = Promise.resolve();
  /** Wakes a batch held open while the last one syncs: a job arrived. */
  #arrived: (() => void) | undefined;
  /** The jobs of the open batch: refused together when it cannot be made durable. */
  #batch: Job[] = [];
  #fatal: { error: unknown } | undefined;
  #replaying = false;
  #draining = false;
  #batchOpen = false;
  #closed = false;
  #ids: string[] = [];
  #changed = false;
  #idle: (() => void)[] = [];
  readonly #snapshotEvery: number;
  readonly #snapshotIntervalMs: number;
  /** Journal entries since the last snapshot, and when that was (ms of the monotonic clock). */
  #sinceSnapshot = 0;
  #snapshotAt = performance.now();

  private constructor(options: JournalOptions) {
    this.store = options.store;
    this.#snapshotEvery = options.snapshotEvery ?? 10_000;
    this.#snapshotIntervalMs = options.snapshotIntervalMs ?? 10 * 60_000;
    this.#onUser = options.onUser;
    this.#onCommit = options.onCommit;
    this.#maxBatch = options.maxBatch ?? 256;
    this.#onBatch = options.onBatch;
    this.#onFatal = options.onFatal ?? ((error) => {
      options.logger?.fatal({ err: error }, 'the store could not make a batch durable; the journal stopped (restart to recover from it)');
    });
    this.clock = new JournalClock((timer) => this.#enqueue({ entry: { kind: 'timer', timer }, run: () => this.clock.fire(timer), done: () => {} }));
    // Without adapters nothing is logged in memory (MemoryPayments and MemoryNotifier keep every charge and alert: memory would grow with history).
    const payments = options.payments ?? { charge: () => Promise.resolve() };
    const notifier = options.notifier ?? { notify: () => {} };
    const { history } = options;
    this.engine = new ChatEngine({
      policy: options.basePolicy ?? options.policy,
      clock: this.clock,
      // Restoring must not charge or alert anyone a second time, nor ask the host anything: every adapter is muted.
      history: history && {
        engagementHistory: (customerId, providerId) => (this.#replaying ? [] : history.engagementHistory(customerId, providerId)),
        ...(history.context && { context: (customerId: string, conversationId: string) => (this.#replaying ? {} : history.context!(customerId, conversationId)) }),
      },
      payments: { charge: (charge) => (this.#replaying ? Promise.resolve() : payments.charge(charge)) },
      notifier: { notify: (notification) => { if (!this.#replaying) notifier.notify(notification); } },
      // Messages are read back from the store: the engine keeps a tail of each chat and reads no
      // further than what it has committed (in replay, the store already holds what comes later).
      store: {
        commit: (records) => this.#commit(records),
        messages: (conversationId, range) => this.store.messages(conversationId, range),
        messageById: (id) => this.store.messageById(id),
      },
      createId: (prefix) => this.#createId(prefix),
    });
  }

  /**
   * A journal on the store, with the engine restored from what the store holds: the latest
   * snapshot, then the entries after it. A new store gets a snapshot at once (it names the policy
   * the journal begins under); a policy other than the restored one is journaled as a change.
   */
  static async open(options: JournalOptions): Promise<Journal> {
    const journal = new Journal(options);
    const { snapshot, entries } = await options.store.load();
    journal.fresh = snapshot === undefined && entries.length === 0;
    if (snapshot !== undefined) await journal.#restore(snapshot as JournalSnapshot);
    await journal.#replay(entries);
    journal.#sinceSnapshot = entries.length;
    const { policy } = options;
    if (policy && JSON.stringify(policy) !== JSON.stringify(journal.engine.policy)) {
      await new Promise<void>((resolve, reject) => journal.#enqueue({
        entry: { kind: 'policy', policy },
        run: () => journal.engine.setPolicy(policy),
        done: (outcome) => (outcome.ok ? resolve() : reject(outcome.error)),
      }));
    }
    if (journal.fresh) await journal.#writeSnapshot();
    journal.clock.goLive();
    return journal;
  }

  /** Runs a user's command in turn; `done` is called once its batch is durable. */
  command(userId: string, command: unknown, done: (outcome: Outcome) => void): void {
    this.#enqueue({ entry: { kind: 'command', userId, command: command as Command }, run: () => this.engine.execute(userId, command), done });
  }

  /** A read (or a connection's registration) in order with every change, leaving nothing in the journal. */
  read<T>(run: () => T | Promise<T>, done: (outcome: Outcome<T>) => void): void {
    this.#enqueue({ entry: { kind: 'read' }, run, done: done as Job['done'] });
  }

  /** A host call, journaled: `upsertUser`, `setAccountState`, `recordReview`, `recordOrder`. */
  host(call: HostCall): Promise<unknown> {
    return new Promise((resolve, reject) => this.#enqueue({
      entry: { kind: 'host', call },
      run: () => this.#callHost(call),
      done: (outcome) => (outcome.ok ? resolve(outcome.value) : reject(outcome.error)),
    }));
  }

  /** Upserts a user only when it differs from what the engine was last told (each connection vouches for its user). */
  ensureUser(user: User): Promise<unknown> | undefined {
    const key = JSON.stringify([user.id, user.role, user.name ?? null, user.teamId ?? null]);
    if (this.#users.get(user.id) === key) return undefined;
    return this.host({ name: 'upsertUser', args: [user] });
  }

  /** Runs `send` after the current batch is durable (at once outside a batch): the gate for every frame that leaves. */
  later(send: () => void): void {
    if (this.#batchOpen || this.#unsynced.length > 0) this.#pending.push(send);
    else send();
  }

  /** Jobs waiting for their turn (the open batch's not counted). */
  get queued(): number {
    return this.#queue.length;
  }

  /** Settles when every queued job is done. */
  idle(): Promise<void> {
    if (!this.#draining && this.#queue.length === 0 && this.#unsynced.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /** The error that stopped the journal, if one did. */
  get fatal(): { error: unknown } | undefined {
    return this.#fatal;
  }

  /** Waits for the queued jobs and closes the store; rejects with the error that stopped the journal, if one did. */
  async close(): Promise<void> {
    if (!this.#closed) {
      await this.idle();
      this.#closed = true;
      this.clock.stop();
      // A clean stop leaves a snapshot of everything: the next start replays nothing.
      let unsaved: { error: unknown } | undefined;
      if (!this.#fatal && this.#sinceSnapshot > 0) {
        try {
          await this.#writeSnapshot();
        } catch (error) {
          unsaved = { error };
        }
      }
      this.engine.dispose();
      try {
        await this.store.close();
      } catch (error) {
        if (!this.#fatal && !unsaved) throw error;
        // A store that failed may fail to close too: the first error is the one to report.
      }
      // The journal holds everything all the same: the next start replays it.
      if (unsaved) throw unsaved.error;
    }
    if (this.#fatal) throw this.#fatal.error;
  }

  // ---- internals ------------------------------------------------------------------------------

  async #state(): Promise<JournalSnapshot> {
    // The store keeps every message: the chats' tails are read back from it on restore.
    const engine = await this.engine.exportState({ messagesInStore: true });
    return { version: 1, engine, clock: this.clock.exportState(), users: [...this.#users] };
  }

  /** A snapshot in a transaction of its own (outside any batch: at open and at close). */
  async #writeSnapshot(): Promise<void> {
    await this.store.begin();
    await this.store.snapshot(await this.#state());
    await this.store.flush();
    this.#sinceSnapshot = 0;
    this.#snapshotAt = performance.now();
  }

  /** The clock first (its countdowns wait, unbound), then the engine, whose desks bind them again by number. */
  async #restore(snapshot: JournalSnapshot): Promise<void> {
    if (snapshot?.version !== 1) throw new Error('The data holds a snapshot this server cannot read (written by another version).');
    this.clock.restoreState(snapshot.clock);
    await this.engine.restoreState(snapshot.engine);
    this.divergences += this.clock.dropUnbound();
    for (const [id, key] of snapshot.users) {
      this.#users.set(id, key);
      if (!this.#onUser) continue;
      const [, role, name, teamId] = JSON.parse(key) as [string, User['role'], string | null, string | null];
      this.#onUser({ id, role, ...(name !== null && { name }), ...(teamId !== null && { teamId }) });
    }
    this.restored = true;
  }

  #commit(records: StoreRecord[]): void | Promise<void> {
    if (!this.#replaying) {
      this.#changed = true;
      const committed = this.store.commit(records);
      const onCommit = this.#onCommit;
      if (!onCommit) return committed;
      if (committed instanceof Promise) return committed.then(() => onCommit(records));
      onCommit(records);
      return;
    }
    // Replaying: the facts are stored already; check that the replay makes the same ones.
    for (const record of records) {
      if (record.type !== 'message') continue;
      const { conversationId, seq, id } = record.message;
      const stored = this.store.hasMessage(conversationId, seq, id);
      if (stored instanceof Promise) void stored.then((ok) => { if (!ok) this.divergences++; });
      else if (!stored) this.divergences++;
    }
  }

  #createId(prefix: string): string {
    if (this.#replaying) {
      const id = this.#ids.shift();
      if (id !== undefined) return id;
      this.divergences++;
    }
    const id = `${prefix}_${randomUUID()}`;
    this.#ids.push(id);
    return id;
  }

  #callHost(call: HostCall): unknown {
    const result = (this.engine[call.name] as (...args: unknown[]) => unknown)(...call.args);
    if (call.name === 'upsertUser') {
      const user = call.args[0];
      this.#users.set(user.id, JSON.stringify([user.id, user.role, user.name ?? null, user.teamId ?? null]));
      this.#onUser?.(user);
    }
    return result;
  }

  async #replay(entries: JournalEntry[]): Promise<void> {
    this.#replaying = true;
    try {
      for (const entry of entries) {
        this.clock.freeze(entry.at);
        this.#ids = [...entry.ids];
        try {
          if (entry.kind === 'command') await this.engine.execute(entry.userId, entry.command);
          else if (entry.kind === 'host') this.#callHost(entry.call);
          else if (entry.kind === 'policy') this.engine.setPolicy(entry.policy);
          else if (!this.clock.fire(entry.timer)) this.divergences++;
        } catch {
          // A command journaled for what it changed on its way to a refusal is refused again.
        }
        await settle();
        if (this.#ids.length > 0) this.divergences++;
        this.replayed++;
      }
    } finally {
      this.#replaying = false;
      this.#ids = [];
    }
  }

  #enqueue(job: Job): void {
    if (this.#fatal) {
      job.done({ ok: false, error: new ChatError('unavailable', 'The server stopped: its store could not save.') });
      return;
    }
    if (this.#closed) {
      job.done({ ok: false, error: new Error('The journal is closed.') });
      return;
    }
    this.#queue.push(job);
    this.#arrived?.();
    if (!this.#draining) void this.#drain();
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      while (this.#queue.length > 0 && !this.#fatal) {
        // One turn of the event loop first: every frame already at the sockets joins this batch
        // (one disk sync for all of them); then the batch's jobs run back to back.
        await gather();
        await this.store.begin();
        this.#batchOpen = true;
        for (;;) {
          while (this.#batch.length < this.#maxBatch && this.#queue.length > 0 && !this.#fatal) {
            const job = this.#queue.shift()!;
            this.#batch.push(job);
            await this.#run(job);
          }
          // While the last batch syncs, this one stays open and takes what arrives: it commits when
          // that sync ends, so commits follow syncs (each commit writes the WAL's pages again).
          if (this.#fatal || this.#unsynced.length === 0 || this.#batch.length >= this.#maxBatch) break;
          await Promise.race([this.#synced, new Promise<void>((resolve) => (this.#arrived = resolve))]);
          this.#arrived = undefined;
        }
        if (this.#fatal) return;
        // Every so many entries (or minutes), the state after this batch is snapshotted with it, in its transaction.
        if (this.#sinceSnapshot >= this.#snapshotEvery || (this.#sinceSnapshot > 0 && performance.now() - this.#snapshotAt >= this.#snapshotIntervalMs)) {
          await this.store.snapshot(await this.#state());
          this.#sinceSnapshot = 0;
          this.#snapshotAt = performance.now();
        }
        // Committed now; durable when `flush` settles (at once for a store that syncs in place).
        const started = performance.now();
        const durable = this.store.flush();
        const jobs = this.#batch.length;
        const measured = () => this.#onBatch?.({ jobs, commitSeconds: (performance.now() - started) / 1000 });
        this.#batchOpen = false;
        const batch = { jobs: this.#batch, deliveries: this.#pending };
        this.#batch = [];
        this.#pending = [];
        if (!(durable instanceof Promise) && this.#unsynced.length === 0) {
          measured();
          for (const deliver of batch.deliveries) deliver();
          continue;
        }
        this.#unsynced.push(batch);
        const previous = this.#synced;
        this.#synced = (async () => {
          await previous;
          await durable;
          measured();
        })().then(() => this.#release(batch), (error: unknown) => this.#fail(error));
      }
    } catch (error) {
      this.#fail(error);
    } finally {
      this.#draining = false;
      this.#settled();
    }
  }

  /** A batch's sync (and every earlier one) is done: its frames leave, then those written since outside any batch. */
  #release(batch: { jobs: Job[]; deliveries: (() => void)[] }): void {
    if (this.#fatal) return;
    this.#unsynced.shift();
    for (const deliver of batch.deliveries) deliver();
    if (this.#unsynced.length === 0 && !this.#batchOpen) {
      const rest = this.#pending;
      this.#pending = [];
      for (const deliver of rest) deliver();
    }
    this.#settled();
  }

  /** Wakes `idle()` once nothing runs and nothing waits for a sync. */
  #settled(): void {
    if (this.#draining || this.#unsynced.length > 0) return;
    for (const resolve of this.#idle.splice(0)) resolve();
  }

  /** Memory is ahead of the disk: nothing of the batch leaves (its jobs are refused), nothing more runs, the owner hears it once. */
  #fail(error: unknown): void {
    if (this.#fatal) return;
    this.#batchOpen = false;
    this.#pending = [];
    this.#fatal = { error };
    this.clock.stop();
    const refused = [...this.#unsynced.flatMap((batch) => batch.jobs), ...this.#batch, ...this.#queue.splice(0)];
    this.#unsynced = [];
    this.#batch = [];
    for (const job of refused) job.done({ ok: false, error });
    this.#onFatal(error);
    this.#settled();
  }

  async #run(job: Job): Promise<void> {
    const at = this.clock.tick();
    this.clock.freeze(at);
    this.#ids = [];
    this.#changed = false;
    const timers = this.clock.created;
    let outcome: Outcome;
    try {
      outcome = { ok: true, value: await job.run() };
    } catch (error) {
      outcome = { ok: false, error };
    }
    // Work the engine queued behind this job (a notice after a commit) belongs to this entry.
    await settle();
    const { entry } = job;
    const changed = this.#changed || this.clock.created !== timers;
    const keep = entry.kind === 'timer' ? outcome.ok && outcome.value === true
      : entry.kind === 'host' || entry.kind === 'policy' ? outcome.ok
      : entry.kind === 'command' ? (outcome.ok && journaled(entry.command?.type)) || changed
      : false;
    if (keep && entry.kind !== 'read') {
      await this.store.append({ ...entry, at, ids: this.#ids } as JournalEntry);
      this.#sinceSnapshot++;
    }
    this.#pending.push(() => job.done(outcome));
  }
}

/**
 * Lets every microtask the engine queued run: what one entry set off ends inside that entry, live
 * and in replay alike. Called from a promise continuation (the journal's loop always is, past its
 * first await), a `process.nextTick` callback runs only once V8 has emptied the microtask queue,
 * so the entry's trailing work is done without a turn of the event loop per job (the loop turns
 * once per batch, in `gather`). Nothing else (I/O, timers) runs in between.
 */
const settle = () => new Promise<void>((resolve) => process.nextTick(resolve));

/** Lets the event loop read what is waiting at the sockets (and fire due timers) before a batch starts. */
const gather = () => new Promise<void>((resolve) => setImmediate(resolve));
