import type { SystemNoticeCode } from '../../model/types.js';
import { presenceStrings } from '../shared/presence.js';
import { previewStrings } from '../shared/preview.js';
import { commonStrings } from '../shared/strings.js';

export const threadStrings = {
  /** How new messages are announced (also the inbox's previews). */
  ...previewStrings,
  ...presenceStrings,
  /** The accessible name of the message list. */
  label: 'Messages',
  empty: 'No messages yet.',
  loadEarlier: 'Load earlier messages',
  loadingEarlier: 'Loading earlier messages…',
  newMessages: (count: number) => `New messages (${count})`,
  someone: 'Someone',
  pending: commonStrings.sending,
  /** My message's receipt (P12): the engine stored it, the other side's device got it, they read it. */
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  /** P12: who else is typing (their names, from the conversation). */
  typing: (names: string[]) => `${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} typing…`,
  /** P10: the provider's status, on the customer's side. */
  peerPresence: (name: string, status: string) => `${name}: ${status}`,
  /** K3: a send refused because another member owns the chat can take it over, after a warning. */
  takeOver: 'Take over',
  takeOverQuestion: (owner: string) => `${owner} owns this chat. Take it over to send this message?`,
  /** K3: the notice both sides read when a member took the chat over from another. */
  takenOver: (by: string, from: string) => `${by} took this chat over from ${from}.`,
  failed: (reason: string) => `Not sent: ${reason}`,
  retry: 'Retry',
  delete: 'Delete',
  deleteLabel: (author: string) => `Delete this message from ${author}`,
  deleteQuestion: 'Delete this message for you? The other person still sees it. This cannot be undone.',
  deleteConfirm: 'Delete for me',
  /** The volley indicator (P2) and what it says to a screen reader. */
  volleyBadge: 'NF',
  volleyLabel: 'Volley',
  pay: (amount: string) => `Pay ${amount}`,
  paying: 'Paying…',
  paid: 'Paid',
  awaitingPayment: 'Awaiting payment',
  tributeReceived: (amount: string, from: string) => `Tribute received: ${amount} from ${from}`,
  /** P3: a payment button's or goodie's Buy button, and the notice of a purchase. */
  buy: (amount: string) => `Buy for ${amount}`,
  bought: (from: string, title: string, amount: string) => `${from} bought ${title}: ${amount}`,
  /** A card's label, by message kind (an engagement's by its type). */
  cards: {
    'tribute-request': 'Tribute request',
    'payment-button': 'Payment',
    goodie: 'Goodie',
    order: 'Order',
    coupon: 'Coupon',
    promo: 'Promotion',
    message: 'Message',
  } as Record<string, string>,
  open: 'Open',
  code: 'Code',
  /** System notices by code; the engine's own text is used for a code missing here. */
  notices: {
    'offer-missed': 'Nobody is available right now. Your chat waits in the queue.',
    'chat-finished': 'This chat was finished.',
    reopened: 'This chat was reopened.',
    claimed: 'A team member joined the chat.',
  } as Partial<Record<SystemNoticeCode, string>>,
  /** What the live region says when a message arrives; `text` is as in the inbox's previews. */
  announce: (author: string, text: string) => `${author}: ${text}`,
  /** An attachment shown by name: the name and the size (formatted: "12 KB"). */
  file: (name: string, size: string) => `${name} (${size})`,
};
