import { compact } from '../model/ids.js';
import type { CustomerDetails, Message, User } from '../model/types.js';

/** What P5's overview needs of one chat's history. */
export interface ChatSummary {
  firstCustomerAt?: number;
  lastAt?: number;
  volleys: number;
  tributes: number;
  tributeCents: number;
}

/**
 * P5: the history overview of one customer with a provider, from all their messages: first
 * contact (the customer's first message), last message, volleys, tributes and the private note.
 */
export function summarizeCustomer(customer: User, messages: readonly Message[], note: string): CustomerDetails {
  const summary: ChatSummary = { volleys: 0, tributes: 0, tributeCents: 0 };
  // One pass, no spreading into Math.min: a long history would overflow the call stack.
  for (const message of messages) {
    if (message.authorId === customer.id && (summary.firstCustomerAt === undefined || message.at < summary.firstCustomerAt)) summary.firstCustomerAt = message.at;
    if (summary.lastAt === undefined || message.at > summary.lastAt) summary.lastAt = message.at;
    if (message.volley) summary.volleys++;
    if (message.kind === 'tribute') {
      summary.tributes++;
      summary.tributeCents += message.amountCents;
    }
  }
  return summarizeChats(customer, [summary], note);
}

/** P5 from each chat's summary (the engine keeps one per chat rather than reading every message). */
export function summarizeChats(customer: User, chats: readonly ChatSummary[], note: string): CustomerDetails {
  let firstContactAt: number | undefined;
  let lastMessageAt: number | undefined;
  let volleys = 0;
  const tributes = { count: 0, totalCents: 0 };
  for (const chat of chats) {
    if (chat.firstCustomerAt !== undefined && (firstContactAt === undefined || chat.firstCustomerAt < firstContactAt)) firstContactAt = chat.firstCustomerAt;
    if (chat.lastAt !== undefined && (lastMessageAt === undefined || chat.lastAt > lastMessageAt)) lastMessageAt = chat.lastAt;
    volleys += chat.volleys;
    tributes.count += chat.tributes;
    tributes.totalCents += chat.tributeCents;
  }
  return compact({ customer: compact({ id: customer.id, name: customer.name }), firstContactAt, lastMessageAt, volleys, tributes, note });
}
