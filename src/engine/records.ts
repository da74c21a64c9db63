import { ChatError } from '../model/errors.js';
import type { Policy } from '../model/policy.js';
import type {
  AccountState, Availability, Conversation, ConversationStatus, Message, Presence, ProviderStatus, QuietHours, SystemNoticeCode, User,
} from '../model/types.js';
import type { ChatEvent, Command } from '../protocol/commands.js';
import type { VolleyWindow } from '../rules/volley.js';
import type { HistoryAdapter, Notification, PaymentsAdapter } from './adapters.js';
import type { BlockDesk } from './block-desk.js';
import type { CareDesk } from './care-desk.js';
import type { Clock, TimerId } from '../model/clock.js';
import type { CustomerDesk } from './customer-desk.js';
import type { PresenceDesk } from './presence-desk.js';
import type { RoutingDesk } from './routing-desk.js';
import type { MessageStore } from './store.js';
import type { TributeDesk } from './tribute-desk.js';

/** The engine's internal records, and what its lazily loaded parts may reach of it. */

export type Side = 'customer' | 'provider';

export interface UserRecord extends User {
  accountState: AccountState;
  /** P10 and routing availability in one (T3, T5): offers go only to `available` members. */
  status: ProviderStatus;
  unavailableReason?: Availability['reason'];
  missStreak: number;
  presence: Presence;
  /** P11: alerts are held inside this daily window. */
  quietHours?: QuietHours;
  /** D3: the alert channels this user chose, in place of the policy's. */
  notifications?: Policy['notifications'];
}

export interface ConversationRecord {
  id: string;
  customerId: string;
  providerId: string;
  orderId?: string;
  createdAt: number;
  /** The seq of the last message (the count of messages: seq has no gaps), and when it was written. */
  lastSeq: number;
  lastAt?: number;
  /**
   * The latest messages, at most the engine's `tailSize` (every message when the store cannot read
   * them back): what hello pages, views and recent lookups read. The rest is in the store.
   */
  tail: Message[];
  /** Facts of the whole history that desks read instead of scanning it (made with the first message a user writes). */
  facts?: MessageFacts;
  volley: VolleyWindow;
  /** D4: provider-side messages since the customer last wrote or ordered. */
  unansweredInRow: number;
  customerHasWritten: boolean;
  status?: ConversationStatus;
  ownerId?: string;
  queued: boolean;
  /** An offer went out for this chat (T1): later messages do not route it again. */
  routed: boolean;
  /** K2, K5: when the agent took the chat, and since when the follower waits for a reply. */
  takenAt?: number;
  waitingSince?: number;
  closedBy: Set<string>;
  readSeq: Map<string, number>;
  /** P12: the furthest seq each user's client received; only grows. */
  deliveredSeq: Map<string, number>;
  /** C4: the seqs of the messages each user deleted (hidden from that user only). */
  deletedBy: Map<string, Set<number>>;
  /** Everyone who wrote here: their names stay in the views after they stop taking part (K3). */
  writers: Set<string>;
}

/** What the desks know of a chat's whole history without reading it (kept as each message is committed). */
export interface MessageFacts {
  /** P5: when the customer first wrote; how many volleys; tributes paid, and their total. */
  firstCustomerAt?: number;
  volleys: number;
  tributes: number;
  tributeCents: number;
  /** T6: the customer's first text message, the chat's opening query. */
  openingId?: string;
  /** P3: the items bought here (each is bought once). */
  purchased: string[];
}

/** The engine as its lazily loaded parts (the desks) see it: state lookups and effects. */
export interface EngineKernel {
  /** The engine's own policy; a chat's rules are `policyOf` it, a member's `policyOfUser`. */
  readonly policy: Policy;
  /** R2: the rules of this conversation: its party's product merged over the engine's policy. */
  policyOf(conversation: ConversationRecord): Policy;
  /** The policy of the party a member acts for (the engine's for a customer: no party, no policy of its own). */
  policyOfUser(user: UserRecord): Policy;
  readonly clock: Clock;
  createId(prefix: string): string;
  user(id: string): UserRecord | undefined;
  conversation(id: string): ConversationRecord | undefined;
  staffOf(party: string): string[];
  pairConversations(customerId: string, party: string): ConversationRecord[];
  emitTo(userIds: Iterable<string>, event: ChatEvent): void;
  emitConversation(conversation: ConversationRecord): void;
  appendSystemNotice(conversation: ConversationRecord, code: SystemNoticeCode, text: string, fields?: { by?: string; from?: string }): void;
  deliver(notification: Notification): void;
  view(conversation: ConversationRecord, user: UserRecord): Conversation;
  availabilityOf(user: UserRecord): Availability;
  partiesOf(user: UserRecord): string[];
  resolveParty(id: string): string | undefined;
  /** Redraws every view of the chats of the parties a user acts for (who may send changed). */
  refreshParty(userId: string): void;
  /** Redraws every view of a customer's chats with a party (or the party an agent acts for). */
  refreshPair(customerId: string, party: string): void;
  /** D3: per user, the in-app alerts held during a live session (see `holdInApp` in after-message.ts). */
  readonly heldInApp: Map<string, Notification[]>;
  readonly history?: HistoryAdapter;
  readonly payments: PaymentsAdapter;
  /** K1: each party's two-way switch (absent: on); the send rules read it. */
  readonly chatEnabled: Map<string, boolean>;
  /** Every chat of a customer or a party. */
  conversationsOf(party: string): ConversationRecord[];
  /** Where the engine reads messages back (see message-reads.ts). */
  readonly reads: MessageStore;
  /** The chat if this user may see it, else not-found. */
  visible(user: UserRecord, conversationId: string): ConversationRecord;
  /** The path of every command that makes a message: see `Composing`. */
  compose(user: UserRecord, conversationId: string, id: string, make: (composing: Composing) => Promise<Message>): Promise<Message>;
  /** The desks loaded so far: each takes its slot when it opens. */
  readonly desks: {
    routing?: RoutingDesk;
    presence?: PresenceDesk;
    care?: CareDesk;
    customer?: CustomerDesk;
    tribute?: TributeDesk;
    block?: BlockDesk;
  };
}

/**
 * A message-making command's turn (C3: one id stored once; a chat's commands run in turn): its
 * visible chat, the rules every message obeys, and the commit. Nothing may await between the
 * checks and `commit`, so no other command changes what the checks read.
 */
export interface Composing {
  conversation: ConversationRecord;
  side: Side;
  /** P6, K1, D4, M2: throws the refusal that applies to a message with these texts, if any. */
  maySend(texts: (string | undefined)[]): void;
  commit(fields: Partial<Message>): Promise<Message>;
}

/**
 * After a restore: binds `callback` to the countdown a desk saved as `id` (due at `dueAt`) and
 * returns its id (the same on a `RestorableClock`, a new one on any other clock).
 */
export type ResumeTimer = (id: TimerId, dueAt: number, callback: () => void) => TimerId;

/** A rule family the engine loads on first use: it answers its own commands. */
export interface Desk {
  execute(user: UserRecord, command: Command): unknown;
  dispose?(): void;
  /** Its state for a snapshot: plain data (maps, sets, arrays, objects), read before the engine runs again. */
  exportState(): unknown;
  /** A fresh desk takes what `exportState` gave, before any command; countdowns are bound again through `resume`. */
  restoreState(state: unknown, resume: ResumeTimer): void;
}

// Refusals the engine and its desks share.

export const notFound = (what: string) => new ChatError('not-found', `${what} was not found.`);

/** C3: a message id stored (or being stored) by another author, or in another chat. */
export const reused = () => new ChatError('invalid', 'This message id is already used.');

/** M2: whether a text holds contact details the chat's policy refuses. */
export type ContactCheck = (text: string) => boolean;

export function checkLength(text: string | undefined, max: number): void {
  if (text !== undefined && text.length > max) throw new ChatError('too-long', `Messages can be at most ${max} characters.`);
}
