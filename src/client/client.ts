import { createNanoEvents } from 'nanoevents';
import { ChatError, isChatError } from '../model/errors.js';
import { createId } from '../model/ids.js';
import type {
  Availability, CareAnalytics, Conversation, CustomerDetails, FeedEntry, FeedFilter, Message, MessageDraft, Offer,
  OfferClosedReason, Presence,
} from '../model/types.js';
import type { ChatEvent, CommandOf, CommandResults, CommandType, Snapshot } from '../protocol/commands.js';
import type { Transport } from '../transport/transport.js';
import { SystemClock, type Clock } from '../engine/clock.js';
import { initialState, mergeMessages, type ChatState } from './state.js';

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
}

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
  #current: ChatState = initialState;

  constructor(options: ChatClientOptions) {
    if (!options?.transport) throw new ChatError('invalid', 'A ChatClient needs a transport.');
    this.#transport = options.transport;
    this.#clock = options.clock ?? new SystemClock();
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
    try {
      await this.#transport.connect((event) => this.#receive(event));
      this.#applySnapshot(await this.#transport.request({ type: 'hello' }));
    } catch (error) {
      this.#update({ connection: 'closed' });
      throw error;
    }
    return this.#current;
  }

  disconnect(): void {
    this.#transport.disconnect();
    this.#update({ connection: 'closed' });
  }

  // ---- conversations and messages -----------------------------------------------------------

  async startConversation(options: { with: string; orderId?: string }): Promise<Conversation> {
    const conversation = await this.#request({ type: 'start', with: options.with, ...(options.orderId ? { orderId: options.orderId } : {}) });
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
      this.#request({ type: 'send', conversationId, message, ...(options.overtake ? { overtake: true } : {}) }));
  }

  /** Sends a failed message again with the same id: the engine stores it at most once. */
  retry(conversationId: string, messageId: string, options: { overtake?: boolean } = {}): Promise<Message> {
    const failed = this.#current.messages[conversationId]?.find((m) => m.id === messageId);
    if (!failed || failed.status !== 'failed') return Promise.reject(new ChatError('not-found', 'There is no failed message to retry.'));
    // A tribute request is its own command, not a `send` draft.
    if (failed.kind === 'tribute-request') return this.requestTribute(conversationId, { id: failed.id, amountCents: failed.amountCents, ...(failed.note ? { note: failed.note } : {}) });
    const { conversationId: _c, seq: _s, authorId: _a, at: _t, status: _st, error: _e, volley: _v, ...draft } = failed;
    return this.send(conversationId, draft as SendDraft, options);
  }

  async loadOlder(conversationId: string, limit?: number): Promise<Message[]> {
    const first = this.#current.messages[conversationId]?.find((m) => m.seq > 0);
    const page = await this.#request({ type: 'history', conversationId, ...(first ? { beforeSeq: first.seq } : {}), ...(limit ? { limit } : {}) });
    this.#putMessages(conversationId, page.map((m) => this.#asReceived(m)));
    return page;
  }

  async markRead(conversationId: string): Promise<Conversation> {
    const conversation = this.#current.conversations[conversationId];
    if (conversation?.unread) this.#putConversation({ ...conversation, unread: false });
    return this.#putConversation(await this.#request({ type: 'mark-read', conversationId }));
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
      this.#request({ type: 'request-tribute', conversationId, id, amountCents: options.amountCents, ...(options.note ? { note: options.note } : {}) }));
  }

  /** P4: not optimistic: the tribute shows only once the payment went through. */
  async sendTribute(conversationId: string, options: { amountCents: number; note?: string; requestId?: string; id?: string }): Promise<Message> {
    const message = await this.#request({
      type: 'send-tribute', conversationId, id: options.id ?? createId('m'), amountCents: options.amountCents,
      ...(options.note ? { note: options.note } : {}), ...(options.requestId ? { requestId: options.requestId } : {}),
    });
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
    await this.#request({ type: 'decline', offerId, ...(options.goUnavailable ? { goUnavailable: true } : {}) });
  }

  /** T4: take a missed chat from the team queue. */
  async pickUp(conversationId: string): Promise<Conversation> {
    return this.#putConversation(await this.#request({ type: 'pick-up', conversationId }));
  }

  async setAvailable(available: boolean): Promise<Availability> {
    const availability = await this.#request({ type: 'set-available', available });
    this.#update({ availability });
    return availability;
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
    return this.#request({ type: 'analytics', ...(options.windowMs ? { windowMs: options.windowMs } : {}) });
  }

  engagementHistory(customerId: string): Promise<unknown[]> {
    return this.#request({ type: 'engagement-history', customerId });
  }

  feed(conversationId: string, options: { filter?: FeedFilter } = {}): Promise<FeedEntry[]> {
    return this.#request({ type: 'feed', conversationId, ...(options.filter ? { filter: options.filter } : {}) });
  }

  setPresence(presence: Presence): Promise<Presence> {
    return this.#request({ type: 'set-presence', active: presence.active, inLiveSession: presence.inLiveSession });
  }

  // ---- internals ------------------------------------------------------------------------------

  #request<T extends CommandType>(command: CommandOf<T>): Promise<CommandResults[T]> {
    return this.#transport.request(command);
  }

  #pendingMessage(conversationId: string, draft: MessageDraft & { id: string }): Message {
    return { ...draft, conversationId, seq: 0, authorId: this.#current.me?.id ?? '', at: this.#clock.now(), status: 'pending' } as Message;
  }

  /** Runs an optimistic command and settles its pending message either way. */
  async #deliver(conversationId: string, messageId: string, run: () => Promise<Message>): Promise<Message> {
    try {
      const stored = await run();
      this.#putMessages(conversationId, [this.#asReceived(stored)]);
      return stored;
    } catch (error) {
      const chatError = isChatError(error) ? error : new ChatError('unavailable');
      const pending = this.#current.messages[conversationId]?.find((m) => m.id === messageId);
      // An event may have delivered the stored message first: then it was sent after all.
      if (pending && pending.seq === 0) this.#putMessages(conversationId, [{ ...pending, status: 'failed', error: chatError.toJSON() }]);
      throw chatError;
    }
  }

  /** A message from the engine: mine are `sent`; others carry no delivery state. */
  #asReceived(message: Message, meId = this.#current.me?.id): Message {
    return message.authorId === meId ? { ...message, status: 'sent' } : message;
  }

  #receive(event: ChatEvent): void {
    switch (event.type) {
      case 'message': {
        const message = this.#asReceived(event.message);
        this.#putMessages(message.conversationId, [message]);
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
    }
  }

  #applySnapshot(snapshot: Snapshot): void {
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
    this.#update({ connection: 'open', me: snapshot.me, conversations, messages, offers, availability: snapshot.availability, blocked: snapshot.blocked, chatEnabled: snapshot.chatEnabled, policy: snapshot.policy });
  }

  #putConversation(conversation: Conversation): Conversation {
    this.#update({ conversations: { ...this.#current.conversations, [conversation.id]: conversation } });
    return conversation;
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
