import type { Policy } from '../model/policy.js';
import { findContactInfo } from './contact-guard.js';
import type { SendRefusal } from './send-policy.js';

/** M2: contact details are refused in the inbox, and inside an order unless the policy allows them. */
export function contactRefusal(text: string, inOrder: boolean, policy: Policy): SendRefusal | null {
  const guard = policy.contactGuard;
  if (!guard.enabled || (inOrder && guard.allowInOrders) || !text) return null;
  const findings = findContactInfo(text);
  return findings.length ? { code: 'contact-info', findings } : null;
}
