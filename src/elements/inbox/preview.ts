import type { Message } from '../../model/types.js';
import { formatMoney } from '../shared/format.js';

/** How a message reads in one line (inbox previews, the feed): replaceable like every string. */
export const previewStrings = {
  attachment: (name: string) => `Attachment: ${name}`,
  tributeRequest: (amount: string) => `Tribute request: ${amount}`,
  tribute: (amount: string) => `Tribute: ${amount}`,
  order: (title: string) => `Order: ${title}`,
};

/** One message as plain text (rendered as text by the caller, never as HTML). */
export function messagePreview(m: Message, t: typeof previewStrings): string {
  switch (m.kind) {
    case 'text':
    case 'system': return m.text;
    case 'attachment': return m.text || t.attachment(m.attachment.name);
    case 'payment-button': return m.text || m.button.title;
    case 'goodie': return m.text || m.goodie.title;
    case 'engagement': return m.text || m.engagement.title;
    case 'tribute-request': return t.tributeRequest(formatMoney(m.amountCents));
    case 'tribute': return t.tribute(formatMoney(m.amountCents));
    case 'order': return t.order(m.order.title);
  }
}
