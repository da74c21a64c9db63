import type { ErrorCode } from '../model/errors.js';
import type { Policy } from '../model/policy.js';
import type { AccountState } from '../model/types.js';
import type { ContactFinding } from './contact-guard.js';

/** Everything the send rules look at, gathered by the engine (or by the composer, to warn early). */
export interface SendContext {
  /** `provider` covers the provider and its agents and admins. */
  side: 'customer' | 'provider';
  /** Either party has blocked the other (P6). */
  blocked: boolean;
  /** K1: the channel's two-way chat switch. */
  chatEnabled: boolean;
  /** C1: the customer has written in this conversation. */
  customerHasWritten: boolean;
  /** D4: the provider's account state. */
  accountState: AccountState;
  /** D4: the customer left a negative review of the provider. */
  negativeReview: boolean;
  /** D4: provider messages since the customer last wrote or ordered. */
  unansweredInRow: number;
  /** M1: the conversation is scoped to an order. */
  inOrder: boolean;
  /** P8: false when the provider un-enrolled: its chats stay readable, customers cannot write. */
  enrolled?: boolean;
}

export interface SendRefusal { code: ErrorCode; findings?: ContactFinding[] }

/**
 * Why a message may not be sent, or null when it may. The first rule that refuses wins, in an
 * order that tells the user the most useful reason first.
 */
export function sendRefusal(context: SendContext, policy: Policy): SendRefusal | null {
  if (context.blocked) return { code: 'blocked' };
  if (context.side === 'customer') {
    if (!context.chatEnabled) return { code: 'chat-disabled' };
    if (context.enrolled === false) return { code: 'not-enrolled' };
    return null;
  }
  if (policy.initiation.customerMustInitiate && !context.customerHasWritten) return { code: 'customer-must-initiate' };
  const limits = policy.sendLimits;
  if (limits.enabled) {
    if (limits.restrictedAccountStates.includes(context.accountState)) return { code: 'account-restricted' };
    if (limits.blockOnNegativeReview && context.negativeReview) return { code: 'negative-review' };
    if (context.unansweredInRow >= limits.maxUnanswered) return { code: 'unanswered-limit' };
  }
  return null;
}
