import { createNanoEvents } from 'nanoevents';
import { ChatError, isChatError, withText } from '../model/errors.js';
import { createId } from '../model/ids.js';
import type {
  Availability, CareAnalytics, Conversation, CustomerContext, CustomerDetails, FeedEntry, FeedFilter, Message, MessageDraft, Offer,
  OfferClosedReason, Presence, ProviderCard, ProviderSettings, ProviderStatus, QuietHours,
} from '../model/types.js';
import type { ChatEvent, CommandOf, CommandResults, CommandType, Snapshot } from '../protocol/commands.js';
import type { Transport, UploadOptions } from '../transport/transport.js';
import { SystemClock, type Clock, type TimerId } from '../model/clock.js';
import type { Persistence } from './persistence.js';
import { initialState, mergeMessages, type ChatState, type Draft } from './state.js';

export interface ClientEvents {
  message: (message: Message) => void;
  conversation: (conversation: Conversation) => void;
  'message-deleted': (event: { conversationId: string; messageId: string }) => void;
  offer: (offer: Offer) => void;
  'offer-closed': (event: { offerId: string; conversationId: string; reason: OfferClosedReason; claimedBy?: string }) => void;
  availability: (availability: Availability) => void;
  notice: (notice: { code: string; message: string }) => void;
  state: (state: ChatState) => void;
}

export interface ChatClientOptions {
  transport: Transport;
  /** Stamps optimistic messages; the engine's time replaces it on ack. */
  clock?: Clock;
  /** Keeps drafts, closed chats, the outbox and read cursors across reloads (`volley-chat/persist`). */
  persistence?: Persistence;
  /**
   * P12: how long the client gathers delivered receipts before it tells the engine the highest
   * seq of each chat (one command for a burst of messages). Default 300 ms, on `clock`.
   */
  receiptDelayMs?: number;
}

const RECEIPT_DELAY_MS = 300;

type Selector<T> = (state: ChatState) => T;
interface Subscription { select: Selector<unknown>; listener: (value: any, previous: any) => void; equals: (a: unknown, b: unknown) => boolean; last: unknown }

/** A draft as `send` takes it: the client makes the id unless the caller brings one. */
export type SendDraft = MessageDraft & { id?: string };

/**
 * One user's view of the chat: an immutable state snapshot read through selectors, optimistic
 * sends, and every command of the engine as a method. The engine decides; the client mirrors.
 */
export class ChatClient {
  readonly #transport: Transport;
  readonly #clock: Clock;
  readonly #emitter = createNanoEvents<ClientEvents>();
  readonly #subscriptions = new Set<Subscription>();
  readonly #persistence?: Persistence;
  readonly #restored?: Promise<void>;
  #stopStatus?: () => void;
  /** P12: when this client last told each chat that its user is typing. */
  readonly #typedAt = new Map<string, number>();
  readonly #receiptDelayMs: number;
  /** P12: per chat, the highest seq received and not told to the engine yet. */
  readonly #receipts = new Map<string, number>();
  #receiptTimer?: TimerId;
  /** The events that arrived while a snapshot was asked for: what they brought may be newer than it. */
  #arrived?: ChatEvent[];
  /** Settles once the outbox of the last (re)connect was sent: a message written meanwhile goes after it. */
  #outboxSent?: Promise<void>;
  #resending = false;
  #current: ChatState = initialState;

  constructor(options: ChatClientOptions) {
    if (!options?.transport) throw new ChatError('invalid', 'A ChatClient needs a transport.');
    this.#transport = options.transport;
    this.#clock = options.clock ?? new SystemClock();
    this.#receiptDelayMs = options.receiptDelayMs ?? RECEIPT_DELAY_MS;
    this.#persistence = options.persistence;
    this.#restored = this.#persistence?.attach({
      client: this, transport: this.#transport, update: (patch) => this.#update(patch), resend: (message) => this.#resend(message),
      notice: (code, message) => this.#emitter.emit('notice', { code, message }),
    });
  }

  /** The clock this client stamps with; elements drive countdowns from it, so tests can travel in time. */
  get clock(): Clock {
    return this.#clock;
  }

  get state(): ChatState {
    return this.#current;
  }

  /**
   * Calls `listener(selected, previous)` whenever the selected slice changes (by `equals`,
   * `Object.is` unless given). Returns the function that stops it.
   */
  subscribe<T>(select: Selector<T>, listener: (value: T, previous: T) => void, equals: (a: T, b: T) => boolean = Object.is): () => void {
    const subscription: Subscription = { select, listener, equals: equals as Subscription['equals'], last: select(this.#current) };
    this.#subscriptions.add(subscription);
    return () => this.#subscriptions.delete(subscription);
  }

  on<E extends keyof ClientEvents>(event: E, callback: ClientEvents[E]): () => void {
    return this.#emitter.on(event, callback);
  }

  // ---- connection ---------------------------------------------------------------------------

  async connect(): Promise<ChatState> {
    this.#update({ connection: 'connecting' });
    // Back online: what was missed comes with a fresh snapshot, then the outbox goes out.
    this.#stopStatus ??= this.#transport.onStatus?.((status) => (status === 'online' ? this.#sync().catch(() => {}) : this.#update({ connection: 'closed' })));
    try {
      await this.#restored;
      await this.#transport.connect((event) => this.#receive(event));
      await this.#sync();
    } catch (error) {
      this.#update({ connection: 'closed' });
      throw error;
    }
    return this.#current;
  }

  disconnect(): void {
    this.#stopStatus?.();
    this.#stopStatus = undefined;
    this.#clock.clearTimeout(this.#receiptTimer!);
    this.#receiptTimer = undefined;
    this.#receipts.clear();
    this.#transport.disconnect();
    this.#update({ connection: 'closed' });
  }

  /** C5: keeps (or, with null, drops) the unsent text and files of a conversation. */
  setDraft(conversationId: string, draft: Draft | null): void {
    const { [conversationId]: _previous, ...drafts } = this.#current.drafts;
    this.#update({ drafts: draft ? { ...drafts, [conversationId]: draft } : drafts });
  }

  /** Whether the transport stores files (`upload`); the composer then uploads through this client. */
  get canUpload(): boolean {
    return typeof this.#transport.upload === 'function';
  }

  /**
   * K6: stores a file through the transport (the server's `/uploads`, or a `blob:` URL on an
   * in-page engine) and resolves with its absolute URL, to send as an attachment's `url`.
   * Rejects with a `ChatError` (`attachment-type`, `attachment-too-large`, `unavailable`, …) or,
   * when `signal` aborts, with its reason.
   */
  async upload(file: File, options: UploadOptions = {}): Promise<string> {
    if (!this.#transport.upload) throw new ChatError('unavailable', 'This transport does not store files.');
    // A refusal reaches the caller with its human text; an abort with the signal's reason.
    return this.#transport.upload(file, options).catch(async (error) => {
      throw await withText(error);
    });
  }

  // ---- conversations and messages -----------------------------------------------------------

  async startConversation(options: { with: string; orderId?: string }): Promise<Conversation> {
    const conversation = await this.#request({ type: 'start', with: options.with, orderId: options.orderId || undefined });
    this.#putConversation(conversation);
    return conversation;
  }

  /**
   * Optimistic send: the message shows at once as `pending`, becomes `sent` with the engine's
   * sequence number on ack, or `failed` with the error (and the promise rejects).
   */
  send(conversationId: string, draft: SendDraft, options: { overtake?: boolean } = {}): Promise<Message> {
    const message = { ...draft, id: draft.id ?? createId('m') } as MessageDraft & { id: string };
    this.#putMessages(conversationId, [this.#pendingMessage(conversationId, message)]);
    return this.#deliver(conversationId, message.id, () =>
      this.#request({ type: 'send', conversationId, message, overtake: options.overtake || undefined }));
  }

  /** Sends a failed message again with the same id: the engine stores it at most once. */
  retry(conversationId: string, messageId: string, options: { overtake?: boolean } = {}): Promise<Message> {
    const failed = this.#current.messages[conversationId]?.find((m) => m.id === messageId);
    if (!failed || failed.status !== 'failed') return Promise.reject(new ChatError('not-found', 'There is no failed message to retry.'));
    return this.#resend(failed, options);
  }

  async loadOlder(conversationId: string, limit?: number): Promise<Message[]> {
    const first = this.#current.messages[conversationId]?.find((m) => m.seq > 0);
    const page = await this.#request({ type: 'history', conversationId, beforeSeq: first?.seq, limit: limit || undefined });
    this.#putMessages(conversationId, page.map((m) => this.#asReceived(m)));
    return page;
  }

  async markRead(conversationId: string): Promise<Conversation> {
    const conversation = this.#current.conversations[conversationId];
    if (conversation?.unread) this.#putConversation({ ...conversation, unread: false });
    const read = await this.#request({ type: 'mark-read', conversationId });
    // P12: read implies delivered: a receipt waiting for what this read covers is not needed.
    if (this.#receipts.get(conversationId)! <= read.lastSeq) this.#receipts.delete(conversationId);
    return this.#putConversation(read);
  }

  /** C4: removes the message from my side only, for good. */
  async deleteMessage(conversationId: string, messageId: string): Promise<void> {
    await this.#request({ type: 'delete-message', conversationId, messageId });
    this.#removeMessage(conversationId, messageId);
  }

  async closeConversation(conversationId: string): Promise<Conversation> {
    return this.#putConversation(await this.#request({ type: 'close', conversationId }));
  }

  async block(userId: string): Promise<string[]> {
    const list = await this.#request({ type: 'block', userId });
    this.#update({ blocked: list });
    return list;
  }

  async unblock(userId: string): Promise<string[]> {
    const list = await this.#request({ type: 'unblock', userId });
    this.#update({ blocked: list });
    return list;
  }

  /** P4: a tribute request card in the chat, shown at once like any message. */
  requestTribute(conversationId: string, options: { amountCents: number; note?: string; id?: string }): Promise<Message> {
    const id = options.id ?? createId('m');
    const fields = { kind: 'tribute-request', amountCents: options.amountCents, ...(options.note ? { note: options.note } : {}) } as const;
    this.#putMessages(conversationId, [{ ...this.#pendingMessage(conversationId, { id, kind: 'text', text: '' }), ...fields } as Message]);
    return this.#deliver(conversationId, id, () =>
      this.#request({ type: 'request-tribute', conversationId, id, amountCents: options.amountCents, note: options.note || undefined }));
  }

  /** P4: not optimistic: the tribute shows only once the payment went through. */
  async sendTribute(conversationId: string, options: { amountCents: number; note?: string; requestId?: string; id?: string }): Promise<Message> {
    const message = await this.#request({
      type: 'send-tribute', conversationId, id: options.id ?? createId('m'), amountCents: options.amountCents,
      note: options.note || undefined, requestId: options.requestId || undefined,
    });
    this.#putMessages(conversationId, [this.#asReceived(message)]);
    return message;
  }

  /**
   * P3: buys a payment button or goodie the provider inserted (`itemId`, the message carrying it),
   * at its price. Not optimistic, like a tribute: the purchase shows once the payment went through.
   * Resent with the same `id` it is charged once; an item already bought is refused (`invalid`).
   */
  async buy(conversationId: string, itemId: string, options: { id?: string } = {}): Promise<Message> {
    const message = await this.#request({ type: 'buy', conversationId, id: options.id ?? createId('m'), itemId });
    this.#putMessages(conversationId, [this.#asReceived(message)]);
    return message;
  }

  customerDetails(customerId: string): Promise<CustomerDetails> {
    return this.#request({ type: 'customer-details', customerId });
  }

  setNote(customerId: string, text: string): Promise<CustomerDetails> {
    return this.#request({ type: 'set-note', customerId, text });
  }

  // ---- routing, care, feed, presence ------------------------------------------------------------

  async claim(offerId: string): Promise<Conversation> {
    return this.#putConversation(await this.#request({ type: 'claim', offerId }));
  }

  async decline(offerId: string, options: { goUnavailable?: boolean } = {}): Promise<void> {
    await this.#request({ type: 'decline', offerId, goUnavailable: options.goUnavailable || undefined });
  }

  /** T4: take a missed chat from the team queue. */
  async pickUp(conversationId: string): Promise<Conversation> {
    return this.#putConversation(await this.#request({ type: 'pick-up', conversationId }));
  }

  setAvailable(available: boolean): Promise<Availability> {
    return this.#setAvailability({ type: 'set-available', available });
  }

  async finish(conversationId: string): Promise<Conversation> {
    return this.#putConversation(await this.#request({ type: 'finish', conversationId }));
  }

  async setChatEnabled(channelId: string, enabled: boolean): Promise<boolean> {
    const result = await this.#request({ type: 'set-chat-enabled', channelId, enabled });
    this.#update({ chatEnabled: { ...this.#current.chatEnabled, [channelId]: result } });
    return result;
  }

  analytics(options: { windowMs?: number } = {}): Promise<CareAnalytics> {
    return this.#request({ type: 'analytics', windowMs: options.windowMs || undefined });
  }

  engagementHistory(customerId: string): Promise<unknown[]> {
    return this.#request({ type: 'engagement-history', customerId });
  }

  feed(conversationId: string, options: { filter?: FeedFilter } = {}): Promise<FeedEntry[]> {
    return this.#request({ type: 'feed', conversationId, filter: options.filter || undefined });
  }

  setPresence(presence: Presence): Promise<Presence> {
    return this.#request({ type: 'set-presence', active: presence.active, inLiveSession: presence.inLiveSession });
  }

  // ---- enrolment, status, quiet hours, typing, customer context (P8–P12, T6) ---------------------

  /** P8: customers may start chats with me (providers only). */
  enrol(): Promise<ProviderSettings> {
    return this.#request({ type: 'set-enrolled', enrolled: true });
  }

  /** P8: no new chats; existing ones stay readable. */
  unenrol(): Promise<ProviderSettings> {
    return this.#request({ type: 'set-enrolled', enrolled: false });
  }

  /** P10: one state with `setAvailable`: only `available` members are offered chats. */
  setStatus(status: ProviderStatus): Promise<Availability> {
    return this.#setAvailability({ type: 'set-status', status });
  }

  /** P11: alerts are held inside this daily window (null: none) and summarised when it ends. */
  setQuietHours(quietHours: QuietHours | null): Promise<ProviderSettings> {
    return this.#request({ type: 'set-quiet-hours', quietHours });
  }

  /** D3: my alert channels (push, and when e-mail goes out) in place of the policy's. */
  setNotifications(notifications: ProviderSettings['notifications']): Promise<ProviderSettings> {
    return this.#request({ type: 'set-notifications', notifications });
  }

  settings(): Promise<ProviderSettings> {
    return this.#request({ type: 'settings' });
  }

  /** P9, P10: a provider's (or team's) card; `state.cards[id]` then follows its status live. */
  async providerCard(providerId: string): Promise<ProviderCard> {
    const card = await this.#request({ type: 'provider-card', providerId });
    this.#putCard(card);
    return card;
  }

  /** T6: the customer's query and history, for the provider side of the chat. */
  customerContext(conversationId: string): Promise<CustomerContext> {
    return this.#request({ type: 'customer-context', conversationId });
  }

  /**
   * P12: call on every keystroke: tells the others at most once per `policy.typing.throttleMs`.
   * A signal only: it never rejects (where I may not write, nobody is told).
   */
  async typing(conversationId: string): Promise<void> {
    const now = this.#clock.now();
    if (now < (this.#typedAt.get(conversationId) ?? -Infinity) + (this.#current.policy?.typing.throttleMs ?? 0)) return;
    this.#typedAt.set(conversationId, now);
    await this.#request({ type: 'typing', conversationId }).catch(() => {});
  }

  // ---- internals ------------------------------------------------------------------------------

  #request<T extends CommandType>(command: CommandOf<T>): Promise<CommandResults[T]> {
    // Whatever the transport, a refusal reaches the caller with its human text.
    return this.#transport.request(command).catch(async (error) => {
      throw await withText(error);
    });
  }

  async #setAvailability(command: CommandOf<'set-available' | 'set-status'>): Promise<Availability> {
    const availability = await this.#request(command);
    this.#update({ availability });
    return availability;
  }

  async #sync(): Promise<void> {
    // Until this connection's outbox is sent, a new message waits for it: what was written
    // offline keeps its place before what is written now.
    let sent: () => void;
    if (this.#persistence) this.#outboxSent = new Promise<void>((resolve) => (sent = resolve));
    // Events that land while the snapshot is on its way may be newer than it: they are kept.
    const arrived: ChatEvent[] = (this.#arrived = []);
    try {
      this.#applySnapshot(await this.#request({ type: 'hello' }), arrived);
    } finally {
      if (this.#arrived === arrived) this.#arrived = undefined;
      void this.#persistence?.flush().then(sent!);
    }
  }

  #resend(message: Message, options: { overtake?: boolean } = {}): Promise<Message> {
    // The outbox's own sends wait for nothing.
    this.#resending = true;
    try {
      // A tribute request is its own command, not a `send` draft.
      if (message.kind === 'tribute-request') return this.requestTribute(message.conversationId, { id: message.id, amountCents: message.amountCents, note: message.note });
      const { conversationId, seq: _s, authorId: _a, at: _t, status: _st, error: _e, volley: _v, ...draft } = message;
      return this.send(conversationId, draft as SendDraft, options);
    } finally {
      this.#resending = false;
    }
  }

  #pendingMessage(conversationId: string, draft: MessageDraft & { id: string }): Message {
    return { ...draft, conversationId, seq: 0, authorId: this.#current.me?.id ?? '', at: this.#clock.now(), status: 'pending' } as Message;
  }

  /**
   * Runs an optimistic command and settles its pending message either way; after a reconnect's
   * outbox (which may send it too: the engine stores it once).
   */
  async #deliver(conversationId: string, messageId: string, run: () => Promise<Message>): Promise<Message> {
    const outbox = !this.#resending && this.#outboxSent;
    try {
      await outbox;
      const stored = await run();
      this.#putMessages(conversationId, [this.#asReceived(stored)]);
      return stored;
    } catch (error) {
      const chatError = await withText(isChatError(error) ? error : new ChatError('unavailable'));
      const pending = this.#current.messages[conversationId]?.find((m) => m.id === messageId);
      // An event may have delivered the stored message first: then it was sent after all. With
      // an outbox, an unreachable engine leaves it pending: it goes out when the transport is back.
      if (pending && pending.seq === 0 && !(this.#persistence && chatError.code === 'unavailable')) this.#putMessages(conversationId, [{ ...pending, status: 'failed', error: chatError.toJSON() }]);
      throw chatError;
    }
  }

  /** A message from the engine: mine are `sent`; others carry no delivery state. */
  #asReceived(message: Message, meId = this.#current.me?.id): Message {
    return message.authorId === meId ? { ...message, status: 'sent' } : message;
  }

  #receive(event: ChatEvent): void {
    this.#arrived?.push(event);
    switch (event.type) {
      case 'message': {
        const message = this.#asReceived(event.message);
        const { conversationId, authorId } = message;
        this.#putMessages(conversationId, [message]);
        if (!message.status) {
          // P12: the author's message replaces their typing signal, and the engine learns it arrived.
          this.#setTyping(conversationId, authorId);
          this.#receipt(conversationId, message.seq);
        }
        this.#emitter.emit('message', message);
        break;
      }
      case 'conversation':
        this.#putConversation(event.conversation);
        this.#emitter.emit('conversation', event.conversation);
        break;
      case 'message-deleted':
        this.#removeMessage(event.conversationId, event.messageId);
        this.#emitter.emit('message-deleted', { conversationId: event.conversationId, messageId: event.messageId });
        break;
      case 'offer':
        this.#update({ offers: { ...this.#current.offers, [event.offer.id]: event.offer } });
        this.#emitter.emit('offer', event.offer);
        break;
      case 'offer-closed': {
        const { [event.offerId]: _closed, ...offers } = this.#current.offers;
        this.#update({ offers });
        const { type: _type, ...details } = event;
        this.#emitter.emit('offer-closed', details);
        break;
      }
      case 'availability':
        this.#update({ availability: event.availability });
        this.#emitter.emit('availability', event.availability);
        break;
      case 'blocked':
        this.#update({ blocked: event.userIds });
        break;
      case 'chat-enabled':
        this.#update({ chatEnabled: { ...this.#current.chatEnabled, [event.channelId]: event.enabled } });
        break;
      case 'notice':
        this.#emitter.emit('notice', { code: event.code, message: event.message });
        break;
      case 'card':
        this.#putCard(event.card);
        break;
      case 'typing':
        // Shown for the policy's time on this client's clock, whatever the engine's clock says.
        this.#setTyping(event.conversationId, event.userId, this.#current.policy?.typing.ttlMs);
    }
  }

  #applySnapshot(snapshot: Snapshot, arrived: ChatEvent[]): void {
    this.#persistence?.snapshot(snapshot);
    const conversations: Record<string, Conversation> = {};
    for (const conversation of snapshot.conversations) conversations[conversation.id] = conversation;
    const messages: Record<string, readonly Message[]> = {};
    for (const [id, list] of Object.entries(snapshot.messages)) {
      // Keep my pending and failed messages: they are not on the engine yet.
      const local = (this.#current.messages[id] ?? []).filter((m) => m.seq === 0);
      // The snapshot's `me`: on a first connect `this.#current.me` is not set yet.
      messages[id] = mergeMessages(local, list.map((m) => this.#asReceived(m, snapshot.me.id)));
    }
    const offers: Record<string, Offer> = {};
    for (const offer of snapshot.offers) offers[offer.id] = offer;
    // P12: what arrived unread with the snapshot is delivered; after a reconnect this says the
    // highest again (receipts write no journal row: a restarted server may have lost the last).
    for (const conversation of snapshot.conversations) if (conversation.unread) this.#receipt(conversation.id, conversation.lastSeq);
    this.#update({ connection: 'open', me: snapshot.me, conversations, messages, offers, availability: snapshot.availability, blocked: snapshot.blocked, chatEnabled: snapshot.chatEnabled, policy: snapshot.policy });
    // What arrived while it was on its way, again, in order: the transport hands no message over
    // twice, a deletion stays, and a view that goes further than the snapshot's is the newer one.
    for (const event of arrived) {
      if (event.type === 'message') this.#putMessages(event.message.conversationId, [this.#asReceived(event.message)]);
      else if (event.type === 'message-deleted') this.#removeMessage(event.conversationId, event.messageId);
      else if (event.type === 'conversation' && event.conversation.lastSeq > (conversations[event.conversation.id]?.lastSeq ?? -1)) this.#putConversation(event.conversation);
    }
  }

  #putConversation(conversation: Conversation): Conversation {
    // P12: a receipt never moves backwards, even when an older view arrives late.
    const known = this.#current.conversations[conversation.id];
    for (const key of ['peerDeliveredSeq', 'peerReadSeq'] as const) conversation[key] = Math.max(conversation[key] ?? 0, known?.[key] ?? 0);
    this.#update({ conversations: { ...this.#current.conversations, [conversation.id]: conversation } });
    return conversation;
  }

  /** P12: the engine hears the highest seq received per chat, once per `receiptDelayMs`. */
  #receipt(conversationId: string, seq: number): void {
    if (seq > (this.#receipts.get(conversationId) ?? 0)) this.#receipts.set(conversationId, seq);
    this.#receiptTimer ??= this.#clock.setTimeout(() => {
      this.#receiptTimer = undefined;
      // One not sent (offline) goes with the reconnect's snapshot, which says the highest of every unread chat again.
      for (const [id, at] of this.#receipts) this.#request({ type: 'delivered', conversationId: id, seq: at }).catch(() => {});
      this.#receipts.clear();
    }, this.#receiptDelayMs);
  }

  #putCard(card: ProviderCard): void {
    this.#update({ cards: { ...this.#current.cards, [card.id]: card } });
  }

  /** P12: `userId` types in a chat for `ms` more, or (without `ms`) stopped. */
  #setTyping(conversationId: string, userId: string, ms?: number): void {
    const typing = { ...this.#current.typing[conversationId] };
    const until = ms && this.#clock.now() + ms;
    if (!until && !typing[userId]) return;
    if (until) {
      typing[userId] = until;
      this.#clock.setTimeout(() => this.#current.typing[conversationId]?.[userId] === until && this.#setTyping(conversationId, userId), ms);
    } else delete typing[userId];
    this.#update({ typing: { ...this.#current.typing, [conversationId]: typing } });
  }

  #putMessages(conversationId: string, incoming: Message[]): void {
    const list = mergeMessages(this.#current.messages[conversationId] ?? [], incoming);
    this.#update({ messages: { ...this.#current.messages, [conversationId]: list } });
  }

  #removeMessage(conversationId: string, messageId: string): void {
    const list = this.#current.messages[conversationId];
    if (!list?.some((m) => m.id === messageId)) return;
    this.#update({ messages: { ...this.#current.messages, [conversationId]: list.filter((m) => m.id !== messageId) } });
  }

  #update(patch: Partial<ChatState>): void {
    this.#current = Object.freeze({ ...this.#current, ...patch });
    for (const subscription of [...this.#subscriptions]) {
      if (!this.#subscriptions.has(subscription)) continue;
      const value = subscription.select(this.#current);
      if (subscription.equals(value, subscription.last)) continue;
      const previous = subscription.last;
      subscription.last = value;
      subscription.listener(value, previous);
    }
    this.#emitter.emit('state', this.#current);
  }
}
