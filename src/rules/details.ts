import { compact } from '../model/ids.js';
import type { CustomerDetails, Message, User } from '../model/types.js';

/**
 * P5: the history overview of one customer with a provider, from all their messages: first
 * contact (the customer's first message), last message, volleys, tributes and the private note.
 */
export function summarizeCustomer(customer: User, messages: readonly Message[], note: string): CustomerDetails {
  let firstContactAt: number | undefined;
  let lastMessageAt: number | undefined;
  let volleys = 0;
  const tributes = { count: 0, totalCents: 0 };
  // One pass, no spreading into Math.min: a long history would overflow the call stack.
  for (const message of messages) {
    if (message.authorId === customer.id && (firstContactAt === undefined || message.at < firstContactAt)) firstContactAt = message.at;
    if (lastMessageAt === undefined || message.at > lastMessageAt) lastMessageAt = message.at;
    if (message.volley) volleys++;
    if (message.kind === 'tribute') {
      tributes.count++;
      tributes.totalCents += message.amountCents;
    }
  }
  return compact({ customer: compact({ id: customer.id, name: customer.name }), firstContactAt, lastMessageAt, volleys, tributes, note });
}
