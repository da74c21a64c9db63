import type { Policy } from '../model/policy.js';
import type {
  AccountState, Availability, Conversation, ConversationStatus, Message, Presence, ProviderStatus, QuietHours, SystemNoticeCode, User,
} from '../model/types.js';
import type { ChatEvent } from '../protocol/commands.js';
import type { VolleyWindow } from '../rules/volley.js';
import type { HistoryAdapter, Notification } from './adapters.js';
import type { Clock } from './clock.js';

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
}

export interface ConversationRecord {
  id: string;
  customerId: string;
  providerId: string;
  orderId?: string;
  createdAt: number;
  messages: Message[];
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
  deletedBy: Map<string, Set<string>>;
}

/** The engine as a lazily loaded part (the routing desk) sees it: state lookups and effects. */
export interface EngineKernel {
  readonly policy: Policy;
  readonly clock: Clock;
  createId(prefix: string): string;
  user(id: string): UserRecord | undefined;
  conversation(id: string): ConversationRecord | undefined;
  staffOf(party: string): string[];
  pairConversations(customerId: string, party: string): ConversationRecord[];
  emitTo(userIds: Iterable<string>, event: ChatEvent): void;
  emitConversation(conversation: ConversationRecord): void;
  appendSystemNotice(conversation: ConversationRecord, code: SystemNoticeCode): void;
  deliver(notification: Notification): void;
  view(conversation: ConversationRecord, user: UserRecord): Conversation;
  availabilityOf(user: UserRecord): Availability;
  partiesOf(user: UserRecord): string[];
  resolveParty(id: string): string | undefined;
  /** Redraws every view of the chats of the parties a user acts for (who may send changed). */
  refreshParty(userId: string): void;
  holdInApp(notification: Notification): void;
  readonly history?: HistoryAdapter;
}
