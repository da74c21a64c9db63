import type { Message } from '../model/types.js';
import { decideNotification } from '../rules/notify.js';
import type { ConversationRecord, EngineKernel } from './records.js';

/**
 * D3: the alerts a new message raises for each recipient, as the decision table allows (P11: the
 * presence desk holds those inside quiet hours). The engine loads this module with the first
 * message a user writes, before the message's checks, so the commit raises them at once.
 */
export function notifyRecipients(kernel: EngineKernel, conversation: ConversationRecord, message: Message): void {
  const recipients = message.authorId === conversation.customerId
    ? (conversation.ownerId ? [conversation.ownerId] : kernel.staffOf(conversation.providerId))
    : [conversation.customerId];
  for (const userId of recipients) {
    if (userId === message.authorId) continue;
    const recipient = kernel.user(userId);
    if (!recipient) continue;
    const decision = decideNotification(recipient.presence, recipient.notifications ?? kernel.policy.notifications);
    const base = { userId, kind: 'message' as const, conversationId: conversation.id, messageIds: [message.id] };
    if (kernel.desks.presence?.hold(recipient, decision, base)) continue;
    if (decision.inApp === 'hold') kernel.holdInApp({ ...base, channel: 'in-app' });
    else kernel.deliver({ ...base, channel: 'in-app' });
    if (decision.push) kernel.deliver({ ...base, channel: 'push' });
    if (decision.email) kernel.deliver({ ...base, channel: 'email' });
  }
}
