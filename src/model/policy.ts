/** A user's standing with the marketplace; the states in `sendLimits.restrictedAccountStates` may not send (D4). */
export type AccountState = 'ok' | 'suspended' | 'rejected' | 'needs-improvement';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const MB = 1024 * 1024;

/** When e-mail alerts go out: always, only when the user is neither active nor in a live session, or never. */
export type EmailPolicy = 'always' | 'when-away' | 'never';

/**
 * Every rule of the spec is a field here (R2). Presets switch rule families on for the five seed
 * products; a host may mix any fields. Code reads numbers from the policy, never from literals.
 */
export interface Policy {
  /** C1: customers start chats; providers never chat with providers. */
  initiation: { customerMustInitiate: boolean; allowProviderToProvider: boolean };
  /** P1: the provider's first reply within `windowMs` of the customer's latest message earns. */
  volley: { enabled: boolean; windowMs: number; earningsCents: number };
  /** P4. */
  tribute: { enabled: boolean; minCents: number; maxCents: number };
  /** D4: when a provider may not send. */
  sendLimits: {
    enabled: boolean;
    maxUnanswered: number;
    blockOnNegativeReview: boolean;
    restrictedAccountStates: AccountState[];
  };
  /** M2. */
  contactGuard: { enabled: boolean; allowInOrders: boolean };
  /** K6: extensions by family; content must agree with the extension. */
  attachments: {
    maxBytes: number;
    images: string[];
    videos: string[];
    documents: string[];
  };
  messages: { maxTextLength: number; maxNoteLength: number };
  /** T1–T5: team chats are offered to every available member. */
  routing: { enabled: boolean; claimWindowMs: number; missesBeforeUnavailable: number };
  /** K1–K5: statuses, ownership, two-way switch. */
  care: { enabled: boolean; analyticsWindowMs: number };
  /** D3. */
  notifications: { push: boolean; email: EmailPolicy };
  /** P12: a typing signal goes out at most once per `throttleMs` and shows for `ttlMs` unless renewed. */
  typing: { throttleMs: number; ttlMs: number };
}

export type PolicyOverrides = { [K in keyof Policy]?: Partial<Policy[K]> };

export function defaultPolicy(): Policy {
  return {
    initiation: { customerMustInitiate: true, allowProviderToProvider: false },
    volley: { enabled: false, windowMs: 12 * HOUR, earningsCents: 66 },
    tribute: { enabled: false, minCents: 100, maxCents: 100_000 },
    sendLimits: {
      enabled: false,
      maxUnanswered: 5,
      blockOnNegativeReview: true,
      restrictedAccountStates: ['suspended', 'rejected', 'needs-improvement'],
    },
    contactGuard: { enabled: false, allowInOrders: true },
    attachments: {
      maxBytes: 10 * MB,
      images: ['png', 'jpg', 'jpeg', 'gif'],
      videos: ['mov', 'm4v', 'mp4'],
      documents: ['odt', 'ppt', 'txt', 'doc', 'pdf'],
    },
    messages: { maxTextLength: 4000, maxNoteLength: 2000 },
    routing: { enabled: false, claimWindowMs: 15_000, missesBeforeUnavailable: 3 },
    care: { enabled: false, analyticsWindowMs: 24 * HOUR },
    notifications: { push: true, email: 'when-away' },
    typing: { throttleMs: 2_000, ttlMs: 6_000 },
  };
}

/** A new policy: `base` with each family's fields overridden by `overrides`. */
export function mergePolicy(base: Policy, overrides: PolicyOverrides = {}): Policy {
  const merged = structuredClone(base);
  for (const family of Object.keys(overrides) as (keyof Policy)[]) {
    Object.assign(merged[family], overrides[family]);
  }
  return merged;
}

const preset = (families: PolicyOverrides) => (overrides?: PolicyOverrides): Policy =>
  mergePolicy(mergePolicy(defaultPolicy(), families), overrides);

/** The five seed products, each a starting point a host can adjust. */
export const presets = {
  /** Paid provider chat: volleys earn, tributes pay, customers initiate. */
  paidChat: preset({ volley: { enabled: true }, tribute: { enabled: true } }),
  /** A team shares one inbox; new chats are offered to every available member with a countdown. */
  teamInbox: preset({ routing: { enabled: true } }),
  /** A channel's care agents take, own and finish chats; two-way chat can be switched off. */
  customerCare: preset({ care: { enabled: true } }),
  /** Direct messages with clients: send limits, orders in the feed, notifications. */
  clientDMs: preset({ sendLimits: { enabled: true } }),
  /** Pre-order inbox and order chats; contact details only inside an order. */
  marketplace: preset({ contactGuard: { enabled: true } }),
};
