import { createNanoEvents } from 'nanoevents';
import { ChatError, withText } from '../model/errors.js';
import { compact, createId } from '../model/ids.js';
import { loadOnce } from '../model/load-once.js';
import { defaultPolicy, mergePolicy, type Policy, type PolicyOverrides } from '../model/policy.js';
import type { AccountState, Availability, Conversation, Message, Order, Presence, SystemNoticeCode, User } from '../model/types.js';
import { ROLES } from '../model/roles.js';
import type { ChatEvent, Command, CommandOf, CommandResults, CommandType, Snapshot } from '../protocol/commands.js';
import { STAFF_KINDS, commandShapes } from '../protocol/shapes.js';
import { tagged, type Shape } from '../protocol/schema.js';
import { sendRefusal } from '../rules/send-policy.js';
import { MemoryNotifier, MemoryPayments, type HistoryAdapter, type Notification, type Notifier, type PaymentsAdapter } from './adapters.js';
import { SystemClock, type Clock } from '../model/clock.js';
import { notFound, reused, type ContactCheck, type Composing, type ConversationRecord, type Desk, type EngineKernel, type Side, type UserRecord } from './records.js';
import { MemoryStore, type MessageStore, type Store } from './store.js';

export interface ChatEngineOptions {
  policy?: Policy;
  clock?: Clock;
  payments?: PaymentsAdapter;
  notifier?: Notifier;
  store?: Store;
  /** K4, T6: the host's record of a customer beyond the chat. */
  history?: HistoryAdapter;
  /** Makes the ids of conversations, offers and notices; a server replaying its journal gives the same ones again. */
  createId?: (prefix: string) => string;
  /**
   * How many of each chat's latest messages the engine keeps in memory (default 50, the hello
   * page); the store holds the rest (see `Store`), so memory does not grow with history.
   */
  tailSize?: number;
}

/** What the host can listen to on the engine itself. */
export interface EngineEvents {
  volley: (volley: { conversationId: string; messageId: string; providerId: string; customerId: string; earningsCents: number }) => void;
  /** An adapter failed after the fact it reports was committed (a volley the payments host refused). */
  'adapter-error': (error: { adapter: 'payments' | 'notifier' | 'store'; cause: unknown }) => void;
}

const SNAPSHOT_PAGE = 50;
const SYSTEM_AUTHOR = 'system';

// Rule families that only some policies or commands need load on first use, so a host's core
// entry carries only what every chat needs.
const loadContactPolicy = loadOnce(() => import('../rules/contact-policy.js'));
/** Reads of messages past what the tail serves at once (history pages, the feed, a message by id, C4 deletes). */
const messageReads = loadOnce(() => import('./message-reads.js'));
/** A message's checks and what follows its commit (D3 alerts, P1 a volley's earnings), loaded with the first message a user writes. */
const afterMessage = loadOnce(() => import('./after-message.js'));
/** The shapes of the kinds only the provider side sends, for the first send of one. */
const staffKinds = loadOnce(() => import('./staff-kinds.js'));

// The desks: rule families only some products use, each answering its own commands and loading
// on the first of them (routing and care also before any command when the policy runs them).
const routingDesk = loadOnce(() => import('./routing-desk.js'));
const careDesk = loadOnce(() => import('./care-desk.js'));
const presenceDesk = loadOnce(() => import('./presence-desk.js'));
const customerDesk = loadOnce(() => import('./customer-desk.js'));
const tributeDesk = loadOnce(() => import('./tribute-desk.js'));
const blockDesk = loadOnce(() => import('./block-desk.js'));

/** A desk's module: the desk, and the wire shapes of the commands it answers (without a desk: the engine answers them). */
type DeskModule = { open?(kernel: EngineKernel): Desk; shapes: Record<string, Shape> };

type DeskName = keyof EngineKernel['desks'];
/** Export and restore of the state, for a server's snapshots. */
const loadState = loadOnce(() => import('./engine-state.js'));

/** What `exportState` gives: plain data for a snapshot (see there). */
export interface EngineState {
  version: 1;
  policy: Policy;
  users: Map<string, UserRecord>;
  teamMembers: Map<string, Set<string>>;
  conversations: Map<string, ConversationRecord>;
  conversationsByKey: Map<string, string>;
  conversationsByParty: Map<string, Set<string>>;
  negativeReviews: Set<string>;
  orders: Map<string, Order>;
  chatEnabled: Map<string, boolean>;
  heldInApp: Map<string, Notification[]>;
  partyFamilies: Set<keyof Policy>;
  /** Each chat's `tail` is its length, not its messages: the store holds them (see `exportState`). */
  tailsInStore?: true;
  /** Each loaded desk's own state, by the desk's name. */
  desks: Partial<Record<DeskName, unknown>>;
}

/** Which desk answers a command; the engine answers the rest itself. */
const DESKS: Partial<Record<CommandType, () => DeskModule | Promise<DeskModule>>> = {
  claim: routingDesk, decline: routingDesk, 'pick-up': routingDesk, 'set-available': routingDesk, 'set-status': routingDesk,
  finish: careDesk, 'set-chat-enabled': careDesk, analytics: careDesk,
  'set-enrolled': presenceDesk, 'set-quiet-hours': presenceDesk, 'set-notifications': presenceDesk, settings: presenceDesk,
  'provider-card': presenceDesk, typing: presenceDesk,
  'customer-details': customerDesk, 'set-note': customerDesk, 'engagement-history': customerDesk, 'customer-context': customerDesk,
  'request-tribute': tributeDesk, 'send-tribute': tributeDesk, buy: tributeDesk,
  block: blockDesk, unblock: blockDesk,
};

/** Every command's name, for the refusal of an unknown one. */
const COMMAND_TYPES = [...Object.keys(commandShapes), ...Object.keys(DESKS)];

type Listener = (event: ChatEvent) => void;

/** R2: whether `value` has the shape of `like` (a party's policy, of the defaults): known families and fields, their types. */
const fits = (value: unknown, like: unknown): boolean =>
  typeof value === typeof like && value !== null && Array.isArray(value) === Array.isArray(like)
  && (typeof like !== 'object' || Array.isArray(like) || Object.entries(value as object).every(([key, field]) => Object.hasOwn(like as object, key) && fits(field, (like as Record<string, unknown>)[key])));


/** `then(value)`, at once when the value is not a promise: a synchronous store keeps the engine synchronous. */
const after = <T, R>(value: T | Promise<T>, then: (value: T) => R): R | Promise<R> =>
  value instanceof Promise ? value.then(then) : then(value);

/**
 * The one authority. Every command of every user passes `execute`, which validates it and
 * applies the rules of the policy; every change reaches connected users as events. The engine
 * does no I/O of its own: time, money, alerts and durability come through injected adapters.
 */
export class ChatEngine {
  #policy: Policy;
  readonly clock: Clock;
  readonly payments: PaymentsAdapter;
  readonly notifier: Notifier;
  readonly store: Store;
  readonly #createId: (prefix: string) => string;
  /** Per conversation, the commit in progress: the next waits for it, so seq has no gaps. */
  readonly #turns = new Map<string, Promise<unknown>>();

  readonly #users = new Map<string, UserRecord>();
  readonly #teamMembers = new Map<string, Set<string>>();
  readonly #conversations = new Map<string, ConversationRecord>();
  readonly #conversationsByKey = new Map<string, string>();
  readonly #conversationsByParty = new Map<string, Set<string>>();
  /** Where messages are read back: the store, or (a store that only commits) a copy kept in memory. */
  readonly #reads: MessageStore;
  readonly #copy?: MemoryStore;
  readonly #tailSize: number;
  readonly #inflight = new Map<string, { promise: Promise<Message>; authorId: string; conversationId: string }>();
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #negativeReviews = new Set<string>();
  readonly #orders = new Map<string, Order>();
  readonly #chatEnabled = new Map<string, boolean>();
  readonly #kernel: EngineKernel;
  readonly #heldInApp = new Map<string, Notification[]>();
  /** R2: each party's policy (its own product merged over the engine's), made on first use; an upsert empties it. */
  readonly #policies = new Map<string, Policy>();
  /** The families some party's own policy switches on: their desks open before any command. */
  readonly #partyFamilies = new Set<keyof Policy>();
  /** A desk being loaded (see `execute`). */
  #loading?: Promise<unknown>;
  readonly #emitter = createNanoEvents<EngineEvents>();

  constructor(options: ChatEngineOptions = {}) {
    this.#policy = options.policy ?? defaultPolicy();
    this.clock = options.clock ?? new SystemClock();
    this.payments = options.payments ?? new MemoryPayments();
    this.notifier = options.notifier ?? new MemoryNotifier();
    this.store = options.store ?? new MemoryStore();
    this.#reads = this.store.messageById ? (this.store as MessageStore) : (this.#copy = new MemoryStore());
    this.#tailSize = options.tailSize ?? SNAPSHOT_PAGE;
    this.#createId = options.createId ?? createId;
    const engine = this;
    this.#kernel = {
      get policy() { return engine.#policy; },
      clock: this.clock, createId: this.#createId,
      policyOf: (conversation) => this.#policyOf(conversation.providerId),
      policyOfUser: (user) => this.#policyOf(this.#primaryParty(user) ?? ''),
      user: (id) => this.#users.get(id),
      conversation: (id) => this.#conversations.get(id),
      staffOf: (party) => this.#staffOf(party),
      pairConversations: (customerId, party) => this.#pairConversations(customerId, party),
      emitTo: (userIds, event) => this.#emitTo(userIds, event),
      emitConversation: (conversation) => this.#emitConversation(conversation),
      appendSystemNotice: (conversation, code, text, fields) => this.#appendSystemNotice(conversation, code, text, fields),
      deliver: (notification) => this.#deliver(notification),
      view: (conversation, user) => this.#view(conversation, user),
      availabilityOf: (user) => this.#availabilityOf(user),
      partiesOf: (user) => this.#partiesOf(user),
      resolveParty: (id) => this.#resolveParty(id),
      refreshParty: (id) => this.#refreshParty(id),
      refreshPair: (customerId, party) => this.#refreshPair(customerId, party),
      heldInApp: this.#heldInApp,
      reads: this.#reads,
      history: options.history,
      payments: this.payments,
      chatEnabled: this.#chatEnabled,
      conversationsOf: (party) => this.#chatsOf(party),
      visible: (user, id) => this.#visibleConversation(user, id),
      compose: (user, conversationId, id, make) => this.#compose(user, conversationId, id, make),
      desks: {},
    };
  }

  /** The rules in force (a party's own product merges over them, R2). */
  get policy(): Policy {
    return this.#policy;
  }

  /**
   * The operator changed the rules (a server started with another policy journals this): they
   * apply from the next command on; what was written under the old ones stays.
   */
  setPolicy(policy: Policy): void {
    if (!fits(policy, defaultPolicy())) throw new ChatError('invalid');
    this.#policy = policy;
    this.#policies.clear();
  }

  /**
   * The whole state, for a snapshot: a structured-cloneable copy (maps, sets, arrays, plain
   * objects) of every record and index, the policy in force and the state of each desk loaded (a
   * desk not loaded exports nothing). Countdowns are saved by their ids inside the desks' records;
   * their due times belong to the clock, which a host that restores exports beside this (see
   * `RestorableClock`). Conversation records are carried whole, whatever fields they hold.
   * `messagesInStore`: the engine that restores reads from this engine's store, durable and
   * reading messages back (a server's), so the chats' tails are left out and read back from it
   * (a snapshot then weighs the chats' facts, not their last messages). `copy: false` skips the
   * deep copy: the value then shares the engine's live records, for a caller that serializes it
   * before the next command (the server's journal, which writes it with `v8.serialize` at once).
   * Connections, and commands in flight, are not state: export between commands.
   */
  async exportState(options?: { messagesInStore?: boolean; copy?: boolean }): Promise<EngineState> {
    // Loaded on first use: only a server that snapshots exports.
    return (await loadState()).exportState(this.#state(), this.#kernel, options);
  }

  /** Every map and set of the state, by its name in `EngineState`. */
  #state() {
    return {
      users: this.#users, teamMembers: this.#teamMembers, conversations: this.#conversations, conversationsByKey: this.#conversationsByKey,
      conversationsByParty: this.#conversationsByParty, negativeReviews: this.#negativeReviews,
      orders: this.#orders, chatEnabled: this.#chatEnabled, heldInApp: this.#heldInApp, partyFamilies: this.#partyFamilies,
    };
  }

  /**
   * A fresh engine takes what `exportState` gave, before any command (restore the clock first:
   * each desk binds its countdowns again by id). Loads the desks the state names. The engine
   * takes the value over (no copy: a snapshot holds every record): give it a copy to keep one.
   */
  async restoreState(state: EngineState): Promise<void> {
    // Only a fresh engine restores, and only a state of this version (refused: invalid).
    await (await loadState()).restore(state, this.#state(), this.#kernel, () => (this.#policy = state.policy));
  }

  on<E extends keyof EngineEvents>(event: E, callback: EngineEvents[E]): () => void {
    return this.#emitter.on(event, callback);
  }

  // ---- host API: who exists and what the host knows ---------------------------------------

  upsertUser(user: User): void {
    const problem = typeof user?.id !== 'string' || !user.id ? 'A user needs an id.' : !(ROLES as readonly string[]).includes(user.role) ? 'Unknown role.'
      : user.policy !== undefined && !fits(user.policy, defaultPolicy()) ? 'A policy names known rule families and fields.' : null;
    if (problem) throw new ChatError('invalid', problem);
    const previous = this.#users.get(user.id);
    if (previous?.teamId) this.#teamMembers.get(previous.teamId)?.delete(user.id);
    const record: UserRecord = {
      accountState: 'ok', status: 'available', missStreak: 0, presence: { active: false, inLiveSession: false },
      ...previous,
      id: user.id, role: user.role, name: user.name, teamId: user.teamId, enrolled: user.enrolled ?? previous?.enrolled,
      policy: user.policy ?? previous?.policy,
    };
    this.#policies.clear();
    for (const family of Object.keys(record.policy ?? {}) as (keyof Policy)[]) if ((record.policy![family] as { enabled?: boolean }).enabled) this.#partyFamilies.add(family);
    this.#users.set(user.id, record);
    if (user.teamId) this.#setOf(this.#teamMembers, user.teamId).add(user.id);
  }

  /** D4: a provider's account state; restricted states stop the provider side from sending. */
  setAccountState(userId: string, state: AccountState): void {
    if (!['ok', 'suspended', 'rejected', 'needs-improvement'].includes(state)) throw new ChatError('invalid', 'Unknown account state.');
    this.#requireUser(userId).accountState = state;
    this.#refreshParty(userId);
  }

  /** D4: a negative review from a client stops the provider from writing to that client. */
  recordReview(review: { from: string; to: string; rating: 'negative' | 'positive' }): void {
    if (review.rating !== 'negative' && review.rating !== 'positive') throw new ChatError('invalid', 'A review is negative or positive.');
    this.#requireUser(review.from);
    const key = this.#pairKey(review.from, review.to);
    if (review.rating === 'negative') this.#negativeReviews.add(key);
    else this.#negativeReviews.delete(key);
    this.#refreshPair(review.from, review.to);
  }

  /** D1, D4: an order joins the feed and unlocks the provider's send limit with that client. */
  recordOrder(order: Omit<Order, 'at'> & { at?: number }): Order {
    if (!order?.id || !order.customerId || !order.providerId) throw new ChatError('invalid', 'An order needs an id, a customer and a provider.');
    if (!Number.isInteger(order.amountCents) || order.amountCents < 0) throw new ChatError('invalid', 'An order amount is a whole number of cents.');
    this.#requireUser(order.customerId);
    const stored: Order = { id: order.id, customerId: order.customerId, providerId: order.providerId, title: String(order.title ?? ''), amountCents: order.amountCents, at: order.at ?? this.clock.now() };
    this.#orders.set(stored.id, stored);
    for (const conversation of this.#pairConversations(stored.customerId, stored.providerId)) conversation.unansweredInRow = 0;
    this.#refreshPair(stored.customerId, stored.providerId);
    return stored;
  }

  // ---- connections ------------------------------------------------------------------------

  /** Events for one user go to `listener` until the returned function is called. */
  connect(userId: string, listener: Listener): () => void {
    this.#requireUser(userId);
    const set = this.#setOf(this.#listeners, userId);
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(userId);
    };
  }

  /** Stops every countdown: for hosts that throw the engine away. */
  dispose(): void {
    for (const desk of Object.values(this.#kernel.desks) as Desk[]) desk.dispose?.();
    this.#listeners.clear();
  }

  /**
   * The edge: validates any value as a command of `userId` and runs it. A refusal rejects with a
   * `ChatError` and leaves state unchanged.
   */
  async execute<T extends CommandType>(userId: string, command: CommandOf<T> | unknown): Promise<CommandResults[T]> {
    try {
      // The desk that answers the command, if one does: its module brings the command's shape.
      const type = (command as { type?: unknown } | null | undefined)?.type;
      const desk = typeof type === 'string' && Object.hasOwn(DESKS, type) ? DESKS[type as CommandType]
        : type === 'send' && STAFF_KINDS.includes((command as { message?: { kind?: string } }).message?.kind!) ? staffKinds : undefined;
      // The families the policy runs open before any command: each message of a chat may need them.
      const needed = [desk, this.#runs('routing') && routingDesk, this.#runs('care') && careDesk];
      // While a desk loads, the commands that come wait behind it: commands run in the order they came.
      const loads = needed.map((load) => load && load());
      if (this.#loading || loads.some((module) => module instanceof Promise)) {
        const loading = (this.#loading = Promise.all([this.#loading, ...loads]));
        try {
          await loading;
        } catch {
          // A family that could not load (an in-page engine whose server went away): nothing ran,
          // and the next command loads it again.
          throw new ChatError('unavailable');
        } finally {
          if (this.#loading === loading) this.#loading = undefined;
        }
      }
      // Checked before anything runs: a desk's command against the shapes its module brings, so the
      // core entry carries only the shapes of the engine's own commands.
      const problem = tagged('type', desk ? (desk() as DeskModule).shapes : commandShapes, COMMAND_TYPES)(command);
      if (problem) throw new ChatError('invalid', `Invalid command: ${problem}.`);
      const user = this.#users.get(userId);
      if (!user) throw new ChatError('forbidden', 'Unknown user.');
      // Loaded now: each opens (once per engine); the first, if any, answers this command.
      const [handler] = needed.map((load) => load && (load() as DeskModule).open?.(this.#kernel));
      return (await (handler ? handler.execute(user, command as Command) : this.#dispatch(user, command as Command))) as CommandResults[T];
    } catch (error) {
      throw await withText(error);
    }
  }

  #dispatch(user: UserRecord, command: Command): unknown {
    switch (command.type) {
      case 'hello': return this.#snapshot(user);
      case 'start': return this.#start(user, command);
      case 'send': return this.#send(user, command);
      case 'history': return this.#page(this.#visibleConversation(user, command.conversationId), user, command.beforeSeq ?? Infinity, command.limit ?? SNAPSHOT_PAGE);
      case 'mark-read': return this.#markRead(user, command.conversationId);
      // C4: hidden from the deleter only, for good.
      case 'delete-message': {
        const conversation = this.#visibleConversation(user, command.conversationId);
        return after(messageReads(), (reads) => reads.deleteMessage(this.#kernel, user, conversation, command.messageId));
      }
      case 'close': return this.#close(user, command.conversationId);
      case 'delivered': return this.#delivered(user, this.#visibleConversation(user, command.conversationId), command.seq);
      // D1: the chat's orders and messages in one timeline.
      case 'feed': {
        const conversation = this.#visibleConversation(user, command.conversationId);
        return after(messageReads(), (reads) => reads.feed(this.#kernel, this.#orders, user, conversation, command.filter));
      }
      case 'set-presence': return this.#setPresence(user, { active: command.active, inLiveSession: command.inLiveSession });
    }
  }

  // ---- conversations ----------------------------------------------------------------------

  #snapshot(user: UserRecord): Snapshot | Promise<Snapshot> {
    const conversations = this.#conversationsOf(user);
    const pages = conversations.map((conversation) => this.#page(conversation, user, Infinity, SNAPSHOT_PAGE));
    return after(pages.some((page) => page instanceof Promise) ? Promise.all(pages) : (pages as Message[][]), (lists) => {
      const messages: Snapshot['messages'] = {};
      conversations.forEach((conversation, i) => (messages[conversation.id] = lists[i]));
      const chatEnabled: Record<string, boolean> = {};
      for (const party of new Set([...this.#partiesOf(user), ...conversations.map((c) => c.providerId)])) chatEnabled[party] = this.#isChatEnabled(party);
      return {
        me: this.#publicUser(user),
        conversations: conversations.map((c) => this.#view(c, user)),
        messages,
        offers: this.#kernel.desks.routing?.openOffersFor(user) ?? [],
        availability: this.#availabilityOf(user),
        blocked: this.#kernel.desks.block?.blockedBy(user) ?? [],
        chatEnabled,
        policy: this.#kernel.policyOfUser(user),
      };
    });
  }

  #start(user: UserRecord, command: CommandOf<'start'>): Conversation | Promise<Conversation> {
    const other = command.with;
    if (user.role === 'customer') {
      const party = this.#resolveParty(other);
      if (!party) throw notFound('That provider');
      if (command.orderId) this.#requireOrder(command.orderId, user.id, party);
      const existing = this.#findConversation(user.id, party, command.orderId);
      // P8: no new chat with a provider who is not enrolled; an existing one stays readable.
      if (!existing && this.#users.get(party)?.enrolled === false) throw new ChatError('not-enrolled');
      return after(existing ?? this.#createConversation(user.id, party, command.orderId), (conversation) => {
        // P7: a customer who closed the chat reopens it by starting again from the provider's page.
        if (conversation.closedBy.delete(user.id)) this.#emitConversation(conversation);
        return this.#view(conversation, user);
      });
    }
    const target = this.#users.get(other);
    if (!target) throw notFound('That person');
    if (target.role !== 'customer') {
      if (!this.#kernel.policyOfUser(user).initiation.allowProviderToProvider) throw new ChatError('provider-to-provider');
      throw new ChatError('forbidden', 'Chats are between a customer and a provider.');
    }
    // An order names the party it was placed with: a member of its team opens that party's order chat.
    const ordered = command.orderId ? this.#orders.get(command.orderId)?.providerId : undefined;
    const party = ordered && this.#partiesOf(user).includes(ordered) ? ordered : this.#primaryParty(user);
    if (!party) throw new ChatError('forbidden', 'You do not act for any provider.');
    if (command.orderId) this.#requireOrder(command.orderId, target.id, party);
    const existing = this.#findConversation(target.id, party, command.orderId);
    if (existing) return this.#view(existing, user);
    if (this.#policyOf(party).initiation.customerMustInitiate) throw new ChatError('customer-must-initiate');
    return after(this.#createConversation(target.id, party, command.orderId), (conversation) => this.#view(conversation, user));
  }

  /** Known and shown only once the store has it. */
  #createConversation(customerId: string, providerId: string, orderId?: string): ConversationRecord | Promise<ConversationRecord> {
    const conversation: ConversationRecord = {
      id: this.#createId('c'), customerId, providerId, orderId, createdAt: this.clock.now(), lastSeq: 0, tail: [],
      volley: { providerRepliedSince: false }, unansweredInRow: 0, customerHasWritten: false,
      queued: false, routed: false, closedBy: new Set(), readSeq: new Map(), deliveredSeq: new Map(), deletedBy: new Map(), writers: new Set(),
    };
    return after(this.store.commit([{ type: 'conversation', id: conversation.id, customerId, providerId, orderId, at: conversation.createdAt }]), () => {
      this.#conversations.set(conversation.id, conversation);
      this.#conversationsByKey.set(this.#conversationKey(customerId, providerId, orderId), conversation.id);
      this.#setOf(this.#conversationsByParty, customerId).add(conversation.id);
      this.#setOf(this.#conversationsByParty, providerId).add(conversation.id);
      this.#emitConversation(conversation);
      return conversation;
    });
  }

  /** The last `limit` messages before `beforeSeq` this user sees: at once from the tail when it holds them (see message-reads.ts). */
  #page(conversation: ConversationRecord, user: UserRecord, beforeSeq: number, limit: number): Message[] | Promise<Message[]> {
    const deleted = conversation.deletedBy.get(user.id);
    const end = Math.min(beforeSeq, conversation.lastSeq + 1);
    const { tail } = conversation;
    const start = tail[0]?.seq ?? end;
    // (Served from the tail, `end` is at least its start.)
    if (!deleted && (end - limit >= start || start === 1)) return tail.slice(Math.max(0, end - limit - start), end - start);
    return after(messageReads(), (reads) => reads.page(this.#reads, conversation, deleted, end, limit)) as Message[] | Promise<Message[]>;
  }

  /** How many messages the engine holds in memory: at most its `tailSize` per chat (the store holds the history). */
  get retainedMessages(): number {
    let count = 0;
    for (const { tail } of this.#conversations.values()) count += tail.length;
    return count;
  }

  #markRead(user: UserRecord, conversationId: string): Conversation {
    const conversation = this.#visibleConversation(user, conversationId);
    const seq = conversation.lastSeq;
    const advanced = conversation.readSeq.get(user.id) !== seq;
    conversation.readSeq.set(user.id, seq);
    // P12: a read that moved on is the other side's read receipt.
    this.#emitConversationTo(conversation, advanced ? [user.id, ...this.#peersOf(conversation, user)] : [user.id]);
    return this.#view(conversation, user);
  }

  /** P12: how far a user's client received a chat (it acknowledges messages as they arrive); only grows. */
  #delivered(user: UserRecord, conversation: ConversationRecord, seq: number): null {
    const at = Math.min(seq, conversation.lastSeq);
    if (at > (conversation.deliveredSeq.get(user.id) ?? 0)) {
      conversation.deliveredSeq.set(user.id, at);
      this.#emitConversationTo(conversation, this.#peersOf(conversation, user));
    }
    return null;
  }

  /** The other side of a chat: the provider side counts as one. */
  #peersOf(conversation: ConversationRecord, user: UserRecord): string[] {
    return user.id === conversation.customerId ? this.#staffOf(conversation.providerId) : [conversation.customerId];
  }

  /** P7: the chat leaves the closer's list until the other party writes again. */
  #close(user: UserRecord, conversationId: string): Conversation {
    const conversation = this.#visibleConversation(user, conversationId);
    conversation.closedBy.add(user.id);
    this.#emitConversationTo(conversation, [user.id]);
    return this.#view(conversation, user);
  }

  // ---- sending ----------------------------------------------------------------------------

  #send(user: UserRecord, command: CommandOf<'send'>): Promise<Message> {
    // The checks are in after-message.ts, loaded (as for every message) before they run.
    return this.#compose(user, command.conversationId, command.message.id, (composing) => afterMessage.value!.send(this.#kernel, user, command, composing));
  }

  /**
   * The path of every command that makes a message (a send, a tribute): the chat must be visible,
   * C3 stores each id once, and `make` checks the command and commits it (see `Composing`).
   */
  #compose(user: UserRecord, conversationId: string, id: string, make: (composing: Composing) => Promise<Message>): Promise<Message> {
    const conversation = this.#visibleConversation(user, conversationId);
    return this.#once(user, conversation, id, async () => {
      const side = this.#sideOf(user);
      // What the message's checks and commit need loads first (what follows a message, with the first one).
      const [hasContact, after] = await Promise.all([this.#contactCheck(conversation), afterMessage()]);
      return after.compose(this.#kernel, this.#emitter, user, conversation, side, id, make, {
        refusal: () => this.#refusalFor(user, conversation, side),
        hasContact,
        record: (fields) => this.#record(conversation, fields),
      });
    });
  }

  /**
   * C3: a message id sent again by its author returns the stored message and stores nothing new;
   * a send still in flight is shared rather than run twice (a tribute is charged once).
   */
  #once(user: UserRecord, conversation: ConversationRecord, id: string, run: () => Promise<Message>): Promise<Message> {
    // In flight first: a resend while the original is still being checked or committed shares
    // its outcome, and is acknowledged no sooner than the original.
    const pending = this.#inflight.get(id);
    if (pending) return pending.authorId === user.id && pending.conversationId === conversation.id ? pending.promise : Promise.reject(reused());
    const promise = (this.#inTurn(conversation, run) as Promise<Message>).finally(() => this.#inflight.delete(id));
    this.#inflight.set(id, { promise, authorId: user.id, conversationId: conversation.id });
    return promise;
  }

  /** M2: the contact check this conversation needs, loading the guard only where the policy applies it. */
  async #contactCheck(conversation: ConversationRecord): Promise<ContactCheck | undefined> {
    const policy = this.#policyOf(conversation.providerId);
    const guard = policy.contactGuard;
    if (!guard.enabled || (conversation.orderId !== undefined && guard.allowInOrders)) return undefined;
    const { contactRefusal } = await loadContactPolicy();
    return (text) => contactRefusal(text, conversation.orderId !== undefined, policy) !== null;
  }

  #refusalFor(user: UserRecord, conversation: ConversationRecord, side: Side) {
    const party = this.#users.get(conversation.providerId);
    const restricted = (state: AccountState | undefined) => state !== undefined && state !== 'ok';
    return sendRefusal({
      side,
      blocked: Boolean(this.#kernel.desks.block?.between(conversation.customerId, conversation.providerId)),
      chatEnabled: this.#isChatEnabled(conversation.providerId),
      customerHasWritten: conversation.customerHasWritten,
      // The party's state binds every member; a member's own restriction binds that member.
      accountState: restricted(party?.accountState) ? party!.accountState : user.accountState,
      negativeReview: this.#negativeReviews.has(this.#pairKey(conversation.customerId, conversation.providerId)),
      unansweredInRow: conversation.unansweredInRow,
      inOrder: conversation.orderId !== undefined,
      enrolled: party?.enrolled,
    }, this.#policyOf(conversation.providerId))?.code;
  }

  /**
   * Runs `step` once the conversation's earlier commits are done, so each reads the state they
   * left and seq has no gaps; at once (synchronously) when none is in progress.
   */
  #inTurn<T>(conversation: ConversationRecord, step: () => T | Promise<T>): T | Promise<T> {
    const id = conversation.id;
    const previous = this.#turns.get(id);
    const result = previous ? previous.then(step) : step();
    if (result instanceof Promise) {
      const turn = result.then(() => {}, () => {});
      this.#turns.set(id, turn);
      void turn.then(() => this.#turns.get(id) === turn && this.#turns.delete(id));
    }
    return result;
  }

  /** C3: the message takes the next seq and is kept, indexed and shown only once the store has it. */
  #record(conversation: ConversationRecord, fields: Partial<Message>): Message | Promise<Message> {
    const message = compact({ at: this.clock.now(), ...fields, conversationId: conversation.id, seq: conversation.lastSeq + 1 }) as Message;
    const records = [{ type: 'message' as const, message }];
    return after(this.store.commit(records), () => {
      this.#copy?.commit(records);
      conversation.lastSeq = message.seq;
      conversation.lastAt = message.at;
      const { tail } = conversation;
      tail.push(message);
      if (tail.length > this.#tailSize) tail.shift();
      if (message.authorId !== SYSTEM_AUTHOR) conversation.writers.add(message.authorId);
      this.#emitTo(this.#audience(conversation), { type: 'message', message });
      return message;
    });
  }

  #appendSystemNotice(conversation: ConversationRecord, code: SystemNoticeCode, text: string, fields?: { by?: string; from?: string }): void {
    const failed = (cause: unknown) => this.#emitter.emit('adapter-error', { adapter: 'store', cause });
    try {
      const done = this.#inTurn(conversation, () => this.#record(conversation, { id: this.#createId('sys'), authorId: SYSTEM_AUTHOR, kind: 'system', code, text, ...fields } as Partial<Message>));
      if (done instanceof Promise) done.catch(failed);
    } catch (cause) {
      failed(cause);
    }
  }

  // ---- feed and notifications (D1, D3) -----------------------------------------------------------

  #setPresence(user: UserRecord, presence: Presence): Presence {
    const wasLive = user.presence.inLiveSession;
    user.presence = presence;
    if (wasLive && !presence.inLiveSession) {
      // D3: in-app messages held during the live session are delivered when it ends.
      const held = this.#heldInApp.get(user.id) ?? [];
      this.#heldInApp.delete(user.id);
      for (const notification of held) this.#deliver(notification);
    }
    return { ...presence };
  }

  #deliver(notification: Notification): void {
    try {
      this.notifier.notify(notification);
    } catch (cause) {
      this.#emitter.emit('adapter-error', { adapter: 'notifier', cause });
    }
  }

  // ---- views and events ------------------------------------------------------------------------

  #view(conversation: ConversationRecord, user: UserRecord): Conversation {
    const deleted = conversation.deletedBy.get(user.id);
    const readSeq = conversation.readSeq.get(user.id) ?? 0;
    const { tail } = conversation;
    // Newest first, down to the read cursor. Past the tail every message is another's (writing
    // moves the writer's cursor): unread unless the user deleted it.
    let unread = false;
    for (let seq = conversation.lastSeq, i = tail.length - 1; !unread && seq > readSeq; seq--, i--) {
      unread = tail[i]?.authorId !== user.id && !deleted?.has(seq);
    }
    // P12: the other side's furthest member (read implies delivered).
    const peer = (seqs: Map<string, number>) => {
      let furthest = 0;
      for (const [id, seq] of seqs) if ((id === conversation.customerId) !== (user.id === conversation.customerId)) furthest = Math.max(furthest, seq);
      return furthest;
    };
    const peerReadSeq = peer(conversation.readSeq);
    const participantIds = [conversation.customerId, conversation.providerId];
    if (conversation.ownerId && conversation.ownerId !== conversation.providerId) participantIds.push(conversation.ownerId);
    const names: Record<string, string> = {};
    for (const id of new Set([...participantIds, ...conversation.writers])) {
      const name = this.#users.get(id)?.name;
      if (name) names[id] = name;
    }
    return compact({
      id: conversation.id, participantIds, names, customerId: conversation.customerId, providerId: conversation.providerId,
      orderId: conversation.orderId, orderTitle: conversation.orderId === undefined ? undefined : this.#orders.get(conversation.orderId)?.title,
      policy: this.#ownPolicy(conversation.providerId), status: conversation.status, ownerId: conversation.ownerId, queued: conversation.queued || undefined,
      unread, closed: conversation.closedBy.has(user.id), createdAt: conversation.createdAt,
      lastMessageAt: conversation.lastAt, lastSeq: conversation.lastSeq,
      refusal: this.#refusalFor(user, conversation, this.#sideOf(user)),
      peerDeliveredSeq: Math.max(peer(conversation.deliveredSeq), peerReadSeq), peerReadSeq,
    });
  }

  #availabilityOf(user: UserRecord): Availability {
    return compact({ available: user.status === 'available', reason: user.unavailableReason, offline: user.status === 'offline' || undefined });
  }

  #publicUser(user: UserRecord): User {
    return compact({ id: user.id, role: user.role, name: user.name, teamId: user.teamId });
  }

  #emitTo(userIds: Iterable<string>, event: ChatEvent): void {
    for (const userId of userIds) for (const listener of this.#listeners.get(userId) ?? []) listener(event);
  }

  #emitConversationTo(conversation: ConversationRecord, userIds: Iterable<string>): void {
    for (const userId of userIds) {
      const user = this.#users.get(userId);
      if (user && this.#listeners.has(userId)) this.#emitTo([userId], { type: 'conversation', conversation: this.#view(conversation, user) });
    }
  }

  #emitConversation(conversation: ConversationRecord): void {
    this.#emitConversationTo(conversation, this.#audience(conversation));
  }

  #audience(conversation: ConversationRecord): string[] {
    return [conversation.customerId, ...this.#staffOf(conversation.providerId)];
  }

  /** Something about a party changed that alters who may send: every view of its chats is redrawn. */
  #refreshParty(userId: string): void {
    const user = this.#users.get(userId);
    const parties = user ? (user.role === 'customer' ? [user.id] : this.#partiesOf(user)) : [];
    for (const party of parties) for (const conversation of this.#chatsOf(party)) this.#emitConversation(conversation);
  }

  #refreshPair(customerId: string, party: string): void {
    const resolved = this.#resolveParty(party) ?? party;
    for (const conversation of this.#pairConversations(customerId, resolved)) this.#emitConversation(conversation);
  }

  // ---- each party's product (R2) -------------------------------------------------------------

  /** The overrides a party carries: its provider's own, or for a team id, that of a provider of the team. */
  #ownPolicy(party: string): PolicyOverrides | undefined {
    const user = this.#users.get(party);
    if (user?.policy) return user.policy;
    for (const id of this.#teamMembers.get(user ? user.teamId ?? '' : party) ?? []) {
      const member = this.#users.get(id);
      if (member?.role === 'provider' && member.policy) return member.policy;
    }
    return undefined;
  }

  /** The rules of a party's chats: its own product merged over the engine's policy. */
  #policyOf(party: string): Policy {
    let policy = this.#policies.get(party);
    if (!policy) {
      const own = this.#ownPolicy(party);
      this.#policies.set(party, (policy = own ? mergePolicy(this.#policy, own) : this.#policy));
    }
    return policy;
  }

  /** Whether the engine's policy or any party's runs this family. */
  #runs(family: 'routing' | 'care'): boolean {
    return this.#policy[family].enabled || this.#partyFamilies.has(family);
  }

  // ---- who is who ------------------------------------------------------------------------

  #sideOf(user: UserRecord): Side {
    return user.role === 'customer' ? 'customer' : 'provider';
  }

  /** The ids a staff user acts for: itself if a provider, its team, and providers of its team. */
  #partiesOf(user: UserRecord): string[] {
    if (user.role === 'customer') return [];
    const parties = new Set<string>();
    if (user.role === 'provider') parties.add(user.id);
    if (user.teamId) {
      parties.add(user.teamId);
      for (const id of this.#teamMembers.get(user.teamId) ?? []) if (this.#users.get(id)?.role === 'provider') parties.add(id);
    }
    return [...parties];
  }

  #primaryParty(user: UserRecord): string | undefined {
    return user.role === 'provider' ? user.id : user.role === 'customer' ? undefined : this.#partiesOf(user)[0];
  }

  /** Everyone who acts for a party: the provider itself and the members of its team. */
  #staffOf(party: string): string[] {
    const staff = new Set<string>();
    const provider = this.#users.get(party);
    if (provider && provider.role !== 'customer') staff.add(party);
    for (const teamId of [party, provider?.teamId]) {
      if (!teamId) continue;
      for (const id of this.#teamMembers.get(teamId) ?? []) if (this.#users.get(id)?.role !== 'customer') staff.add(id);
    }
    return [...staff];
  }

  /** A provider id, a team id, or an agent's id (meaning the party it acts for). */
  #resolveParty(id: string): string | undefined {
    const user = this.#users.get(id);
    if (user?.role === 'provider') return user.id;
    if (user && user.role !== 'customer') return this.#primaryParty(user);
    if (!user && this.#teamMembers.has(id)) return id;
    return undefined;
  }

  #visibleConversation(user: UserRecord, conversationId: string): ConversationRecord {
    const conversation = this.#conversations.get(conversationId);
    const visible = conversation && (user.role === 'customer' ? conversation.customerId === user.id : this.#partiesOf(user).includes(conversation.providerId));
    if (!visible) throw notFound('That conversation');
    return conversation;
  }

  #conversationsOf(user: UserRecord): ConversationRecord[] {
    const keys = user.role === 'customer' ? [user.id] : this.#partiesOf(user);
    return [...new Set(keys.flatMap((key) => this.#chatsOf(key)))].filter((c) => (user.role === 'customer' ? c.customerId === user.id : true));
  }

  /** Every chat of a customer or a party. */
  #chatsOf(key: string): ConversationRecord[] {
    return [...(this.#conversationsByParty.get(key) ?? [])].map((id) => this.#conversations.get(id)!);
  }

  #pairConversations(customerId: string, party: string): ConversationRecord[] {
    return this.#chatsOf(customerId).filter((c) => c.providerId === party);
  }

  #findConversation(customerId: string, party: string, orderId?: string): ConversationRecord | undefined {
    const id = this.#conversationsByKey.get(this.#conversationKey(customerId, party, orderId));
    return id ? this.#conversations.get(id) : undefined;
  }

  #requireOrder(orderId: string, customerId: string, party: string): Order {
    const order = this.#orders.get(orderId);
    if (!order) throw notFound('That order');
    if (order.customerId !== customerId || order.providerId !== party) throw new ChatError('forbidden', 'That order belongs to someone else.');
    return order;
  }

  #requireUser(userId: string): UserRecord {
    const user = this.#users.get(userId);
    if (!user) throw notFound(`User ${JSON.stringify(userId)}`);
    return user;
  }

  #isChatEnabled(party: string): boolean {
    return this.#chatEnabled.get(party) ?? true;
  }

  #pairKey(customerId: string, party: string): string {
    return `${customerId}\u0000${this.#resolveParty(party) ?? party}`;
  }

  #conversationKey(customerId: string, party: string, orderId?: string): string {
    return `${customerId}\u0000${party}\u0000${orderId ?? ''}`;
  }

  #setOf<K, V>(map: Map<K, Set<V>>, key: K): Set<V>;
  #setOf<K, V>(map: Map<K, V>, key: K, create: () => V): V;
  #setOf<K, V>(map: Map<K, V>, key: K, create: () => V = () => new Set() as V): V {
    let value = map.get(key);
    if (value === undefined) map.set(key, (value = create()));
    return value;
  }
}
