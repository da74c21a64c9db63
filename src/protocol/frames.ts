import { ChatError, isErrorCode, type ErrorCode } from '../model/errors.js';
import { PROTOCOL_VERSION, type ChatEvent, type Command } from './commands.js';

/** Frames larger than this are refused before parsing. */
export const MAX_FRAME_BYTES = 64 * 1024;

export type RequestFrame = { v: number; id: string; cmd: Command };
export type ReplyFrame =
  | { v: number; re: string; ok: true; result: unknown }
  | { v: number; re: string; ok: false; error: { code: ErrorCode; message: string } };
export type EventFrame = { v: number; ev: ChatEvent };
export type ServerFrame = ReplyFrame | EventFrame;

// ---- The WebSocket wire (volley-chat/ws, docs/protocol.md): typed both ways, client and server. ----

/** Per conversation, the highest seq the client holds with nothing missing below it. */
export type Cursors = Record<string, number>;

/** What a client sends. The first frame of a connection must be `auth`. */
export type ClientFrame =
  /**
   * `echo: false`: a `send`'s message reaches this socket in the request's reply only, not again
   * as an event (the client takes the reply's message, cursor included); other sockets of the
   * user still get the event. Without it, the event comes too.
   */
  | { v: number; auth: { token: string; epoch?: string; cursors?: Cursors; echo?: false } }
  | { v: number; id: string; cmd: Command }
  /** A notice: an ephemeral command (`delivered`, `typing`) sent without a request id gets no reply. */
  | { v: number; cmd: Extract<Command, { type: 'delivered' | 'typing' }> }
  | { v: number; ping: number }
  | { v: number; resume: { cursors: Cursors } };

/** What the server sends, before it numbers it: one of these bodies. */
export type WireBody =
  | { welcome: { userId: string; epoch: string; reset: boolean; heartbeatMs: number } }
  | { ev: ChatEvent }
  | { synced: { upTo: Cursors } }
  | { re: string; ok: true; result: unknown }
  | { re: string; ok: false; error: { code: ErrorCode; message: string } }
  | { pong: number }
  | { error: { code: ErrorCode; message: string } };

/** What the server sends; `n` numbers the frames of one connection from 1. */
export type WireFrame = { v: number; n: number } & WireBody;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * JSON.parse that drops keys able to reach an object's prototype, so a hostile frame cannot
 * pollute anything the engine later merges or copies.
 */
export function safeParse(text: string): unknown {
  // A key can only spell one of them literally or through a \u escape: text with neither (nearly
  // every frame) parses without the reviver, which costs several times the parse.
  if (!text.includes('\\u') && !text.includes('__proto__') && !text.includes('constructor') && !text.includes('prototype')) return JSON.parse(text);
  return JSON.parse(text, (key, value) => (FORBIDDEN_KEYS.has(key) ? undefined : value));
}

export function encodeRequest(id: string, cmd: Command): string {
  return JSON.stringify({ v: PROTOCOL_VERSION, id, cmd } satisfies RequestFrame);
}

export function encodeReply(re: string, outcome: { result: unknown } | { error: ChatError }): string {
  const frame: ReplyFrame = 'error' in outcome
    ? { v: PROTOCOL_VERSION, re, ok: false, error: outcome.error.toJSON() }
    : { v: PROTOCOL_VERSION, re, ok: true, result: outcome.result ?? null };
  return JSON.stringify(frame);
}

export function encodeEvent(ev: ChatEvent): string {
  return JSON.stringify({ v: PROTOCOL_VERSION, ev } satisfies EventFrame);
}

const byteLength = (text: string): number => (text.length * 3 <= MAX_FRAME_BYTES ? text.length : new TextEncoder().encode(text).length);

/** Parses a client's request frame; a bad frame throws `ChatError('invalid' | 'too-long')`, with the request id when one could be read. */
export function decodeRequest(text: unknown): { id: string; cmd: unknown } {
  if (typeof text !== 'string') throw new ChatError('invalid', 'A frame must be text.');
  if (byteLength(text) > MAX_FRAME_BYTES) throw new ChatError('too-long', `A frame can be at most ${MAX_FRAME_BYTES} bytes.`);
  let frame: unknown;
  try {
    frame = safeParse(text);
  } catch {
    throw new ChatError('invalid', 'The frame is not valid JSON.');
  }
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) throw new ChatError('invalid', 'A frame must be a JSON object.');
  const { v, id, cmd } = frame as Record<string, unknown>;
  if (v !== PROTOCOL_VERSION) throw new ChatError('invalid', `Unsupported protocol version: expected ${PROTOCOL_VERSION}.`);
  if (typeof id !== 'string' || id.length === 0 || id.length > 128) throw new ChatError('invalid', 'A frame needs a request id.');
  return { id, cmd };
}

/** Parses a server frame on the client side. */
export function decodeServerFrame(text: string): ServerFrame {
  const frame = safeParse(text) as ServerFrame;
  if (typeof frame !== 'object' || frame === null || frame.v !== PROTOCOL_VERSION) throw new ChatError('invalid', 'Unexpected frame from the server.');
  return frame;
}

/** Turns a reply's error back into a `ChatError` on the client. */
export function errorFromWire(error: { code: unknown; message: unknown }): ChatError {
  const code: ErrorCode = isErrorCode(error.code) ? error.code : 'invalid';
  return new ChatError(code, typeof error.message === 'string' ? error.message : undefined);
}
