import type { FeedEntry, FeedFilter, Message, Order } from '../model/types.js';

/**
 * D1: orders and messages with one client in one chronological list, newest last. At the same
 * instant an order comes before the messages about it.
 */
export function buildFeed(orders: readonly Order[], messages: readonly Message[], filter: FeedFilter = 'all'): FeedEntry[] {
  const entries: FeedEntry[] = [];
  if (filter !== 'messages') for (const order of orders) entries.push({ type: 'order', at: order.at, order });
  if (filter !== 'orders') for (const message of messages) entries.push({ type: 'message', at: message.at, message });
  const rank = (entry: FeedEntry) => (entry.type === 'order' ? 0 : 1);
  // Array.prototype.sort is stable: messages keep their sequence order within one instant.
  return entries.sort((a, b) => a.at - b.at || rank(a) - rank(b));
}
