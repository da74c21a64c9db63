import type { Policy } from '../model/policy.js';

/** How an offer ended for one member. */
export type OfferOutcomeForMember = 'claimed' | 'declined' | 'missed' | 'claimed-by-other';

/**
 * T5: the miss streak after an offer ends. A claim or a decline resets it, a miss adds one, and
 * an offer someone else claimed leaves it as it was.
 */
export function nextMissStreak(streak: number, outcome: OfferOutcomeForMember): number {
  if (outcome === 'missed') return streak + 1;
  if (outcome === 'claimed-by-other') return streak;
  return 0;
}

/** T5: enough misses in a row make a member unavailable. */
export function missesMakeUnavailable(streak: number, policy: Policy['routing']): boolean {
  return streak >= policy.missesBeforeUnavailable;
}

/** T2: an offer is open strictly before its deadline; at the deadline it has expired. */
export function offerIsOpen(expiresAt: number, now: number): boolean {
  return now < expiresAt;
}
