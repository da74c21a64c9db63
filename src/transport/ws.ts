import { ChatError } from '../model/errors.js';
import type { Message } from '../model/types.js';
import { COMMAND_DURABILITY, isNotice, PROTOCOL_VERSION, type ChatEvent, type Command, type CommandOf, type CommandResults, type CommandType, type Snapshot } from '../protocol/commands.js';
import { errorFromWire, safeParse, type ClientFrame, type WireFrame } from '../protocol/frames.js';
import type { Transport, TransportStatus, UploadOptions } from './transport.js';

/**
 * volley-chat/ws: the WebSocket wire (docs/protocol.md) and its client, `WebSocketTransport`.
 * @packageDocumentation
 */

export { PROTOCOL_VERSION, safeParse };
/** What each command leaves for a restart (read, ephemeral, journaled): the server's journal keeps only `journaled` ones. */
export { COMMAND_DURABILITY, isNotice };
export type { Durability } from '../protocol/commands.js';

/** The wire's frames, both ways, are typed in the protocol (src/protocol/frames.ts). */
export type { ClientFrame, Cursors, WireBody, WireFrame } from '../protocol/frames.js';
/** The request-id rule of every frame that carries one (the server checks it too). */
export { isRequestId, MAX_REQUEST_ID } from '../protocol/frames.js';

/** Close codes of the wire (4000–4999 are the application's). */
export const CLOSE_CODES = {
  /** The client heard nothing for two heartbeats and gave the socket up. */
  deadSocket: 4000,
  /** No valid token in the first frame, or it came too late. */
  unauthorized: 4001,
  /** Too many frames that could not be read. */
  invalid: 4002,
  /** The client reads too slowly; it reconnects and resumes. */
  slowConsumer: 4003,
  /** The server is shutting down. */
  goingAway: 1001,
} as const;

/** The part of a WebSocket the transport uses: the browser's, or `ws`'s in Node. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface WebSocketTransportOptions {
  /** The server's WebSocket address, e.g. `wss://chat.example.com/ws`. */
  url: string;
  /** The token the host signed for this user, or a function that fetches a fresh one for each connection. */
  token: string | (() => string | Promise<string>);
  /** The WebSocket class: the page's by default; in Node 20 pass `WebSocket` from `ws`. */
  WebSocket?: WebSocketConstructor;
  /** How often the client pings; a socket silent for two of these is given up. Default 5 s. */
  heartbeatMs?: number;
  /** Reconnect delays: a random wait up to `initialMs × 2^attempt`, at most `maxMs` (full jitter). */
  backoff?: { initialMs?: number; maxMs?: number };
  /** For tests: the random source of the jitter. */
  random?: () => number;
}

const OPEN = 1;

/** Full jitter: a random wait up to `initialMs × 2^attempt`, capped at `maxMs`, so clients cut off together do not come back together. */
export function reconnectDelay(attempt: number, initialMs: number, maxMs: number, random: () => number = Math.random): number {
  return random() * Math.min(maxMs, initialMs * 2 ** attempt);
}

const UPLOAD_LOST = 'The upload did not reach the chat server.';

/** The folder of the server's WebSocket address, over http(s): where its HTTP endpoints and files are. */
const serverBase = (wsUrl: string): URL => new URL('.', wsUrl.replace(/^ws(s?):/i, 'http$1:'));

/** POSTs a file with a bearer token: XMLHttpRequest in a browser (it reports upload progress), fetch elsewhere. */
function postFile(url: string, file: File, token: string, { signal, onProgress }: UploadOptions): Promise<{ status: number; body: unknown }> {
  const aborted = () => signal?.reason ?? new DOMException('The upload was canceled.', 'AbortError');
  const Request = (globalThis as { XMLHttpRequest?: typeof XMLHttpRequest }).XMLHttpRequest;
  if (!Request) {
    return fetch(url, { method: 'POST', body: file, headers: { authorization: `Bearer ${token}` }, signal }).then(
      async (response) => {
        onProgress?.(1);
        return { status: response.status, body: await response.json().catch(() => null) };
      },
      () => Promise.reject(signal?.aborted ? aborted() : new ChatError('unavailable', UPLOAD_LOST)),
    );
  }
  return new Promise((resolve, reject) => {
    const request = new Request();
    request.open('POST', url);
    request.setRequestHeader('authorization', `Bearer ${token}`);
    request.responseType = 'json';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    request.onload = () => resolve({ status: request.status, body: request.response });
    request.onerror = request.ontimeout = () => reject(new ChatError('unavailable', UPLOAD_LOST));
    request.onabort = () => reject(aborted());
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(file);
  });
}

interface Pending { resolve: (value: unknown) => void; reject: (error: ChatError) => void; type: CommandType }

/**
 * A client on the reference server. It authenticates with the host's token, keeps the socket
 * alive with heartbeats, reconnects with exponential backoff and full jitter, and on reconnect
 * sends its per-conversation cursors: the server replies with exactly the messages missed, in
 * order, or a reset when its data changed (a new epoch). Messages reach the client in seq order,
 * each once, whatever the network repeated or reordered. A request in flight when the socket
 * drops rejects with `unavailable` (the client's outbox sends it again with the same id, and the
 * server stores it once); `onStatus` reports 'offline' and, after a reconnect, 'online'.
 */
export class WebSocketTransport implements Transport {
  readonly #url: string;
  readonly #token: WebSocketTransportOptions['token'];
  readonly #WebSocket: WebSocketConstructor;
  readonly #heartbeatMs: number;
  readonly #initialMs: number;
  readonly #maxMs: number;
  readonly #random: () => number;
  readonly #statusListeners = new Set<(status: TransportStatus) => void>();
  readonly #requests = new Map<string, Pending>();
  readonly #cursors = new Map<string, number>();
  /** Messages that arrived ahead of a gap, by conversation and seq, until the gap is filled. */
  readonly #held = new Map<string, Map<number, Message>>();
  readonly #early = new Map<number, WireFrame>();
  #socket?: WebSocketLike;
  #onEvent?: (event: ChatEvent) => void;
  #epoch?: string;
  #welcomed = false;
  #stopped = true;
  #attempt = 0;
  #expected = 1;
  #lastHeard = 0;
  #counter = 0;
  #heartbeat?: ReturnType<typeof setInterval>;
  #retry?: ReturnType<typeof setTimeout>;
  #resumeAsked?: ReturnType<typeof setTimeout>;
  #first?: { resolve: () => void; reject: (error: ChatError) => void };
  /** The token the last connection authenticated with: uploads send it too. */
  #lastToken?: string;

  constructor(options: WebSocketTransportOptions) {
    if (!options?.url || !options.token) throw new ChatError('invalid', 'A WebSocketTransport needs a url and a token.');
    const Socket = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!Socket) throw new ChatError('invalid', 'No WebSocket here: pass one (in Node 20, `WebSocket` from the ws package).');
    this.#url = options.url;
    this.#token = options.token;
    this.#WebSocket = Socket;
    this.#heartbeatMs = options.heartbeatMs ?? 5000;
    this.#initialMs = options.backoff?.initialMs ?? 500;
    this.#maxMs = options.backoff?.maxMs ?? 30_000;
    this.#random = options.random ?? Math.random;
  }

  /** Whether a socket is open and authenticated now. */
  get online(): boolean {
    return this.#welcomed;
  }

  /**
   * Opens the connection; settles with the first attempt (rejecting with `unavailable`, or
   * `forbidden` for a refused token). After a failed first attempt the transport keeps trying,
   * and reports 'online' when it gets through.
   */
  connect(onEvent: (event: ChatEvent) => void): Promise<void> {
    this.#onEvent = onEvent;
    if (this.#welcomed) return Promise.resolve();
    this.#stopped = false;
    // A page back online or shown again tries at once rather than at the end of a long backoff.
    globalThis.addEventListener?.('online', this.#wake);
    globalThis.document?.addEventListener('visibilitychange', this.#wake);
    const first = new Promise<void>((resolve, reject) => (this.#first = { resolve, reject }));
    if (!this.#socket) void this.#open();
    return first;
  }

  request<T extends CommandType>(command: CommandOf<T>): Promise<CommandResults[T]> {
    const socket = this.#socket;
    if (!this.#welcomed || !socket || socket.readyState !== OPEN) return Promise.reject(new ChatError('unavailable'));
    // Receipts and typing go as notices: no request id, no reply (their answer is null, a refusal changes nothing).
    if (isNotice(command.type)) {
      socket.send(JSON.stringify({ v: PROTOCOL_VERSION, cmd: command as CommandOf<'delivered' | 'typing'> } satisfies ClientFrame));
      return Promise.resolve(null as CommandResults[T]);
    }
    const id = `r${++this.#counter}`;
    return new Promise((resolve, reject) => {
      this.#requests.set(id, { resolve: resolve as (value: unknown) => void, reject, type: command.type });
      socket.send(JSON.stringify({ v: PROTOCOL_VERSION, id, cmd: command as Command } satisfies ClientFrame));
    });
  }

  disconnect(): void {
    this.#stopped = true;
    globalThis.removeEventListener?.('online', this.#wake);
    globalThis.document?.removeEventListener('visibilitychange', this.#wake);
    clearTimeout(this.#retry);
    const socket = this.#socket;
    this.#drop(new ChatError('unavailable', 'The transport was disconnected.'));
    socket?.close(1000);
  }

  onStatus(listener: (status: TransportStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  /**
   * K6: sends a file to the server's `POST /uploads`, beside the WebSocket address
   * (`wss://chat.example.com/ws` uploads to `https://chat.example.com/uploads`), with the user's
   * token, and resolves with the file's absolute URL on that server, whatever origin the page is
   * on. The server checks type (by extension and content) and size and answers a refusal with
   * its `ChatError`. In a browser the progress is the request body's; elsewhere (fetch) it
   * reports 1 once the server answered.
   */
  async upload(file: File, options: UploadOptions = {}): Promise<string> {
    options.signal?.throwIfAborted();
    const base = serverBase(this.#url);
    const endpoint = new URL(`uploads?name=${encodeURIComponent(file.name)}`, base).href;
    let answer = await postFile(endpoint, file, await this.#uploadToken(false), options);
    // The server no longer takes the token (it expired): a token function brings a fresh one.
    if (answer.status === 401 && typeof this.#token === 'function') answer = await postFile(endpoint, file, await this.#uploadToken(true), options);
    const body = answer.body as { url?: unknown; code?: unknown; message?: unknown } | null;
    if (answer.status === 201 && typeof body?.url === 'string') return new URL(body.url.startsWith('/') ? `.${body.url}` : body.url, base).href;
    throw body && typeof body.code === 'string' ? errorFromWire(body as { code: unknown; message: unknown }) : new ChatError('unavailable', UPLOAD_LOST);
  }

  async #uploadToken(fresh: boolean): Promise<string> {
    if (!fresh && this.#lastToken) return this.#lastToken;
    try {
      return (this.#lastToken = typeof this.#token === 'function' ? await this.#token() : this.#token);
    } catch {
      throw new ChatError('forbidden', 'No token for the upload.');
    }
  }

  // ---- the connection ---------------------------------------------------------------------------

  async #open(): Promise<void> {
    let token: string;
    try {
      token = typeof this.#token === 'function' ? await this.#token() : this.#token;
    } catch {
      this.#failed(false);
      return;
    }
    if (this.#stopped) return;
    this.#lastToken = token;
    let socket: WebSocketLike;
    try {
      socket = new this.#WebSocket(this.#url);
    } catch {
      this.#failed(false);
      return;
    }
    this.#socket = socket;
    this.#expected = 1;
    this.#early.clear();
    socket.onopen = () => {
      const cursors = Object.fromEntries(this.#cursors);
      socket.send(JSON.stringify({ v: PROTOCOL_VERSION, auth: { token, echo: false, ...(this.#epoch ? { epoch: this.#epoch, cursors } : {}) } } satisfies ClientFrame));
    };
    socket.onmessage = (event) => {
      if (this.#socket === socket && typeof event.data === 'string') this.#frame(event.data);
    };
    socket.onclose = (event) => {
      if (this.#socket === socket) this.#closed(event.code);
    };
    socket.onerror = () => {};
  }

  #closed(code: number): void {
    const wasOnline = this.#welcomed;
    this.#drop(new ChatError('unavailable', 'The connection to the chat service was lost.'));
    if (wasOnline) this.#emitStatus('offline');
    // A token refused as it is will be refused again; a token function may bring a fresh one.
    const refused = code === CLOSE_CODES.unauthorized;
    this.#failed(refused && typeof this.#token === 'string');
  }

  /** Waiting to reconnect: try now (the browser says it is online, or the page is visible again). */
  readonly #wake = (): void => {
    if (this.#stopped || this.#socket || globalThis.document?.visibilityState === 'hidden') return;
    clearTimeout(this.#retry);
    void this.#open();
  };

  /** A connection attempt or a connection ended: settle the first connect, then try again later. */
  #failed(fatal: boolean): void {
    this.#socket = undefined;
    if (this.#first) {
      this.#first.reject(new ChatError(fatal ? 'forbidden' : 'unavailable'));
      this.#first = undefined;
    }
    if (fatal) this.#stopped = true;
    if (this.#stopped) return;
    const delay = reconnectDelay(this.#attempt, this.#initialMs, this.#maxMs, this.#random);
    this.#attempt = Math.min(this.#attempt + 1, 30);
    clearTimeout(this.#retry);
    this.#retry = setTimeout(() => void this.#open(), delay);
  }

  /** Forgets the socket: stops the heartbeat and rejects what waited on it. */
  #drop(error: ChatError): void {
    const socket = this.#socket;
    this.#socket = undefined;
    this.#welcomed = false;
    clearInterval(this.#heartbeat);
    clearTimeout(this.#resumeAsked);
    this.#resumeAsked = undefined;
    if (socket) socket.onopen = socket.onmessage = socket.onclose = null;
    const pending = [...this.#requests.values()];
    this.#requests.clear();
    for (const request of pending) request.reject(error);
  }

  #startHeartbeat(): void {
    clearInterval(this.#heartbeat);
    this.#lastHeard = Date.now();
    this.#heartbeat = setInterval(() => {
      const socket = this.#socket;
      if (!socket) return;
      if (Date.now() - this.#lastHeard > 2 * this.#heartbeatMs) {
        // Dead: nothing came back from the last ping. Give the socket up without waiting for its close.
        this.#closed(CLOSE_CODES.deadSocket);
        socket.close(CLOSE_CODES.deadSocket);
        return;
      }
      if (socket.readyState === OPEN) socket.send(JSON.stringify({ v: PROTOCOL_VERSION, ping: Date.now() } satisfies ClientFrame));
    }, this.#heartbeatMs);
  }

  #emitStatus(status: TransportStatus): void {
    for (const listener of [...this.#statusListeners]) listener(status);
  }

  // ---- frames in ----------------------------------------------------------------------------

  #frame(text: string): void {
    let frame: WireFrame;
    try {
      frame = safeParse(text) as WireFrame;
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null || frame.v !== PROTOCOL_VERSION || !Number.isInteger(frame.n)) return;
    this.#lastHeard = Date.now();
    // Frames come in the order the server numbered them: repeats are dropped, early ones wait.
    if (frame.n < this.#expected) return;
    if (frame.n > this.#expected) {
      this.#early.set(frame.n, frame);
      return;
    }
    for (let next: WireFrame | undefined = frame; next; next = this.#early.get(this.#expected)) {
      this.#early.delete(this.#expected);
      this.#expected++;
      this.#handle(next);
      if (!this.#socket) return;
    }
  }

  #handle(frame: WireFrame): void {
    if ('welcome' in frame) {
      const { epoch, reset } = frame.welcome;
      if (reset || (this.#epoch !== undefined && this.#epoch !== epoch)) {
        this.#cursors.clear();
        this.#held.clear();
      }
      this.#epoch = epoch;
      this.#welcomed = true;
      this.#attempt = 0;
      this.#startHeartbeat();
      // The connect() call that asked for this socket learns it from its promise; anyone else from the status.
      const first = this.#first;
      this.#first = undefined;
      if (first) first.resolve();
      else this.#emitStatus('online');
    } else if ('ev' in frame) {
      if (frame.ev.type === 'message') this.#message(frame.ev.message);
      else this.#onEvent?.(frame.ev);
    } else if ('synced' in frame) {
      for (const [conversationId, upTo] of Object.entries(frame.synced.upTo)) this.#advance(conversationId, upTo);
    } else if ('re' in frame) {
      const request = this.#requests.get(frame.re);
      if (!request) return;
      this.#requests.delete(frame.re);
      if (!frame.ok) {
        request.reject(errorFromWire(frame.error));
        return;
      }
      // A snapshot holds the latest page of each chat: nothing older is missing from it.
      if (request.type === 'hello') for (const conversation of (frame.result as Snapshot).conversations) this.#advance(conversation.id, conversation.lastSeq);
      // The server does not echo a sent message to this socket (`echo: false`): the reply is its event.
      if (request.type === 'send') this.#message(frame.result as Message);
      request.resolve(frame.result);
    } else if ('error' in frame) {
      if (frame.error.code === 'forbidden' && !this.#welcomed) this.#first?.reject(errorFromWire(frame.error));
    }
  }

  /** Hands messages over in seq order, each once; a gap holds later ones and asks the server for the missing. */
  #message(message: Message): void {
    const id = message.conversationId;
    const cursor = this.#cursors.get(id) ?? 0;
    if (message.seq <= cursor) return;
    if (message.seq > cursor + 1) {
      let held = this.#held.get(id);
      if (!held) this.#held.set(id, (held = new Map()));
      held.set(message.seq, message);
      this.#askResume();
      return;
    }
    this.#cursors.set(id, message.seq);
    this.#onEvent?.({ type: 'message', message });
    this.#release(id);
  }

  /** Moves a cursor past messages the client has another way (a snapshot) or will never see (deleted for it). */
  #advance(conversationId: string, upTo: number): void {
    if (upTo > (this.#cursors.get(conversationId) ?? 0)) this.#cursors.set(conversationId, upTo);
    this.#release(conversationId);
  }

  #release(conversationId: string): void {
    const held = this.#held.get(conversationId);
    if (!held) return;
    for (const seq of [...held.keys()].sort((a, b) => a - b)) {
      const cursor = this.#cursors.get(conversationId) ?? 0;
      if (seq > cursor + 1) return;
      const message = held.get(seq)!;
      held.delete(seq);
      if (seq === cursor + 1) {
        this.#cursors.set(conversationId, seq);
        this.#onEvent?.({ type: 'message', message });
      }
    }
    this.#held.delete(conversationId);
  }

  #askResume(): void {
    this.#resumeAsked ??= setTimeout(() => {
      this.#resumeAsked = undefined;
      const socket = this.#socket;
      if (this.#welcomed && socket?.readyState === OPEN && this.#held.size > 0) {
        socket.send(JSON.stringify({ v: PROTOCOL_VERSION, resume: { cursors: Object.fromEntries(this.#cursors) } } satisfies ClientFrame));
      }
    }, 100);
  }
}
