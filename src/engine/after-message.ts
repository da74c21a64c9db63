import type { Emitter } from 'nanoevents';
import { ChatError, type ErrorCode } from '../model/errors.js';
import { loadOnce } from '../model/load-once.js';
import type { Message } from '../model/types.js';
import type { CommandOf } from '../protocol/commands.js';
import { STAFF_KINDS } from '../protocol/shapes.js';
import { decideNotification } from '../rules/notify.js';
import { isVolley, nextVolleyWindow } from '../rules/volley.js';
import type { Notification } from './adapters.js';
import type { EngineEvents } from './engine.js';
import { checkLength, reused, type Composing, type ContactCheck, type ConversationRecord, type EngineKernel, type Side, type UserRecord } from './records.js';

// A message's checks and commit, and what follows a committed message. The engine loads this
// module with the first message a user writes, before the message's checks, so the commit
// applies it at once.

const loadAttachmentCheck = loadOnce(() => import('./attachment-check.js'));

/**
 * A message-making command in the chat's turn, once what its checks need has loaded. C3: an id
 * already stored returns its message to its author and stores nothing new; else `make` checks the
 * command (with the rules every message obeys: the send refusal in force, M2 contact details) and
 * commits it.
 */
export async function compose(
  kernel: EngineKernel, emitter: Emitter<EngineEvents>, user: UserRecord, conversation: ConversationRecord, side: Side, id: string,
  make: (composing: Composing) => Promise<Message>,
  { refusal, hasContact, record }: { refusal(): ErrorCode | undefined; hasContact?: ContactCheck; record(fields: Partial<Message>): Message | Promise<Message> },
): Promise<Message> {
  const known = await stored(kernel, id);
  if (known) {
    if (known.authorId === user.id && known.conversationId === conversation.id) return known;
    throw reused();
  }
  return make({
    conversation,
    side,
    maySend: (texts) => {
      const code = refusal();
      if (code) throw new ChatError(code);
      if (hasContact && texts.some((text) => text && hasContact(text))) throw new ChatError('contact-info');
    },
    commit: (fields) => commitMessage(kernel, emitter, record, conversation, user, side, { id, ...fields }),
  });
}

/** A send's own checks (who may send its kind, M1 its length, K6 its attachment), then the rules every message obeys, then its commit. */
export async function send(kernel: EngineKernel, user: UserRecord, command: CommandOf<'send'>, { conversation, side, maySend, commit }: Composing): Promise<Message> {
  const draft = command.message;
  // Load what the checks need first: from here to the commit nothing awaits.
  const attachments = draft.kind === 'attachment' ? await loadAttachmentCheck() : undefined;
  const policy = kernel.policyOf(conversation);
  if (STAFF_KINDS.includes(draft.kind) && side === 'customer') throw new ChatError('forbidden', 'Only the provider can send this kind of message.');
  checkLength(draft.text, policy.messages.maxTextLength);
  if (draft.kind === 'attachment') attachments!.checkMessageAttachment(draft.attachment, policy.attachments);
  maySend([draft.text, draft.kind === 'attachment' ? draft.attachment.name : undefined]);
  // K3: the care desk is loaded whenever the policy runs care.
  if (side === 'provider' && policy.care.enabled) kernel.desks.care!.checkOwnership(conversation, user, command.overtake === true);
  return commit(draft as Partial<Message>);
}

/**
 * Commits a validated message (`record` gives it the chat's next seq once the store has it),
 * then applies everything that follows from it.
 */
async function commitMessage(
  kernel: EngineKernel, emitter: Emitter<EngineEvents>, record: (fields: Partial<Message>) => Message | Promise<Message>,
  conversation: ConversationRecord, author: UserRecord, side: Side, fields: Partial<Message>,
): Promise<Message> {
  const now = kernel.clock.now();
  const policy = kernel.policyOf(conversation);
  const volley = side === 'provider' && isVolley(conversation.volley, now, policy.volley);
  const message = await record({ ...fields, authorId: author.id, at: now, volley: volley || undefined });
  noteFacts(conversation, message);
  conversation.volley = nextVolleyWindow(conversation.volley, side, now);
  conversation.readSeq.set(author.id, message.seq);
  conversation.closedBy.delete(author.id);
  const firstCustomerMessage = side === 'customer' && !conversation.customerHasWritten;
  if (side === 'customer') {
    conversation.customerHasWritten = true;
    conversation.unansweredInRow = 0;
    // P7: the other party's message brings the chat back to a closer's list.
    for (const closer of [...conversation.closedBy]) if (kernel.user(closer)?.role !== 'customer') conversation.closedBy.delete(closer);
  } else {
    conversation.unansweredInRow += 1;
    conversation.closedBy.delete(conversation.customerId);
  }
  if (policy.care.enabled) kernel.desks.care!.afterMessage(conversation, author, side, now);
  // T2, T4: a reply from the provider side answers a routed chat (settles its offer, leaves the queue).
  if (side === 'provider' && conversation.routed) kernel.desks.routing?.answered(conversation, author);
  kernel.emitConversation(conversation);
  if (volley) reportVolley(kernel, emitter, conversation, message);
  if (firstCustomerMessage && policy.routing.enabled) kernel.desks.routing!.route(conversation);
  notifyRecipients(kernel, conversation, message);
  return message;
}

/**
 * C3: the committed message with this id in any chat, as far as the engine has seen it committed
 * (a server replaying its journal has later messages in its store already).
 */
function stored(kernel: EngineKernel, id: string): Message | undefined | Promise<Message | undefined> {
  const seen = (message: Message | undefined) => {
    const conversation = message && kernel.conversation(message.conversationId);
    return conversation && message!.seq <= conversation.lastSeq ? message : undefined;
  };
  const message = kernel.reads.messageById(id);
  return message instanceof Promise ? message.then(seen) : seen(message);
}

/** What the desks read of a chat's whole history (P3, P5, T6), kept as each message a user writes is committed. */
function noteFacts(conversation: ConversationRecord, message: Message): void {
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
function notifyRecipients(kernel: EngineKernel, conversation: ConversationRecord, message: Message): void {
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
    if (decision.inApp === 'hold') holdInApp(kernel, { ...base, channel: 'in-app' });
    else kernel.deliver({ ...base, channel: 'in-app' });
    if (decision.push) kernel.deliver({ ...base, channel: 'push' });
    if (decision.email) kernel.deliver({ ...base, channel: 'email' });
  }
}

/** D3: an in-app alert waits for the end of the user's live session; held alerts for one conversation merge into one. */
export function holdInApp(kernel: EngineKernel, notification: Notification): void {
  const { heldInApp } = kernel;
  const held = heldInApp.get(notification.userId) ?? heldInApp.set(notification.userId, []).get(notification.userId)!;
  const same = held.find((n) => n.conversationId === notification.conversationId);
  if (same) same.messageIds = [...(same.messageIds ?? []), ...(notification.messageIds ?? [])];
  else held.push(notification);
}

/** P1: a volley earns: the host hears of it, and the customer is charged (a refusal is reported, the message stands). */
function reportVolley(kernel: EngineKernel, emitter: Emitter<EngineEvents>, conversation: ConversationRecord, message: Message): void {
  const earningsCents = kernel.policyOf(conversation).volley.earningsCents;
  const { id: conversationId, providerId, customerId } = conversation;
  emitter.emit('volley', { conversationId, messageId: message.id, providerId, customerId, earningsCents });
  kernel.payments
    .charge({ reason: 'volley', payerId: customerId, payeeId: providerId, amountCents: earningsCents, conversationId, messageId: message.id })
    .catch((cause) => emitter.emit('adapter-error', { adapter: 'payments', cause }));
}
