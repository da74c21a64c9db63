import type { Message } from '../../model/types.js';
import { formatMoney } from './format.js';

/** How a message reads in one line (inbox previews, the feed, the thread's announcements): replaceable like every string. */
export const previewStrings = {
  attachment: (name: string) => `Attachment: ${name}`,
  tributeRequest: (amount: string) => `Tribute request: ${amount}`,
  tribute: (amount: string) => `Tribute: ${amount}`,
  /** P3: the customer bought an item the provider inserted. */
  purchase: (title: string, amount: string) => `Bought: ${title} (${amount})`,
  order: (title: string) => `Order: ${title}`,
};

/** The card a message carries: its payment button, goodie, engagement or order. */
export function cardOf(m: Message) {
  switch (m.kind) {
    case 'payment-button': return m.button;
    case 'goodie': return m.goodie;
    case 'engagement': return m.engagement;
    case 'order': return m.order;
    default: return undefined;
  }
}

/** One message as plain text (rendered as text by the caller, never as HTML). */
export function messagePreview(m: Message, t: typeof previewStrings): string {
  switch (m.kind) {
    case 'text':
    case 'system': return m.text;
    case 'attachment': return m.text || t.attachment(m.attachment.name);
    case 'tribute-request': return t.tributeRequest(formatMoney(m.amountCents));
    case 'tribute': return t.tribute(formatMoney(m.amountCents));
    case 'purchase': return t.purchase(m.title, formatMoney(m.amountCents));
    case 'order': return t.order(m.order.title);
    // A payment button, goodie or engagement: its text, else its title.
    default: return m.text || cardOf(m)!.title;
  }
}
