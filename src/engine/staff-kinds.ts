import type { MessageDraft } from '../model/types.js';
import { CENTS, ID, TEXT, commandShapes, draftShapes } from '../protocol/shapes.js';
import { object, oneOf, optional, str, tagged, type Shape } from '../protocol/schema.js';

/**
 * The wire shapes of the message kinds only the provider side sends: P3 payment buttons and
 * goodies, K4 engagement cards. The engine loads this module on the first send of one and checks
 * the send against these shapes (E1, E2) before it runs; it answers the send itself.
 */
const staffDrafts: Record<Exclude<MessageDraft['kind'], 'text' | 'attachment'>, Shape> = {
  'payment-button': { id: ID, text: optional(TEXT), button: object({ id: ID, title: str(200), amountCents: CENTS, url: optional(str(2048)) }) },
  goodie: { id: ID, text: optional(TEXT), goodie: object({ id: ID, title: str(200), amountCents: optional(CENTS), url: optional(str(2048)) }) },
  engagement: {
    id: ID,
    text: optional(TEXT),
    engagement: object({ id: ID, type: oneOf('coupon', 'promo', 'message'), title: str(200), code: optional(str(100)), url: optional(str(2048)) }),
  },
};

export const shapes: Record<'send', Shape> = {
  send: { ...commandShapes.send, message: tagged('kind', { ...draftShapes, ...staffDrafts }) },
};
