/**
 * volley-chat/persist: what the browser must not lose. Drafts, closed chats, the outbox and read
 * cursors kept in IndexedDB (through idb-keyval), shared live between the tabs of one user through
 * a BroadcastChannel, with a memory fallback where storage is refused. Importing it opens nothing.
 *
 * ```ts
 * const client = new ChatClient({ transport, persistence: createPersistence() });
 * ```
 * @packageDocumentation
 */
import type { Persistence, PersistenceKernel } from '../client/persistence.js';
import type { ChatState, Draft } from '../client/state.js';
import type { Conversation, Message } from '../model/types.js';
import type { Snapshot } from '../protocol/commands.js';
import { PURPOSES, Shelves } from './shelves.js';

export interface PersistenceOptions {
  /** Starts every database and channel name, so two apps on one origin keep apart. Default `volley`. */
  namespace?: string;
  /** Whose data this is. By default the transport's `userId` (LocalTransport has one), else the user of the first snapshot. */
  userId?: string;
  /** The IndexedDB to use; the page's by default. `null` keeps everything in memory. */
  indexedDB?: IDBFactory | null;
}

/** The `Persistence` of this entry, plus what a page may need to do with it. */
export interface BrowserPersistence extends Persistence {
  /** True once storage fell back to memory (also announced once as the client's `storage-memory` notice). */
  readonly inMemory: boolean;
  /** Resolves once every write issued so far has landed (before a page navigates away on purpose, in tests). */
  settled(): Promise<void>;
  /** Stops listening to the client and the other tabs and closes the databases. */
  close(): void;
}

/** The notice a client emits, once, when the browser refused storage. */
export const STORAGE_MEMORY_NOTICE = {
  code: 'storage-memory',
  message: 'This browser refuses storage: drafts and unsent messages last only while this page is open.',
} as const;

/** What one tab tells the others: [what, conversation id, the new value (null: gone)]. */
type Broadcast =
  | ['draft', string, Draft | null]
  | ['closed', string, number | null]
  | ['cursor', string, number];

/** An outbox entry: the pending message and where it stands in the order of sending. */
interface Kept { order: number; message: Message }

export function createPersistence(options: PersistenceOptions = {}): BrowserPersistence {
  return new BrowserStorage(options);
}

/** Does `message` reopen a chat I closed? Mine or the other party's (the engine's P7 rule) do. */
const reopens = (message: Message, conversation: Conversation, me: string) =>
  message.authorId === me || (message.authorId === conversation.customerId) !== (me === conversation.customerId);

/** My messages not acknowledged yet, by id. */
const pendingIn = (list: readonly Message[] = []) => {
  const pending = new Map<string, Message>();
  for (let i = list.length - 1; i >= 0 && list[i].seq === 0; i--) if (list[i].status === 'pending') pending.set(list[i].id, list[i]);
  return pending;
};

class BrowserStorage implements BrowserPersistence {
  readonly #options: PersistenceOptions;
  #kernel?: PersistenceKernel;
  #shelves?: Shelves;
  /** `<namespace>:<user>`: the databases' and the channel's names start with it. */
  #name = '';
  #channel?: BroadcastChannel;
  #stopObserving?: () => void;
  /** P7: conversation → its last seq when I closed it. */
  readonly #closes = new Map<string, number>();
  /** The last seq I have read, per conversation. */
  readonly #cursors = new Map<string, number>();
  /** Set while a change restored or heard from another tab is applied: it is not written or told again. */
  #quiet = false;
  #order = 0;
  #flushing: Promise<void> = Promise.resolve();

  constructor(options: PersistenceOptions) {
    this.#options = options;
  }

  get inMemory(): boolean {
    return this.#shelves?.inMemory ?? false;
  }

  attach(kernel: PersistenceKernel): Promise<void> {
    this.#kernel = kernel;
    this.#stopObserving = kernel.client.subscribe((state) => state, (next, previous) => this.#observe(next, previous));
    const userId = this.#options.userId ?? (kernel.transport as { userId?: unknown }).userId;
    return typeof userId === 'string' ? this.#open(userId) : Promise.resolve();
  }

  snapshot(snapshot: Snapshot): void {
    // Without a user known at attach, storage opens with the first snapshot and restores right after it.
    if (!this.#shelves) void this.#open(snapshot.me.id);
    for (const conversation of snapshot.conversations) this.#adjust(conversation, snapshot.messages[conversation.id], snapshot.me.id);
  }

  flush(): Promise<void> {
    // One flush at a time in this page; across tabs the lock decides.
    return (this.#flushing = this.#flushing.then(() => this.#locked(() => this.#sendOutbox())).catch(() => undefined));
  }

  async settled(): Promise<void> {
    await this.#shelves?.settled();
  }

  close(): void {
    this.#stopObserving?.();
    this.#channel?.close();
    this.#shelves?.close();
  }

  // ---- restoring --------------------------------------------------------------------------------

  async #open(userId: string): Promise<void> {
    const name = (this.#name = `${this.#options.namespace ?? 'volley'}:${userId}`);
    const indexedDB = this.#options.indexedDB === undefined ? globalThis.indexedDB : this.#options.indexedDB;
    // Said a microtask later: a refusal found while the client is constructed reaches the listeners set up right after.
    const shelves = (this.#shelves = new Shelves(indexedDB, name,
      () => queueMicrotask(() => this.#kernel!.notice(STORAGE_MEMORY_NOTICE.code, STORAGE_MEMORY_NOTICE.message))));
    if (typeof BroadcastChannel === 'function') {
      this.#channel = new BroadcastChannel(name);
      this.#channel.onmessage = (event: MessageEvent<Broadcast>) => this.#hear(event.data);
    }
    const [drafts, closes, outbox, cursors] = await Promise.all(PURPOSES.map((purpose) => shelves.all(purpose))) as [
      [string, Draft][], [string, number][], [string, Kept][], [string, number][],
    ];
    for (const [id, seq] of closes) this.#closes.set(id, seq);
    for (const [id, seq] of cursors) this.#cursors.set(id, seq);
    const state = this.#kernel!.client.state;
    const messages = { ...state.messages };
    for (const { order, message } of outbox.map(([, kept]) => kept).sort((a, b) => a.order - b.order)) {
      this.#order = Math.max(this.#order, order);
      // Pending messages sort last, in the order they were sent.
      const list = messages[message.conversationId] ?? [];
      if (!list.some((m) => m.id === message.id)) messages[message.conversationId] = [...list, message];
    }
    const conversations = { ...state.conversations };
    for (const id in conversations) conversations[id] = this.#adjust({ ...conversations[id] }, messages[id], state.me?.id ?? '');
    // What changed while storage opened wins over what it held.
    this.#quietly(() => this.#kernel!.update({ drafts: { ...Object.fromEntries(drafts), ...state.drafts }, messages, conversations }));
  }

  /**
   * Applies what this browser knows to a conversation from the engine, in place: a chat I closed
   * stays closed until a newer message from the other party (or me) reopens it, and the engine
   * learns the close again if it forgot it; a conversation read up to its last message is not unread.
   */
  #adjust(conversation: Conversation, messages: readonly Message[] = [], me: string): Conversation {
    const closedAt = this.#closes.get(conversation.id);
    if (closedAt !== undefined && !conversation.closed) {
      if (messages.some((m) => m.seq > closedAt && reopens(m, conversation, me))) this.#forget(conversation.id);
      else {
        conversation.closed = true;
        void this.#kernel!.client.closeConversation(conversation.id).catch(() => undefined);
      }
    }
    if (conversation.unread && conversation.lastSeq <= (this.#cursors.get(conversation.id) ?? -1)) conversation.unread = false;
    return conversation;
  }

  // ---- keeping what changes -----------------------------------------------------------------------

  #observe(next: ChatState, previous: ChatState): void {
    if (this.#quiet || !this.#shelves) return;
    if (next.drafts !== previous.drafts) {
      for (const id of new Set([...Object.keys(next.drafts), ...Object.keys(previous.drafts)])) {
        const draft = next.drafts[id];
        if (draft === previous.drafts[id]) continue;
        void (draft ? this.#shelves.put('drafts', id, draft) : this.#shelves.drop('drafts', id));
        this.#tell(['draft', id, draft ?? null]);
      }
    }
    if (next.messages !== previous.messages) {
      for (const id in next.messages) if (next.messages[id] !== previous.messages[id]) this.#keepOutbox(next.messages[id], previous.messages[id]);
    }
    if (next.conversations !== previous.conversations) {
      for (const conversation of Object.values(next.conversations)) {
        if (conversation === previous.conversations[conversation.id]) continue;
        const { id, closed, lastSeq } = conversation;
        if (closed && !this.#closes.has(id)) this.#remember('closed', this.#closes, id, lastSeq);
        else if (!closed && this.#closes.has(id)) this.#forget(id);
        if (!conversation.unread && lastSeq > (this.#cursors.get(id) ?? 0)) this.#remember('cursors', this.#cursors, id, lastSeq);
      }
    }
  }

  /** A message waiting for its ack is kept until it is stored (or refused). */
  #keepOutbox(next: readonly Message[], previous?: readonly Message[]): void {
    const before = pendingIn(previous);
    for (const [id, message] of pendingIn(next)) {
      if (!before.has(id)) void this.#shelves!.put('outbox', id, { order: (this.#order = Math.max(Date.now(), this.#order + 1)), message } satisfies Kept);
    }
    for (const id of before.keys()) {
      const now = next.find((m) => m.id === id);
      if (now && now.status !== 'pending') void this.#shelves!.drop('outbox', id);
    }
  }

  #remember(purpose: 'closed' | 'cursors', map: Map<string, number>, id: string, seq: number): void {
    map.set(id, seq);
    void this.#shelves!.put(purpose, id, seq);
    this.#tell(purpose === 'closed' ? ['closed', id, seq] : ['cursor', id, seq]);
  }

  #forget(id: string): void {
    this.#closes.delete(id);
    void this.#shelves!.drop('closed', id);
    this.#tell(['closed', id, null]);
  }

  // ---- other tabs -------------------------------------------------------------------------------

  #tell(message: Broadcast): void {
    this.#channel?.postMessage(message);
  }

  #hear([kind, id, value]: Broadcast): void {
    const { client, update } = this.#kernel!;
    const conversation = client.state.conversations[id];
    const put = (patch: Partial<Conversation>) => update({ conversations: { ...client.state.conversations, [id]: { ...conversation, ...patch } } });
    this.#quietly(() => {
      if (kind === 'draft') client.setDraft(id, value);
      else if (kind === 'closed') {
        if (value === null) this.#closes.delete(id);
        else this.#closes.set(id, value);
        if (conversation && conversation.closed !== (value !== null)) put({ closed: value !== null });
      } else {
        this.#cursors.set(id, Math.max(value, this.#cursors.get(id) ?? 0));
        if (conversation?.unread && conversation.lastSeq <= value) put({ unread: false });
      }
    });
  }

  #quietly(change: () => void): void {
    this.#quiet = true;
    try {
      change();
    } finally {
      this.#quiet = false;
    }
  }

  // ---- the outbox -------------------------------------------------------------------------------

  /**
   * Runs `task` holding this user's outbox lock. Web Locks are shared by every tab of the origin and
   * released when a tab dies, so no tab waits on a closed one; a tab that gets the lock after
   * another finds the outbox already sent. Without Web Locks each tab flushes on its own, which the
   * client ids keep harmless (the engine stores each message once).
   */
  async #locked(task: () => Promise<void>): Promise<void> {
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    await (locks ? locks.request(`${this.#name}:outbox`, task) : task());
  }

  /** Sends what the outbox holds (all tabs' of this user), oldest first; stops while the engine is unreachable. */
  async #sendOutbox(): Promise<void> {
    const shelves = this.#shelves;
    if (!shelves) return;
    const kept = (await shelves.all<Kept>('outbox')).map(([, entry]) => entry).sort((a, b) => a.order - b.order);
    for (const { message } of kept) {
      try {
        await this.#kernel!.resend(message);
      } catch (error) {
        if ((error as { code?: string }).code === 'unavailable') return;
        // Refused: the client shows it failed, with the reason, for the user to retry or drop.
      }
      await shelves.drop('outbox', message.id);
    }
  }
}
