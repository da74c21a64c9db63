import type { Policy } from '../model/policy.js';
import type { Presence } from '../model/types.js';

export interface NotificationDecision {
  /** In a live session the in-app message waits until the session ends (D3). */
  inApp: 'now' | 'hold';
  push: boolean;
  email: boolean;
}

/**
 * D3: which alerts a new message may raise for a recipient. No push while the user is active in
 * the app or in a live session; e-mail follows the policy (`always`, `when-away` or `never`).
 */
export function decideNotification(presence: Presence, policy: Policy['notifications']): NotificationDecision {
  const away = !presence.active && !presence.inLiveSession;
  return {
    inApp: presence.inLiveSession ? 'hold' : 'now',
    push: policy.push && away,
    email: policy.email === 'always' || (policy.email === 'when-away' && away),
  };
}
