import type { Policy } from '../model/policy.js';

/** What the engine remembers per conversation to decide volleys. */
export interface VolleyWindow {
  /** When the customer last wrote; absent before the first customer message. */
  lastCustomerMessageAt?: number;
  /** Whether the provider side has already written since that customer message. */
  providerRepliedSince: boolean;
}

/**
 * P1: a provider message is a volley when it is the provider's first message after a customer
 * message and is sent within `windowMs` of that customer message (exactly `windowMs` counts).
 */
export function isVolley(window: VolleyWindow, now: number, policy: Policy['volley']): boolean {
  if (!policy.enabled || window.lastCustomerMessageAt === undefined || window.providerRepliedSince) return false;
  return now - window.lastCustomerMessageAt <= policy.windowMs;
}

/** The window after a message: a customer message restarts it, any provider message uses it up. */
export function nextVolleyWindow(window: VolleyWindow, side: 'customer' | 'provider', at: number): VolleyWindow {
  return side === 'customer'
    ? { lastCustomerMessageAt: at, providerRepliedSince: false }
    : { ...window, providerRepliedSince: true };
}
