import { amountStrings } from '../shared/amount-strings.js';

export const tributeButtonStrings = {
  ...amountStrings,
  button: 'Send a tribute',
  title: 'Send a tribute',
  presets: 'Amount',
  custom: (currency: string) => `Other amount (${currency})`,
  /** The confirm button, with the chosen amount formatted. */
  sendAmount: (amount: string) => `Send ${amount}`,
  sent: 'Tribute sent',
  chooseAmount: 'Choose an amount.',
};
