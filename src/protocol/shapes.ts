/**
 * The engine's checks of what clients send: the shape of every command and draft. A module of its
 * own, apart from the protocol's types and constants (commands.ts), so that a client on a server
 * (the WebSocket transport) does not ship the engine's validation.
 */
import type { MessageDraft } from '../model/types.js';
import { bool, int, object, oneOf, optional, str, tagged, type Shape } from './schema.js';
import type { CommandType } from './commands.js';

export const ID = str(128);
/** Text is bounded by the frame size here; the policy's own limits answer `too-long` in the engine. */
export const TEXT = str(1_000_000, 0);
export const CENTS = int(1, 100_000_000);

/** The message kinds only the provider side sends (P3 payment buttons and goodies, K4 engagement cards). */
export const STAFF_KINDS = ['payment-button', 'goodie', 'engagement'];

/**
 * The shapes of the drafts every chat sends. Those of the staff kinds load with the first send of
 * one (src/engine/staff-kinds.ts); an unknown kind is still told every kind.
 */
export const draftShapes: Partial<Record<MessageDraft['kind'], Shape>> = {
  text: { id: ID, text: str(1_000_000, 1) },
  attachment: {
    id: ID,
    text: optional(TEXT),
    attachment: object({ name: str(255), size: int(0, Number.MAX_SAFE_INTEGER), mime: optional(str(255)), url: optional(str(2048)), head: optional(str(4096, 0)) }),
  },
};

/**
 * The shapes of the commands the engine answers itself. The commands a desk answers are checked
 * against the `shapes` of its module (src/engine/*-desk.ts), which load with the desk.
 */
export const commandShapes = {
  hello: {},
  start: { with: ID, orderId: optional(ID) },
  send: { conversationId: ID, message: tagged('kind', draftShapes, [...Object.keys(draftShapes), ...STAFF_KINDS]), overtake: optional(bool) },
  history: { conversationId: ID, beforeSeq: optional(int(1, Number.MAX_SAFE_INTEGER)), limit: optional(int(1, 500)) },
  'mark-read': { conversationId: ID },
  'delete-message': { conversationId: ID, messageId: ID },
  close: { conversationId: ID },
  feed: { conversationId: ID, filter: optional(oneOf('all', 'orders', 'messages')) },
  'set-presence': { active: bool, inLiveSession: bool },
  delivered: { conversationId: ID, seq: int(1, Number.MAX_SAFE_INTEGER) },
} satisfies Partial<Record<CommandType, Shape>>;
