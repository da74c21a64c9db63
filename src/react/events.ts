import type * as E from '../elements/events/events.js';

/**
 * Which `volley-*` events each element lets through, as React props: `onVolleySend` is
 * `volley-send`. An element hears its own events and those of the elements it renders (every
 * Volley event bubbles and is composed): `volley-chat` those of its list, thread, composer…,
 * `volley-launcher` those of the chat in its panel.
 */
export const eventTypes = {
  onVolleySend: 'volley-send',
  onVolleyRetry: 'volley-retry',
  onVolleyDelete: 'volley-delete',
  onVolleyTribute: 'volley-tribute',
  onVolleyBuy: 'volley-buy',
  onVolleyTributeRequest: 'volley-tribute-request',
  onVolleyBlock: 'volley-block',
  onVolleyClose: 'volley-close',
  onVolleyStart: 'volley-start',
  onVolleySelect: 'volley-select',
  onVolleyClaim: 'volley-claim',
  onVolleyDecline: 'volley-decline',
  onVolleyAvailability: 'volley-availability',
  onVolleyPickUp: 'volley-pick-up',
  onVolleyFinish: 'volley-finish',
  onVolleyOrderOpen: 'volley-order-open',
  onVolleyAttachments: 'volley-attachments',
  onVolleyError: 'volley-error',
  onVolleyToggle: 'volley-toggle',
} as const satisfies Record<keyof VolleyEvents, `volley-${string}`>;

/** The event each event prop's handler receives. */
export interface VolleyEvents {
  onVolleySend: E.VolleySendEvent;
  onVolleyRetry: E.VolleyRetryEvent;
  onVolleyDelete: E.VolleyDeleteEvent;
  onVolleyTribute: E.VolleyTributeEvent;
  onVolleyBuy: E.VolleyBuyEvent;
  onVolleyTributeRequest: E.VolleyTributeRequestEvent;
  onVolleyBlock: E.VolleyBlockEvent;
  onVolleyClose: E.VolleyCloseEvent;
  onVolleyStart: E.VolleyStartEvent;
  onVolleySelect: E.VolleySelectEvent;
  onVolleyClaim: E.VolleyClaimEvent;
  onVolleyDecline: E.VolleyDeclineEvent;
  onVolleyAvailability: E.VolleyAvailabilityEvent;
  onVolleyPickUp: E.VolleyPickUpEvent;
  onVolleyFinish: E.VolleyFinishEvent;
  onVolleyOrderOpen: E.VolleyOrderOpenEvent;
  onVolleyAttachments: E.VolleyAttachmentsEvent;
  onVolleyError: E.VolleyErrorEvent;
  onVolleyToggle: E.VolleyToggleEvent;
}

/** An event prop (`onVolleySend`). */
export type VolleyEventProp = keyof VolleyEvents;

const attachmentPicker = ['onVolleyAttachments'] as const;
const composer = ['onVolleySend', 'onVolleyTributeRequest', 'onVolleyAttachments', 'onVolleyError'] as const;
const thread = ['onVolleyRetry', 'onVolleyDelete', 'onVolleyTribute', 'onVolleyBuy', 'onVolleyError'] as const;
const inbox = ['onVolleySelect', 'onVolleyPickUp', 'onVolleyError'] as const;
const incoming = ['onVolleyClaim', 'onVolleyDecline', 'onVolleyAvailability', 'onVolleySelect', 'onVolleyError'] as const;
const gearMenu = ['onVolleyBlock', 'onVolleyClose', 'onVolleyError'] as const;
const feed = ['onVolleyOrderOpen', 'onVolleySelect', 'onVolleyError'] as const;
const tributeButton = ['onVolleyTribute', 'onVolleyError'] as const;
const careStats = ['onVolleyError'] as const;
// volley-chat renders the list, offers, thread, composer, gear menu, tribute button, feed and figures.
const chat = [...new Set(['onVolleySelect', 'onVolleyFinish', ...careStats, ...composer, ...feed, ...gearMenu, ...inbox, ...incoming, ...thread, ...tributeButton] as const)];

/** Each tag's event props. */
export const tagEvents = {
  'volley-attachment-picker': attachmentPicker,
  'volley-care-stats': careStats,
  'volley-chat': chat,
  'volley-chat-card': ['onVolleyStart', 'onVolleySelect', 'onVolleyError'],
  'volley-composer': composer,
  'volley-feed': feed,
  'volley-gear-menu': gearMenu,
  'volley-inbox': inbox,
  'volley-incoming': incoming,
  'volley-launcher': [...new Set(['onVolleyToggle', ...chat] as const)],
  'volley-provider-settings': ['onVolleyError'],
  'volley-thread': thread,
  'volley-tribute-button': tributeButton,
} as const satisfies Record<`volley-${string}`, readonly VolleyEventProp[]>;

/** A Volley tag. */
export type VolleyTag = keyof typeof tagEvents;
/** The event props of a tag's element. */
export type VolleyTagEventProp<T extends VolleyTag> = (typeof tagEvents)[T][number];
