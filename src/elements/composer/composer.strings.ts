import { amountStrings } from '../shared/amount-strings.js';

export const composerStrings = {
  ...amountStrings,
  label: 'Message',
  placeholder: 'Write a message…',
  send: 'Send',
  emoji: '😊',
  emojiLabel: 'Insert an emoji',
  insert: 'Insert',
  insertLabel: 'Insert a payment button, goodie or engagement',
  paymentButtons: 'Payment buttons',
  goodies: 'Goodies',
  engagements: 'Engagements',
  /** A catalog entry in the Insert menu; `amount` is formatted, when the entry has one. */
  item: (title: string, amount?: string) => (amount ? `${title} · ${amount}` : title),
  requestTribute: 'Request a tribute',
  amount: (currency: string) => `Amount (${currency})`,
  request: 'Request',
};
