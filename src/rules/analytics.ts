import type { CareAnalytics } from '../model/types.js';

/** What the engine records as care chats move, for K5. */
export type CareLogEntry =
  /** An agent's first reply after the follower began waiting: `waitMs` is that wait. */
  | { type: 'reply'; conversationId: string; at: number; waitMs: number }
  /** An agent finished the chat: `handlingMs` runs from the take to the finish. */
  | { type: 'finished'; conversationId: string; at: number; handlingMs: number };

/**
 * K5 over the window (now − windowMs, now]:
 * - `finished`: finishes in the window;
 * - `active`: chats that are active now (taken and not finished), given by the caller;
 * - `answered`: distinct chats that got at least one agent reply in the window;
 * - `averageResponseMs`: mean wait of the replies in the window, from the first unanswered
 *   follower message to the agent's reply (null without replies);
 * - `averageHandlingMs`: mean take-to-finish time of the finishes in the window (null without finishes).
 */
export function careAnalytics(log: readonly CareLogEntry[], activeNow: number, now: number, windowMs: number): CareAnalytics {
  const inWindow = log.filter((entry) => entry.at > now - windowMs && entry.at <= now);
  const replies = inWindow.filter((entry) => entry.type === 'reply');
  const finishes = inWindow.filter((entry) => entry.type === 'finished');
  const mean = (values: number[]) => (values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : null);
  return {
    finished: finishes.length,
    active: activeNow,
    answered: new Set(replies.map((entry) => entry.conversationId)).size,
    averageResponseMs: mean(replies.map((entry) => entry.waitMs)),
    averageHandlingMs: mean(finishes.map((entry) => entry.handlingMs)),
  };
}
