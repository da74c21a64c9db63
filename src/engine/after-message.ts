import type { Emitter } from 'nanoevents';
import type { Message } from '../model/types.js';
import { decideNotification } from '../rules/notify.js';
import type { EngineEvents } from './engine.js';
import type { ConversationRecord, EngineKernel } from './records.js';

// What follows a committed message. The engine loads this module with the first message a user
// writes, before the message's checks, so the commit applies it at once.

/**
 * C3: the committed message with this id in any chat, as far as the engine has seen it committed
 * (a server replaying its journal has later messages in its store already).
 */
export function stored(kernel: EngineKernel, id: string): Message | undefined | Promise<Message | undefined> {
  const seen = (message: Message | undefined) => {
    const conversation = message && kernel.conversation(message.conversationId);
    return conversation && message!.seq <= conversation.lastSeq ? message : undefined;
  };
  const message = kernel.reads.messageById(id);
  return message instanceof Promise ? message.then(seen) : seen(message);
}

/** What the desks read of a chat's whole history (P3, P5, T6), kept as each message a user writes is committed. */
export function noteFacts(conversation: ConversationRecord, message: Message): void {
  const facts = (conversation.facts ??= { volleys: 0, tributes: 0, tributeCents: 0, purchased: [] });
  if (message.authorId === conversation.customerId) {
    if (facts.firstCustomerAt === undefined || message.at < facts.firstCustomerAt) facts.firstCustomerAt = message.at;
    if (facts.openingId === undefined && message.kind === 'text') facts.openingId = message.id;
  }
  if (message.volley) facts.volleys++;
  if (message.kind === 'tribute') {
    facts.tributes++;
    facts.tributeCents += message.amountCents;
  }
  if (message.kind === 'purchase') facts.purchased.push(message.itemId);
}

/** D3: the alerts a new message raises for each recipient, as the decision table allows (P11: the presence desk holds those inside quiet hours). */
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

/** P1: a volley earns: the host hears of it, and the customer is charged (a refusal is reported, the message stands). */
export function reportVolley(kernel: EngineKernel, emitter: Emitter<EngineEvents>, conversation: ConversationRecord, message: Message): void {
  const earningsCents = kernel.policyOf(conversation).volley.earningsCents;
  const { id: conversationId, providerId, customerId } = conversation;
  emitter.emit('volley', { conversationId, messageId: message.id, providerId, customerId, earningsCents });
  kernel.payments
    .charge({ reason: 'volley', payerId: customerId, payeeId: providerId, amountCents: earningsCents, conversationId, messageId: message.id })
    .catch((cause) => emitter.emit('adapter-error', { adapter: 'payments', cause }));
}
