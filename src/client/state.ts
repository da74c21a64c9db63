import { mergePolicy, type Policy } from '../model/policy.js';
import type { Availability, Conversation, Message, Offer, ProviderCard, User } from '../model/types.js';

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'closed';

/** One immutable snapshot of what a client knows. Every change makes a new object. */
export interface ChatState {
  readonly connection: ConnectionState;
  readonly me: User | null;
  readonly conversations: Readonly<Record<string, Conversation>>;
  /** Per conversation, in sequence order; my pending messages (seq 0) stay at the end. */
  readonly messages: Readonly<Record<string, readonly Message[]>>;
  readonly offers: Readonly<Record<string, Offer>>;
  readonly availability: Availability;
  readonly blocked: readonly string[];
  readonly chatEnabled: Readonly<Record<string, boolean>>;
  /**
   * The policy of my side, for warnings before sending: a member's party's, a customer's the engine's;
   * null until connected. One chat's own rules: `selectConversationPolicy`.
   */
  readonly policy: Policy | null;
  /** C5: what the composer holds unsent, per conversation (kept across reloads by a `Persistence`). */
  readonly drafts: Readonly<Record<string, Draft>>;
  /** P9, P10: the provider cards this client read, by provider or team id, kept live (status, enrolment). */
  readonly cards: Readonly<Record<string, ProviderCard>>;
  /** P12: per conversation, who else is typing, with when the signal lapses on this client's clock. */
  readonly typing: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** C5: a composer's unsent text and chosen files in one conversation. */
export interface Draft {
  readonly text: string;
  readonly attachments: readonly File[];
}

export const initialState: ChatState = Object.freeze({
  connection: 'idle',
  me: null,
  conversations: {},
  messages: {},
  offers: {},
  availability: { available: true },
  blocked: [],
  chatEnabled: {},
  policy: null,
  drafts: {},
  cards: {},
  typing: {},
});

/**
 * Memo keyed by the input object: a selector that returns the same array while its input is the
 * same object. Keyed weakly rather than on the last argument, so that several clients on one page
 * sharing a module-level selector do not evict each other's result (which would make every
 * subscription of each client fire on unrelated changes).
 */
function memoOn<I extends object, O>(input: (state: ChatState) => I, compute: (value: I) => O): (state: ChatState) => O {
  const cache = new WeakMap<I, O>();
  return (state) => {
    const value = input(state);
    if (!cache.has(value)) cache.set(value, compute(value));
    return cache.get(value)!;
  };
}

const recency = (c: Conversation) => c.lastMessageAt ?? c.createdAt;

/** D2, P7: the chat list: closed chats hidden, unread first, then the most recent. */
export const selectConversationList = memoOn(
  (state) => state.conversations,
  (conversations) =>
    Object.values(conversations)
      .filter((c) => !c.closed)
      .sort((a, b) => Number(b.unread) - Number(a.unread) || recency(b) - recency(a) || a.id.localeCompare(b.id)),
);

/** D2: the one indicator on the menu: any open chat unread. */
export const selectHasUnread = (state: ChatState): boolean => Object.values(state.conversations).some((c) => c.unread && !c.closed);

const NO_MESSAGES: readonly Message[] = Object.freeze([]);

export const selectMessages = (conversationId: string) => (state: ChatState): readonly Message[] =>
  state.messages[conversationId] ?? NO_MESSAGES;

export const selectConversation = (conversationId: string) => (state: ChatState): Conversation | undefined =>
  state.conversations[conversationId];

/** Each chat's merged rules, by the conversation object (a new connection's policy comes with new ones). */
const policies = new WeakMap<Conversation, Policy>();

/**
 * R2: the rules of one chat, which the elements follow (a care channel's chat has no volleys or
 * tributes): the connection's policy with the chat's own product (`Conversation.policy`) merged
 * over it; the connection's when the chat is unknown; null until connected.
 */
export const selectConversationPolicy = (conversationId: string | undefined) => (state: ChatState): Policy | null => {
  const conversation = conversationId ? state.conversations[conversationId] : undefined;
  const base = state.policy;
  if (!base || !conversation?.policy) return base;
  let policy = policies.get(conversation);
  if (!policy) policies.set(conversation, (policy = mergePolicy(base, conversation.policy)));
  return policy;
};

export const selectOffers = memoOn(
  (state) => state.offers,
  (offers) => Object.values(offers).sort((a, b) => a.expiresAt - b.expiresAt),
);

/** Where a message sorts: by sequence number, with my pending ones (seq 0) after all stored ones. */
const order = (m: Message) => (m.seq > 0 ? m.seq : Number.MAX_SAFE_INTEGER);
const before = (a: Message, b: Message) => order(a) - order(b) || a.at - b.at;

/**
 * Inserts or replaces messages by id, keeping sequence order with pending ones last. New
 * messages land at or near the end, so both searches walk back from the end: an append or an
 * ack costs one array copy, not a sort of the whole thread.
 */
export function mergeMessages(list: readonly Message[], incoming: readonly Message[]): Message[] {
  const result = list.slice();
  for (const message of incoming) {
    // A copy of this message is either pending (in the tail) or stored under the same seq, so
    // the walk stops once it passes lower sequence numbers.
    let index = result.length - 1;
    while (index >= 0 && result[index].id !== message.id && (result[index].seq === 0 || (message.seq > 0 && result[index].seq >= message.seq))) index--;
    if (index >= 0 && result[index].id === message.id) result.splice(index, 1);
    let at = result.length;
    while (at > 0 && before(message, result[at - 1]) < 0) at--;
    result.splice(at, 0, message);
  }
  return result;
}
