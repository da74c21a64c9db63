import type { Duplex } from 'node:stream';
import {
  ChatError, isChatError,
  type ChatEngine, type ChatEvent, type Command, type Message, type Snapshot, type User,
} from 'volley-chat';
import { ERROR_MESSAGES } from 'volley-chat/rules';
import { CLOSE_CODES, isNotice, isRequestId, MAX_REQUEST_ID, PROTOCOL_VERSION, safeParse, type ClientFrame, type Cursors, type WireBody } from 'volley-chat/ws';
import type { WebSocket } from 'ws';
import type { Hub } from './hub.js';
import type { Journal, Outcome } from './journal.js';
import type { Logger } from './logger.js';
import type { ServerMetrics } from './metrics.js';
import type { RateLimiter } from './rate-limit.js';
import { TokenError, type TokenClaims } from './token.js';

/** Past this many bytes waiting in a socket's buffer, the client reads too slowly: it is closed (it reconnects and resumes). */
export const MAX_BUFFERED = 8 * 1024 * 1024;
const MAX_CURSORS = 10_000;
const HISTORY_PAGE = 500;
/** The longest conversation id a resume's cursors may name. */
const MAX_ID = 128;

/** What every connection of one server shares. */
export interface ConnectionContext {
  readonly journal: Journal;
  readonly engine: ChatEngine;
  readonly hub: Hub;
  /** The store's epoch: a client that resumes from another one starts over. */
  readonly epoch: string;
  readonly heartbeatMs: number;
  readonly authTimeoutMs: number;
  readonly userLimit: RateLimiter;
  readonly ipLimit: RateLimiter;
  /** The claims of a token this server accepts; rejects with a `TokenError` otherwise. */
  verify(token: unknown): Promise<TokenClaims>;
  readonly logger: Logger;
  readonly metrics: ServerMetrics;
}

/** An ephemeral command sent without a request id (no reply). */
type Notice = Extract<Command, { type: 'delivered' | 'typing' }>;
type Refusal = { code: ChatError['code']; message?: string; re?: string };
type Decoded<F> = { frame: F } | { refused: Refusal };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Per-conversation cursors as a client may send them, or null. */
export function readCursors(value: unknown): Cursors | null {
  if (value === undefined) return {};
  if (!isRecord(value)) return null;
  const entries = Object.entries(value);
  if (entries.length > MAX_CURSORS) return null;
  const cursors: Cursors = Object.create(null);
  for (const [id, seq] of entries) {
    if (id.length > MAX_ID || typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0) return null;
    cursors[id] = seq;
  }
  return cursors;
}

/** A frame's envelope: JSON text, an object, this protocol version and a well-formed request id if it has one. */
function decodeEnvelope(text: string | null): Decoded<Record<string, unknown> & { id?: string }> {
  if (text === null) return { refused: { code: 'invalid', message: 'Frames are JSON text.' } };
  let frame: unknown;
  try {
    frame = safeParse(text);
  } catch {
    return { refused: { code: 'invalid', message: 'The frame is not valid JSON.' } };
  }
  if (!isRecord(frame)) return { refused: { code: 'invalid', message: 'A frame is a JSON object.' } };
  if (frame.v !== PROTOCOL_VERSION) return { refused: { code: 'invalid', message: `Unsupported protocol version: this server speaks ${PROTOCOL_VERSION}.` } };
  const { id } = frame;
  if (id !== undefined && !isRequestId(id)) return { refused: { code: 'invalid', message: `A request id is a string of 1 to ${MAX_REQUEST_ID} characters.` } };
  return { frame: frame as Record<string, unknown> & { id?: string } };
}

/** The frames an authenticated client sends (auth is read apart: it comes first). */
function decodeFrame(frame: Record<string, unknown> & { id?: string }): Decoded<Exclude<ClientFrame, { auth: unknown }>> {
  const v = PROTOCOL_VERSION;
  if ('ping' in frame) return { frame: { v, ping: typeof frame.ping === 'number' ? frame.ping : 0 } };
  if ('resume' in frame) {
    const cursors = readCursors(isRecord(frame.resume) ? frame.resume.cursors : null);
    if (!cursors) return { refused: { code: 'invalid', message: 'Cursors map conversation ids to whole numbers.' } };
    return { frame: { v, resume: { cursors } } };
  }
  const { id } = frame;
  if (id === undefined) {
    if (!('cmd' in frame)) return { refused: { code: 'invalid', message: 'Unknown frame: expected auth, a request (id, cmd), a notice (cmd), ping or resume.' } };
    // A notice: an ephemeral command nobody waits an answer for.
    if (!isNotice(isRecord(frame.cmd) ? frame.cmd.type : undefined)) {
      return { refused: { code: 'invalid', message: 'Only delivered and typing may be sent without a request id.' } };
    }
    return { frame: { v, cmd: frame.cmd as Notice } };
  }
  if (!('cmd' in frame)) return { refused: { code: 'invalid', message: 'A request needs a command.', re: id } };
  // The engine checks the command itself (its shape is the engine's to judge, with a typed refusal).
  return { frame: { v, id, cmd: frame.cmd as Command } };
}

function toWireError(error: unknown): { code: ChatError['code']; message: string } {
  return (isChatError(error) ? error : new ChatError('unavailable', 'The request failed on the server.')).toJSON();
}

/**
 * One client's socket: frames in (auth first, then requests, pings and resumes, each decoded into
 * a typed `ClientFrame`), numbered frames out (`WireFrame`) through the journal's gate, and resume
 * by cursors.
 */
/**
 * The TCP sockets the current run of code writes to (the frames one batch releases) stay corked
 * until the run and its microtasks end: each socket's frames leave in one write (one system call).
 */
const corked = new Set<Duplex>();
function corkForRun(socket: Duplex): void {
  if (corked.has(socket)) return;
  if (corked.size === 0) {
    process.nextTick(() => {
      const sockets = [...corked];
      corked.clear();
      for (const each of sockets) each.uncork();
    });
  }
  corked.add(socket);
  socket.cork();
}

export class Connection {
  /** Set once the connection is welcomed. */
  userId?: string;
  /** The user whose events reach this socket (set in order with the journal, before the welcome). */
  subscribed?: string;
  lastHeard = Date.now();
  /**
   * Ids of messages this socket is sending while it asked for no echo (`auth.echo: false`): the
   * hub does not send their message event here, the command's reply carries the message.
   */
  readonly unechoed = new Set<string>();
  #echo = true;
  #authenticating = false;
  #n = 0;
  readonly #authTimer: NodeJS.Timeout;

  constructor(readonly socket: WebSocket, readonly ip: string, private readonly context: ConnectionContext) {
    context.hub.add(this);
    this.#authTimer = setTimeout(() => {
      if (this.userId) return;
      this.error('forbidden', 'Authenticate with a token in the first frame.');
      context.journal.later(() => socket.close(CLOSE_CODES.unauthorized, 'No token.'));
    }, context.authTimeoutMs);
    socket.on('message', (data, isBinary) => {
      this.lastHeard = Date.now();
      try {
        this.#onFrame(isBinary ? null : data.toString());
      } catch {
        this.error('invalid', 'The frame could not be read.');
      }
    });
    socket.on('pong', () => (this.lastHeard = Date.now()));
    socket.on('close', () => {
      clearTimeout(this.#authTimer);
      context.hub.remove(this);
    });
    socket.on('error', () => socket.terminate());
  }

  get open(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  send(frame: WireBody): void {
    this.sendSerialized(JSON.stringify(frame));
  }

  /** Sends a body serialized once for many connections (`{…}` of a `WireBody`): numbered here, after the batch is durable. */
  sendSerialized(body: string): void {
    this.context.journal.later(() => {
      if (!this.open) return;
      // ws keeps the TCP socket it writes to here.
      const raw = (this.socket as unknown as { _socket?: Duplex })._socket;
      if (raw) corkForRun(raw);
      this.socket.send(`{"v":${PROTOCOL_VERSION},"n":${++this.#n},${body.slice(1)}`);
      if (this.socket.bufferedAmount > MAX_BUFFERED) this.socket.close(CLOSE_CODES.slowConsumer, 'Reading too slowly.');
    });
  }

  reply(id: string, outcome: Outcome): void {
    if (outcome.ok) this.send({ re: id, ok: true, result: outcome.value ?? null });
    else this.send({ re: id, ok: false, error: toWireError(outcome.error) });
  }

  error(code: ChatError['code'], message?: string, re?: string): void {
    // The texts are the engine's defaults, at hand here (the core loads them on its first refusal).
    const error = new ChatError(code, message ?? ERROR_MESSAGES[code]).toJSON();
    this.send(re === undefined ? { error } : { re, ok: false, error });
  }

  #refuse({ code, message, re }: Refusal): void {
    this.error(code, message, re);
  }

  #onFrame(text: string | null): void {
    const { journal, userLimit, ipLimit, metrics } = this.context;
    if (!ipLimit.take(this.ip)) {
      metrics.refusals.inc({ reason: 'rate-frame' });
      return this.error('rate-limited', undefined, requestIdOf(text));
    }
    const envelope = decodeEnvelope(text);
    if ('refused' in envelope) return this.#refuse(envelope.refused);
    const raw = envelope.frame;
    if ('auth' in raw) return void this.#authenticate(raw.auth);
    if (!this.userId) return this.error('forbidden', 'Authenticate first.', raw.id);
    const decoded = decodeFrame(raw);
    if ('refused' in decoded) return this.#refuse(decoded.refused);
    const { frame } = decoded;
    const userId = this.userId;
    if ('ping' in frame) return this.send({ pong: frame.ping });
    if ('resume' in frame) {
      return journal.read(() => this.#missed(userId, frame.resume.cursors), (outcome) => {
        if (outcome.ok) this.#sendMissed(outcome.value);
        else this.error('unavailable');
      });
    }
    if (!userLimit.take(userId)) {
      metrics.refusals.inc({ reason: 'rate-user' });
      // A notice dropped gets no answer, as no notice does.
      return 'id' in frame ? this.error('rate-limited', undefined, frame.id) : undefined;
    }
    if (!('id' in frame)) return journal.command(userId, frame.cmd, (outcome) => metrics.command(frame.cmd, outcome));
    const { id, cmd } = frame;
    // Without echo, the reply alone carries the sent message to this socket (see `unechoed`).
    const unechoed = !this.#echo && cmd.type === 'send' && typeof cmd.message?.id === 'string' ? cmd.message.id : undefined;
    if (unechoed !== undefined) this.unechoed.add(unechoed);
    journal.command(userId, cmd, (outcome) => {
      if (unechoed !== undefined) this.unechoed.delete(unechoed);
      metrics.command(cmd, outcome);
      this.reply(id, outcome);
    });
  }

  async #authenticate(auth: unknown): Promise<void> {
    const { journal, hub, epoch: serverEpoch, heartbeatMs } = this.context;
    if (this.userId || this.#authenticating) return this.error('invalid', 'This connection is already authenticated.');
    this.#authenticating = true;
    let claims: TokenClaims | undefined;
    try {
      claims = await this.context.verify(isRecord(auth) ? auth.token : undefined);
    } catch (error) {
      this.context.metrics.refusals.inc({ reason: 'auth' });
      this.context.logger.debug({ ip: this.ip, reason: error instanceof TokenError ? error.code : 'error', why: (error as Error).message }, 'connection refused: no valid token');
      this.#authenticating = false;
      this.error('forbidden', 'The token is missing, expired or not signed by this host.');
      journal.later(() => this.socket.close(CLOSE_CODES.unauthorized, 'Bad token.'));
      return;
    }
    if (!this.open) {
      this.#authenticating = false;
      return;
    }
    const cursors = isRecord(auth) ? readCursors(auth.cursors) : null;
    const epoch = isRecord(auth) ? auth.epoch : undefined;
    if (!cursors || (epoch !== undefined && typeof epoch !== 'string')) {
      this.#authenticating = false;
      return this.error('invalid', 'Resume needs an epoch string and cursors of whole numbers.');
    }
    const user: User = { id: claims.sub, role: claims.role, ...(claims.name ? { name: claims.name } : {}), ...(claims.team ? { teamId: claims.team } : {}) };
    void journal.ensureUser(user)?.catch(() => {});
    // In order with every change: what was missed is read, and live events start, at one point.
    journal.read(async () => {
      if (!this.open) return null;
      const reset = typeof epoch === 'string' && epoch !== serverEpoch;
      const resumed = typeof epoch === 'string' && !reset ? await this.#missed(user.id, cursors) : undefined;
      hub.subscribe(this, user.id);
      // Closed while this ran: its close handler found nothing to let go of yet.
      if (!this.open) hub.remove(this);
      return { reset, resumed };
    }, (outcome) => {
      this.#authenticating = false;
      if (!outcome.ok || !outcome.value) {
        this.error('unavailable', 'The connection could not be opened.');
        journal.later(() => this.socket.close(CLOSE_CODES.unauthorized));
        return;
      }
      this.userId = user.id;
      this.#echo = !(isRecord(auth) && auth.echo === false);
      this.send({ welcome: { userId: user.id, epoch: serverEpoch, reset: outcome.value.reset, heartbeatMs } });
      if (outcome.value.resumed) this.#sendMissed(outcome.value.resumed);
    });
  }

  /** The messages a user has not seen, per conversation in seq order, and how far each conversation goes. */
  async #missed(userId: string, cursors: Cursors): Promise<{ events: ChatEvent[]; upTo: Cursors }> {
    const { engine } = this.context;
    const snapshot = (await engine.execute(userId, { type: 'hello' })) as Snapshot;
    const events: ChatEvent[] = [];
    const upTo: Cursors = {};
    for (const conversation of snapshot.conversations) {
      upTo[conversation.id] = conversation.lastSeq;
      const cursor = cursors[conversation.id] ?? 0;
      if (conversation.lastSeq <= cursor) continue;
      const pages: Message[][] = [];
      for (let before = conversation.lastSeq + 1; ;) {
        const page = (await engine.execute(userId, { type: 'history', conversationId: conversation.id, beforeSeq: before, limit: HISTORY_PAGE })) as Message[];
        pages.unshift(page.filter((message) => message.seq > cursor));
        if (page.length < HISTORY_PAGE || page[0].seq <= cursor + 1) break;
        before = page[0].seq;
      }
      for (const message of pages.flat()) events.push({ type: 'message', message });
    }
    return { events, upTo };
  }

  #sendMissed({ events, upTo }: { events: ChatEvent[]; upTo: Cursors }): void {
    for (const ev of events) this.send({ ev });
    this.send({ synced: { upTo } });
  }
}

/** The request id of a frame refused before it was read (rate-limited), when one can be read. */
function requestIdOf(text: string | null): string | undefined {
  if (!text) return undefined;
  try {
    const frame = safeParse(text);
    return isRecord(frame) && isRequestId(frame.id) ? frame.id : undefined;
  } catch {
    return undefined;
  }
}

export { toWireError };
