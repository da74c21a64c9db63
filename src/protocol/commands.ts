import type {
  Availability, CareAnalytics, Conversation, CustomerContext, CustomerDetails, FeedEntry, FeedFilter, Message,
  MessageDraft, Offer, OfferClosedReason, Presence, ProviderCard, ProviderSettings, ProviderStatus, QuietHours, User,
} from '../model/types.js';
import type { ErrorCode } from '../model/errors.js';
import type { Policy } from '../model/policy.js';

/** The protocol version every frame carries. */
export const PROTOCOL_VERSION = 1;

/** A draft with its client-generated id: the idempotency key. */
export type OutgoingMessage = MessageDraft & { id: string };

/** Everything a client can ask of the engine. */
export type Command =
  | { type: 'hello' }
  | { type: 'start'; with: string; orderId?: string }
  | { type: 'send'; conversationId: string; message: OutgoingMessage; overtake?: boolean }
  | { type: 'history'; conversationId: string; beforeSeq?: number; limit?: number }
  | { type: 'mark-read'; conversationId: string }
  | { type: 'delete-message'; conversationId: string; messageId: string }
  | { type: 'close'; conversationId: string }
  | { type: 'block'; userId: string }
  | { type: 'unblock'; userId: string }
  | { type: 'request-tribute'; conversationId: string; id: string; amountCents: number; note?: string }
  | { type: 'send-tribute'; conversationId: string; id: string; amountCents: number; note?: string; requestId?: string }
  /** P3, P4: the customer buys a payment button or goodie (`itemId`, the message carrying it); `id` is the purchase's own id. */
  | { type: 'buy'; conversationId: string; id: string; itemId: string }
  | { type: 'customer-details'; customerId: string }
  | { type: 'set-note'; customerId: string; text: string }
  | { type: 'claim'; offerId: string }
  | { type: 'decline'; offerId: string; goUnavailable?: boolean }
  | { type: 'pick-up'; conversationId: string }
  | { type: 'set-available'; available: boolean }
  | { type: 'finish'; conversationId: string }
  | { type: 'set-chat-enabled'; channelId: string; enabled: boolean }
  | { type: 'analytics'; windowMs?: number }
  | { type: 'engagement-history'; customerId: string }
  | { type: 'feed'; conversationId: string; filter?: FeedFilter }
  | { type: 'set-presence'; active: boolean; inLiveSession: boolean }
  | { type: 'set-enrolled'; enrolled: boolean }
  | { type: 'set-status'; status: ProviderStatus }
  | { type: 'set-quiet-hours'; quietHours: QuietHours | null }
  | { type: 'set-notifications'; notifications: ProviderSettings['notifications'] }
  | { type: 'settings' }
  | { type: 'provider-card'; providerId: string }
  | { type: 'customer-context'; conversationId: string }
  | { type: 'typing'; conversationId: string }
  | { type: 'delivered'; conversationId: string; seq: number };

export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/**
 * What a command leaves for a restart (the server's journal reads this): `read` changes nothing;
 * `ephemeral` changes only what may be lost on a crash (receipts' cursors only grow and the client
 * sends its highest again on connect; a typing signal lapses by itself), so it runs in order with
 * the rest but writes no journal row, and a snapshot carries what it changed; `journaled` is
 * durable before its answer leaves. Typed over every command: a new command must say which.
 */
export type Durability = 'read' | 'ephemeral' | 'journaled';

export const COMMAND_DURABILITY: Readonly<Record<CommandType, Durability>> = {
  hello: 'read', history: 'read', feed: 'read', analytics: 'read', 'customer-details': 'read',
  'engagement-history': 'read', settings: 'read', 'customer-context': 'read',
  delivered: 'ephemeral', typing: 'ephemeral',
  // Journaled although it looks transient: presence decides which alerts are held for a live
  // session's end (D3), and those held alerts live in the engine; a replay that missed it would
  // drop or misroute them. It is sent a few times a session, not per message.
  'set-presence': 'journaled',
  // A card read also makes its reader a watcher of the card's status (P10), which the client does not ask again.
  'provider-card': 'journaled',
  start: 'journaled', send: 'journaled', 'mark-read': 'journaled', 'delete-message': 'journaled', close: 'journaled',
  block: 'journaled', unblock: 'journaled', 'request-tribute': 'journaled', 'send-tribute': 'journaled', buy: 'journaled',
  'set-note': 'journaled', claim: 'journaled', decline: 'journaled', 'pick-up': 'journaled', 'set-available': 'journaled',
  finish: 'journaled', 'set-chat-enabled': 'journaled', 'set-enrolled': 'journaled', 'set-status': 'journaled',
  'set-quiet-hours': 'journaled', 'set-notifications': 'journaled',
};

/** Whether a command of this type goes as a notice (no request id, no reply): the ephemeral ones. */
export const isNotice = (type: unknown): boolean =>
  typeof type === 'string' && Object.hasOwn(COMMAND_DURABILITY, type) && COMMAND_DURABILITY[type as CommandType] === 'ephemeral';


/** What the engine sends a user when they connect: enough to draw every surface. */
export interface Snapshot {
  me: User;
  conversations: Conversation[];
  /** The latest page of each conversation's messages. */
  messages: Record<string, Message[]>;
  offers: Offer[];
  availability: Availability;
  blocked: string[];
  /** K1: the two-way switch of the channels this user belongs to or talks with. */
  chatEnabled: Record<string, boolean>;
  /** The rules in force, so elements can warn before the engine refuses (never to decide). */
  policy: Policy;
}

export interface CommandResults {
  hello: Snapshot;
  start: Conversation;
  send: Message;
  history: Message[];
  'mark-read': Conversation;
  'delete-message': null;
  close: Conversation;
  block: string[];
  unblock: string[];
  'request-tribute': Message;
  'send-tribute': Message;
  buy: Message;
  'customer-details': CustomerDetails;
  'set-note': CustomerDetails;
  claim: Conversation;
  decline: null;
  'pick-up': Conversation;
  'set-available': Availability;
  finish: Conversation;
  'set-chat-enabled': boolean;
  analytics: CareAnalytics;
  'engagement-history': unknown[];
  feed: FeedEntry[];
  'set-presence': Presence;
  'set-enrolled': ProviderSettings;
  'set-status': Availability;
  'set-quiet-hours': ProviderSettings;
  'set-notifications': ProviderSettings;
  settings: ProviderSettings;
  'provider-card': ProviderCard;
  'customer-context': CustomerContext;
  typing: null;
  delivered: null;
}

/** What the engine pushes to a connected user. */
export type ChatEvent =
  | { type: 'message'; message: Message }
  | { type: 'conversation'; conversation: Conversation }
  | { type: 'message-deleted'; conversationId: string; messageId: string }
  | { type: 'offer'; offer: Offer }
  | { type: 'offer-closed'; offerId: string; conversationId: string; reason: OfferClosedReason; claimedBy?: string }
  | { type: 'availability'; availability: Availability }
  | { type: 'blocked'; userIds: string[] }
  | { type: 'chat-enabled'; channelId: string; enabled: boolean }
  /** P10, P8: a card the user read changed (status or enrolment). */
  | { type: 'card'; card: ProviderCard }
  /** P12: someone else is typing in a chat; the signal lapses at `expiresAt` unless renewed. */
  | { type: 'typing'; conversationId: string; userId: string; expiresAt: number }
  | { type: 'notice'; code: ErrorCode | 'offline-storage' | 'notification'; message: string };
