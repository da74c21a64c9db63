import type { MessageDraft } from '../../model/types.js';

/**
 * Every element event: prefixed `volley-`, bubbles, crosses shadow roots, and is cancelable when
 * it announces an intent (the host may call `preventDefault()` to stop the action).
 */
const options = (cancelable: boolean): EventInit => ({ bubbles: true, composed: true, cancelable });

/** Before a message is sent. Cancel it to send it yourself. */
export class VolleySendEvent extends Event {
  constructor(readonly conversationId: string, readonly draft: MessageDraft) { super('volley-send', options(true)); }
}

/** Before a failed message is sent again; `overtake` when it takes the chat over from its owner (K3). */
export class VolleyRetryEvent extends Event {
  constructor(readonly conversationId: string, readonly messageId: string, readonly overtake = false) { super('volley-retry', options(true)); }
}

/** Before a message is deleted for me (C4), after the user confirmed. */
export class VolleyDeleteEvent extends Event {
  constructor(readonly conversationId: string, readonly messageId: string) { super('volley-delete', options(true)); }
}

/** Before a tribute is paid (P4); `requestId` when it pays a request card. */
export class VolleyTributeEvent extends Event {
  constructor(readonly conversationId: string, readonly amountCents: number, readonly note?: string, readonly requestId?: string) {
    super('volley-tribute', options(true));
  }
}

/** Before a payment button or goodie (`itemId`, the message carrying it) is bought (P3). */
export class VolleyBuyEvent extends Event {
  constructor(readonly conversationId: string, readonly itemId: string, readonly amountCents: number) { super('volley-buy', options(true)); }
}

/** Before a provider's tribute request is sent. */
export class VolleyTributeRequestEvent extends Event {
  constructor(readonly conversationId: string, readonly amountCents: number, readonly note?: string) { super('volley-tribute-request', options(true)); }
}

/** Before someone is blocked or unblocked (P6). */
export class VolleyBlockEvent extends Event {
  constructor(readonly userId: string, readonly block: boolean) { super('volley-block', options(true)); }
}

/** Before a chat is closed for me (P7). */
export class VolleyCloseEvent extends Event {
  constructor(readonly conversationId: string) { super('volley-close', options(true)); }
}

/** Before a chat is started (or reopened) from a provider's card (P9). Cancel it to start it your way. */
export class VolleyStartEvent extends Event {
  constructor(readonly providerId: string) { super('volley-start', options(true)); }
}

/** A chat was chosen in the inbox. */
export class VolleySelectEvent extends Event {
  constructor(readonly conversationId: string) { super('volley-select', options(false)); }
}

/** Before an offer is claimed (T2). */
export class VolleyClaimEvent extends Event {
  constructor(readonly offerId: string) { super('volley-claim', options(true)); }
}

/** Before an offer is declined (T3). */
export class VolleyDeclineEvent extends Event {
  constructor(readonly offerId: string, readonly goUnavailable: boolean) { super('volley-decline', options(true)); }
}

/** Before a member picks a missed chat up from the team queue (T4). */
export class VolleyPickUpEvent extends Event {
  constructor(readonly conversationId: string) { super('volley-pick-up', options(true)); }
}

/** Before a care chat is finished (K2). */
export class VolleyFinishEvent extends Event {
  constructor(readonly conversationId: string) { super('volley-finish', options(true)); }
}

/** Before a member's availability changes (T5 "Go available"). */
export class VolleyAvailabilityEvent extends Event {
  constructor(readonly available: boolean) { super('volley-availability', options(true)); }
}

/**
 * Before an order chosen in the feed opens its chat (D1, M1; started when there is none yet).
 * The host may show the order's details too; cancel to do only that.
 */
export class VolleyOrderOpenEvent extends Event {
  constructor(readonly orderId: string) { super('volley-order-open', options(true)); }
}

/** The files chosen in an attachment picker changed (checked, ready to send). */
export class VolleyAttachmentsEvent extends Event {
  constructor(readonly files: readonly File[]) { super('volley-attachments', options(false)); }
}

/** A command was refused: `code` is the ChatError code, `message` the shown text. */
export class VolleyErrorEvent extends Event {
  constructor(readonly code: string, readonly message: string) { super('volley-error', options(false)); }
}

/** The launcher's panel opened or closed. */
export class VolleyToggleEvent extends Event {
  constructor(readonly open: boolean) { super('volley-toggle', options(false)); }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'volley-send': VolleySendEvent;
    'volley-retry': VolleyRetryEvent;
    'volley-delete': VolleyDeleteEvent;
    'volley-tribute': VolleyTributeEvent;
    'volley-buy': VolleyBuyEvent;
    'volley-tribute-request': VolleyTributeRequestEvent;
    'volley-block': VolleyBlockEvent;
    'volley-close': VolleyCloseEvent;
    'volley-start': VolleyStartEvent;
    'volley-select': VolleySelectEvent;
    'volley-claim': VolleyClaimEvent;
    'volley-decline': VolleyDeclineEvent;
    'volley-availability': VolleyAvailabilityEvent;
    'volley-pick-up': VolleyPickUpEvent;
    'volley-finish': VolleyFinishEvent;
    'volley-order-open': VolleyOrderOpenEvent;
    'volley-attachments': VolleyAttachmentsEvent;
    'volley-error': VolleyErrorEvent;
    'volley-toggle': VolleyToggleEvent;
  }
}
