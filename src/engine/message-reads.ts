import { loadOnce } from '../model/load-once.js';
import type { FeedEntry, FeedFilter, Message, Order } from '../model/types.js';
import { notFound, type ConversationRecord, type EngineKernel, type UserRecord } from './records.js';
import type { MessageStore } from './store.js';

// Reads of a chat's messages beyond what the engine's own fast paths serve (history pages, the
// feed, a message by id): from the chat's tail when it holds them, else from the store, which is
// read no further than the chat's last seq as the engine knows it (a server replaying its journal
// has later messages stored already). Loaded on first use.

/**
 * The last `limit` messages before `end` (at most the chat's last seq + 1) that a user sees (C4:
 * those whose seq is in `deleted` are hidden), in seq order.
 */
export function page(reads: MessageStore, conversation: ConversationRecord, deleted: ReadonlySet<number> | undefined, end: number, limit: number): Message[] | Promise<Message[]> {
  // The window of seqs read holds `limit` visible messages once it also spans those deleted below its end.
  let want = limit;
  if (deleted) for (const seq of deleted) if (seq < end) want++;
  const visible = (messages: Message[]) => (deleted ? messages.filter((m) => !deleted.has(m.seq)) : messages).slice(-limit);
  const { tail } = conversation;
  const start = tail[0]?.seq ?? end;
  if (end - want >= start || start === 1) return visible(tail.slice(Math.max(0, end - want - start), Math.max(0, end - start)));
  const messages = reads.messages(conversation.id, { beforeSeq: end, limit: want === Infinity ? undefined : want });
  return messages instanceof Promise ? messages.then(visible) : visible(messages);
}

/** A committed message of this chat by id: the tail first, then the store. */
export function messageIn(reads: MessageStore, conversation: ConversationRecord, id: string): Message | undefined | Promise<Message | undefined> {
  const { tail } = conversation;
  for (let i = tail.length - 1; i >= 0; i--) if (tail[i].id === id) return tail[i];
  if (tail[0]?.seq === 1) return undefined;
  const mine = (message: Message | undefined) => (message?.conversationId === conversation.id && message.seq <= conversation.lastSeq ? message : undefined);
  const message = reads.messageById(id);
  return message instanceof Promise ? message.then(mine) : mine(message);
}

/** C4: the message is hidden from the deleter only, for good. */
export function deleteMessage(kernel: EngineKernel, user: UserRecord, conversation: ConversationRecord, messageId: string): null | Promise<null> {
  const hide = (message: Message | undefined) => {
    if (!message) throw notFound('That message');
    let deleted = conversation.deletedBy.get(user.id);
    if (!deleted) conversation.deletedBy.set(user.id, (deleted = new Set()));
    deleted.add(message.seq);
    kernel.emitTo([user.id], { type: 'message-deleted', conversationId: conversation.id, messageId });
    kernel.emitTo([user.id], { type: 'conversation', conversation: kernel.view(conversation, user) });
    return null;
  };
  const message = messageIn(kernel.reads, conversation, messageId);
  return message instanceof Promise ? message.then(hide) : hide(message);
}

const loadFeed = loadOnce(() => import('../rules/feed.js'));

/** D1: the chat's orders (of its pair; an order chat's own only) and every message the user sees, in one timeline. */
export async function feed(kernel: EngineKernel, orders: ReadonlyMap<string, Order>, user: UserRecord, conversation: ConversationRecord, filter?: FeedFilter): Promise<FeedEntry[]> {
  const { buildFeed } = await loadFeed();
  const mine = [...orders.values()].filter((o) =>
    o.customerId === conversation.customerId && o.providerId === conversation.providerId && (conversation.orderId === undefined || o.id === conversation.orderId));
  return buildFeed(mine, await page(kernel.reads, conversation, conversation.deletedBy.get(user.id), conversation.lastSeq + 1, Infinity), filter);
}
