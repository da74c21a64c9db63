import type { ErrorCode } from './errors.js';
import type { PolicyOverrides } from './policy.js';
import type { Role } from './roles.js';

export type { Role } from './roles.js';
export type { AccountState } from './policy.js';
export type ProviderStatus = 'available' | 'away' | 'offline';

export interface User {
  id: string;
  role: Role;
  name?: string;
  /** Agents and admins act for the provider or team with this id; a provider may name its team. */
  teamId?: string;
  /** P8, providers only: customers may start chats. Enrolled unless set to false (or un-enrolled). */
  enrolled?: boolean;
  /**
   * R2, providers only: the product this party plays (a preset, or a few families), merged over the
   * engine's policy for its conversations and its team. Kept when a later upsert does not name one.
   */
  policy?: PolicyOverrides;
}

/** One attachment as a message carries it. `head` is the file's first bytes, base64, for the type check. */
export interface Attachment {
  name: string;
  size: number;
  mime?: string;
  url?: string;
  head?: string;
}

export interface PaymentButton { id: string; title: string; amountCents: number; url?: string }
export interface Goodie { id: string; title: string; amountCents?: number; url?: string }
export interface Engagement { id: string; type: 'coupon' | 'promo' | 'message'; title: string; code?: string; url?: string }

/** What a client asks to send. Every draft carries its own client id once the client has made one. */
export type MessageDraft =
  | { kind: 'text'; text: string }
  | { kind: 'attachment'; attachment: Attachment; text?: string }
  | { kind: 'payment-button'; button: PaymentButton; text?: string }
  | { kind: 'goodie'; goodie: Goodie; text?: string }
  | { kind: 'engagement'; engagement: Engagement; text?: string };

export type MessageKind =
  | MessageDraft['kind']
  | 'tribute-request'
  | 'tribute'
  | 'purchase'
  | 'order'
  | 'system';

export type SystemNoticeCode = 'offer-missed' | 'chat-finished' | 'reopened' | 'claimed' | 'taken-over';

interface MessageBase {
  /** Client-generated: the idempotency key of the send. */
  id: string;
  conversationId: string;
  /** Per conversation, from 1, no gaps: the total order. */
  seq: number;
  authorId: string;
  at: number;
  /** On a provider message that made a volley (P1). */
  volley?: true;
  /** Client side only: the delivery state of my own message. */
  status?: 'pending' | 'sent' | 'failed';
  error?: { code: ErrorCode; message: string };
}

export type Message = MessageBase &
  (
    | MessageDraft
    | { kind: 'tribute-request'; amountCents: number; note?: string }
    | { kind: 'tribute'; amountCents: number; note?: string; requestId?: string }
    /** P3, P4: the customer bought the payment button or goodie `itemId` (a message of this chat), at its price. */
    | { kind: 'purchase'; itemId: string; title: string; amountCents: number }
    | { kind: 'order'; order: Order }
    /** `by` and `from` (user ids): who took the chat over from whom (`taken-over`, K3). */
    | { kind: 'system'; code: SystemNoticeCode; text: string; by?: string; from?: string }
  );

export type ConversationStatus = 'unanswered' | 'active' | 'finished';

/** A conversation as one user sees it. */
export interface Conversation {
  id: string;
  participantIds: string[];
  /** Display names of the participants that have one, by id (a team shows its provider's name). */
  names: Record<string, string>;
  customerId: string;
  /** The provider, channel or team the customer talks to. */
  providerId: string;
  /** Set when the conversation is scoped to one order (M1); absent for the pre-order inbox. */
  orderId?: string;
  /** The order's title, as the host recorded it, when the conversation is scoped to one. */
  orderTitle?: string;
  /**
   * R2: the provider's own product policy, when it has one: the rules of this chat are the
   * connection's `policy` with these families merged over it (`conversationPolicy`).
   */
  policy?: PolicyOverrides;
  status?: ConversationStatus;
  ownerId?: string;
  /** The team queue holds it: nobody claimed it in time (T4). */
  queued?: boolean;
  unread: boolean;
  closed: boolean;
  createdAt: number;
  lastMessageAt?: number;
  lastSeq: number;
  /** Why I cannot send here right now (blocked, disabled, a send limit…): the composer mirrors it. */
  refusal?: ErrorCode;
  /**
   * P12: how far the other side got (the provider side counts as one: its furthest member). My
   * messages with `seq` up to `peerReadSeq` are read, up to `peerDeliveredSeq` delivered. Never
   * move backwards; `peerDeliveredSeq >= peerReadSeq`. The engine always sets both (absent reads as 0).
   */
  peerDeliveredSeq?: number;
  peerReadSeq?: number;
}

export interface Offer {
  id: string;
  conversationId: string;
  customer: { id: string; name?: string; returning: boolean };
  /** How many members this chat was offered to. */
  offeredTo: number;
  expiresAt: number;
}

export type OfferClosedReason = 'claimed' | 'claimed-by-other' | 'declined' | 'missed';

/**
 * A member's own availability (T3, T5, P10), one state with its status: `available` ⇔ status
 * `available`; unavailable is `away`, or `offline` when the member chose it (`offline: true`).
 * Routing offers go only to available members; T5 and "decline and go unavailable" make one away.
 */
export interface Availability { available: boolean; reason?: 'missed-in-a-row' | 'declined'; offline?: true }

/** P11: a daily window in the user's time zone (`HH:MM`, 24 h; may cross midnight) when alerts are held. */
export interface QuietHours { start: string; end: string; timeZone: string }

/** P8, P10, P11: the provider side's own settings, as `settings` and the commands that change them answer. */
export interface ProviderSettings {
  /** P8: customers may start chats (providers only; a member answers for its provider). */
  enrolled: boolean;
  status: ProviderStatus;
  quietHours: QuietHours | null;
  /** P11: when the quiet window in progress ends (then the held alerts go out as a summary). */
  quietUntil?: number;
  /** D3: the alert rules in force, which quiet hours hold back. */
  notifications: { push: boolean; email: 'always' | 'when-away' | 'never' };
}

/** P9, P10: what a customer may see of a provider (or team) before and while chatting. */
export interface ProviderCard {
  /** The provider or team id (an agent's id resolves to the party it acts for). */
  id: string;
  name?: string;
  /**
   * A provider's own status; for a team or channel without a person of its own, its best status
   * (`available` when any of its people is).
   */
  status: ProviderStatus;
  /** A provider with a team: the team's best status (its members but her), shown apart from hers. */
  teamStatus?: ProviderStatus;
  enrolled: boolean;
  /** P1: what each volley costs, when the policy has volleys. */
  volleyCents?: number;
  /** The caller's pre-order chat with this party, if there is one (the card reopens it). */
  conversationId?: string;
}

/** T6: what the host knows of a customer's query and history, for the member who took the chat. */
export interface CustomerContext {
  customerId: string;
  /** The host's record of what the customer came for, else the customer's first text in the chat. */
  query?: string;
  history?: unknown[];
}

export interface Order {
  id: string;
  customerId: string;
  providerId: string;
  title: string;
  amountCents: number;
  at: number;
}

export interface Presence { active: boolean; inLiveSession: boolean }

export interface CustomerDetails {
  customer: { id: string; name?: string };
  firstContactAt?: number;
  lastMessageAt?: number;
  volleys: number;
  tributes: { count: number; totalCents: number };
  note: string;
}

export type FeedFilter = 'all' | 'orders' | 'messages';
export type FeedEntry = { type: 'order'; at: number; order: Order } | { type: 'message'; at: number; message: Message };

export interface CareAnalytics {
  finished: number;
  active: number;
  answered: number;
  averageResponseMs: number | null;
  averageHandlingMs: number | null;
}
