import type { Offer } from '../../model/types.js';

export const incomingStrings = {
  newCustomer: 'New customer',
  returningCustomer: 'Returning customer',
  anonymous: 'A customer',
  offeredTo: (count: number) => (count === 1 ? 'Offered only to you' : `Offered to ${count} members`),
  timeLeft: 'Time left to claim',
  /** What the live region says when a chat is offered. */
  announce: (name: string, seconds: number) => `New chat offered: ${name}. ${seconds} s to claim.`,
  seconds: (s: number) => `${s} s`,
  claim: 'Claim',
  decline: 'Decline',
  declineAway: 'Decline and go unavailable',
  claimedByOther: (name: string) => `${name}'s chat was claimed by someone else.`,
  missed: (name: string) => `Missed: nobody claimed ${name}'s chat in time. It waits in the team queue.`,
  dismiss: 'Dismiss',
  unavailable: 'You are unavailable: no new chats are offered to you.',
  missedInARow: (count: number) => `You missed ${count} chats in a row, so you were made unavailable.`,
  declinedAway: 'You declined a chat and went unavailable.',
  goAvailable: 'Go available',
};

/** An offer that ended for reasons other than my own choice, kept as a short notice. */
export interface Outcome { offer: Offer; missed: boolean; at: number }
