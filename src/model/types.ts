import type { ErrorCode } from './errors.js';

export type Role = 'customer' | 'provider' | 'agent' | 'admin';
export type AccountState = 'ok' | 'suspended' | 'rejected' | 'needs-improvement';
export type ProviderStatus = 'available' | 'away' | 'offline';

export interface User {
  id: string;
  role: Role;
  name?: string;
  /** Agents and admins act for the provider or team with this id; a provider may name its team. */
  teamId?: string;
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
  | 'order'
  | 'system';

export type SystemNoticeCode = 'offer-missed' | 'chat-finished' | 'reopened' | 'claimed';

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
    | { kind: 'order'; order: Order }
    | { kind: 'system'; code: SystemNoticeCode; text: string }
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

export interface Availability { available: boolean; reason?: 'missed-in-a-row' | 'declined' }

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
