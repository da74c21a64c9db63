import { mkdtempSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import {
  ChatError, MAX_FRAME_BYTES, isChatError,
  type ChatEngine, type ChatEvent, type DurableStore, type HistoryAdapter, type HostCall, type Message,
  type Notifier, type PaymentsAdapter, type Policy, type Snapshot, type User,
} from 'volley-chat';
import { ERROR_MESSAGES } from 'volley-chat/rules';
import { CLOSE_CODES, PROTOCOL_VERSION, safeParse, type Cursors } from 'volley-chat/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { Journal, type Outcome } from './journal.js';
import { MemoryDurableStore } from './memory-store.js';
import { RateLimiter, type Rate } from './rate-limit.js';
import { SqliteStore } from './sqlite-store.js';
import { signToken, verifyToken, type TokenClaims } from './token.js';
import { Uploads } from './uploads.js';

export interface ServerOptions {
  /** The HMAC secret the host's backend signs tokens with. */
  secret: string;
  /** The data folder: the SQLite store (`volley.sqlite`) and uploaded files. */
  dataDir?: string;
  /** A store of your own (PostgreSQL …); without it and without `dataDir` everything is kept in memory. */
  store?: DurableStore;
  /** The rules; without it, those the data was last run under (else the defaults). Another policy than the data's is journaled as a change and applies from then on. */
  policy?: Policy;
  payments?: PaymentsAdapter;
  notifier?: Notifier;
  history?: HistoryAdapter;
  /** Default 8787; 0 takes any free port. */
  port?: number;
  /** Default 127.0.0.1 (put a TLS-terminating proxy in front for the outside world). */
  host?: string;
  /**
   * Pages allowed to connect and upload (their `Origin`, e.g. `https://shop.example`). Without
   * it every request that carries an `Origin` header (every browser page) is refused with 403,
   * unless `dev` is set; clients that send none (your backend, native apps) are not affected.
   */
  origins?: string[];
  /** Development only: pages on any origin may connect (`npm start`, `--dev`). Never set it in production. */
  dev?: boolean;
  /** Largest frame a client may send; default 64 KiB. */
  maxPayload?: number;
  /** The heartbeat clients are told to keep; a connection silent for three is closed. Default 5 s. */
  heartbeatMs?: number;
  /** How long a connection has to authenticate. Default 10 s. */
  authTimeoutMs?: number;
  limits?: { user?: Rate; ip?: Rate; connections?: Rate };
  /**
   * Development only: these users are created at start, and `GET /dev/token?user=<id>` hands a
   * token for one of them to a caller on this machine (loopback); `POST /dev/host` with a
   * `HostCall` as JSON runs it, journaled (a user it upserts gets dev tokens too). Never set it in production.
   */
  devUsers?: User[];
  /** Host calls run once, journaled, when the store is new (its journal is empty): a world's users and orders. */
  seed?: HostCall[];
  /** Most jobs per disk sync. */
  maxBatch?: number;
  /**
   * The store could not make a batch durable (a full or failing disk): the server has stopped
   * itself (sockets dropped, no longer listening, the store closed) and `close()` rejects with
   * this error. Restart it (a new `createServer` on the same data) to recover from the journal.
   * Called once; without it the error is logged with `console.error`. The library never exits
   * the process: that is the caller's choice (the CLI exits with code 70).
   */
  onFatal?: (error: unknown) => void;
}

export interface VolleyServer {
  /** `http://host:port` */
  readonly url: string;
  /** `ws://host:port/ws` */
  readonly wsUrl: string;
  readonly port: number;
  readonly epoch: string;
  readonly engine: ChatEngine;
  readonly journal: Journal;
  readonly http: Server;
  /** A journaled host call (`upsertUser`, `setAccountState`, `recordReview`, `recordOrder`). */
  host(call: HostCall): Promise<unknown>;
  /** Signs a token with this server's secret, valid for `ttlSeconds` (default an hour). */
  token(user: { id: string; role: TokenClaims['role']; name?: string; teamId?: string }, ttlSeconds?: number): string;
  connections(): number;
  /** Drops a user's sockets (a revoked session); their clients reconnect with a fresh token or not at all. Returns how many. */
  disconnect(userId: string): number;
  close(): Promise<void>;
}

const DEFAULT_LIMITS = {
  user: { perSecond: 20, burst: 60 },
  ip: { perSecond: 200, burst: 400 },
  connections: { perSecond: 10, burst: 50 },
};
const MAX_BUFFERED = 8 * 1024 * 1024;
const MAX_CURSORS = 10_000;
const HISTORY_PAGE = 500;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isLoopback = (address: string | undefined) => address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';

/** Per-conversation cursors as a client may send them, or null. */
function readCursors(value: unknown): Cursors | null {
  if (value === undefined) return {};
  if (!isRecord(value)) return null;
  const entries = Object.entries(value);
  if (entries.length > MAX_CURSORS) return null;
  const cursors: Cursors = Object.create(null);
  for (const [id, seq] of entries) {
    if (id.length > 128 || typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0) return null;
    cursors[id] = seq;
  }
  return cursors;
}

/** One client's socket: numbered frames out, through the journal's gate. */
class Connection {
  userId?: string;
  authenticating = false;
  lastHeard = Date.now();
  detach?: () => void;
  #n = 0;

  constructor(readonly socket: WebSocket, readonly ip: string, private readonly journal: Journal) {}

  get open(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  send(frame: Record<string, unknown>): void {
    this.journal.later(() => {
      if (!this.open) return;
      this.socket.send(JSON.stringify({ v: PROTOCOL_VERSION, n: ++this.#n, ...frame }));
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

  end(): void {
    this.detach?.();
    this.detach = undefined;
  }
}

function toWireError(error: unknown): { code: ChatError['code']; message: string } {
  return (isChatError(error) ? error : new ChatError('unavailable', 'The request failed on the server.')).toJSON();
}

/**
 * The reference server: the engine behind a WebSocket (`/ws`), restored from its journal at
 * start, with token authentication, an Origin allowlist (no page gets in unless listed, or in
 * `dev`), rate limits, resume by cursors and an upload endpoint (`POST /uploads?name=…`). It
 * holds its data folder's lock until closed. See docs/protocol.md.
 */
export async function createServer(options: ServerOptions): Promise<VolleyServer> {
  if (!options?.secret || options.secret.length < 16) throw new Error('createServer needs a secret of at least 16 characters.');
  // SqliteStore takes the data folder's lock here (a DataFolderLockedError when another server has it).
  const store = options.store ?? (options.dataDir ? new SqliteStore(options.dataDir) : new MemoryDurableStore());
  try {
    return await serve(options, store);
  } catch (error) {
    // A start that failed half way lets go of the store, and with it the data folder's lock.
    try {
      await store.close();
    } catch {
      // Closed already (the journal closes it), or it never opened: the start's error is the one to report.
    }
    throw error;
  }
}

async function serve(options: ServerOptions, store: DurableStore): Promise<VolleyServer> {
  const { secret } = options;
  const heartbeatMs = options.heartbeatMs ?? 5000;
  const authTimeoutMs = options.authTimeoutMs ?? 10_000;
  const allowed = new Set(options.origins ?? []);
  /** Whether a request from this `Origin` (undefined: not from a browser) may connect or upload. */
  const originAllowed = (origin: string | undefined) => origin === undefined || allowed.has(origin) || options.dev === true;
  const devUsers = options.devUsers && new Map(options.devUsers.map((user) => [user.id, user]));
  let stopped: ((error: unknown) => void) | undefined;
  const journal = await Journal.open({
    store, policy: options.policy, basePolicy: keptPolicy(store), payments: options.payments, notifier: options.notifier, history: options.history,
    maxBatch: options.maxBatch,
    // Until the server is up, a failure reaches the caller as createServer's rejection.
    onFatal: (error) => stopped?.(error),
    // Development: every user a host call added (before a restart too) gets dev tokens.
    onUser: devUsers && ((user) => devUsers.set(user.id, user)),
  });
  const { engine } = journal;
  try {
    if (journal.fresh) for (const call of options.seed ?? []) await journal.host(call);
    for (const user of devUsers?.values() ?? []) await journal.ensureUser(user);
  } catch (error) {
    await journal.close();
    throw error;
  }
  const uploads = new Uploads(options.dataDir ?? mkdtempSync(join(tmpdir(), 'volley-uploads-')), engine.policy.attachments);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const userLimit = new RateLimiter(limits.user);
  const ipLimit = new RateLimiter(limits.ip);
  const connectionLimit = new RateLimiter(limits.connections);
  const connections = new Set<Connection>();

  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload ?? MAX_FRAME_BYTES });
  const http = createHttpServer((request, response) => {
    handleHttp(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path !== '/ws') return refuse(404, 'Not Found');
    // Browsers always send Origin: a page not on the list cannot open a socket with its user's token.
    if (!originAllowed(request.headers.origin)) return refuse(403, 'Forbidden');
    if (!connectionLimit.take(request.socket.remoteAddress ?? '')) return refuse(429, 'Too Many Requests');
    wss.handleUpgrade(request, socket, head, (ws) => accept(ws, request.socket.remoteAddress ?? ''));
  });

  function accept(socket: WebSocket, ip: string): void {
    const connection = new Connection(socket, ip, journal);
    connections.add(connection);
    const authTimer = setTimeout(() => {
      if (!connection.userId) {
        connection.error('forbidden', 'Authenticate with a token in the first frame.');
        journal.later(() => socket.close(CLOSE_CODES.unauthorized, 'No token.'));
      }
    }, authTimeoutMs);
    socket.on('message', (data, isBinary) => {
      connection.lastHeard = Date.now();
      try {
        onFrame(connection, isBinary ? null : data.toString());
      } catch {
        connection.error('invalid', 'The frame could not be read.');
      }
    });
    socket.on('pong', () => (connection.lastHeard = Date.now()));
    socket.on('close', () => {
      clearTimeout(authTimer);
      connections.delete(connection);
      connection.end();
    });
    socket.on('error', () => socket.terminate());
  }

  function onFrame(connection: Connection, text: string | null): void {
    if (!ipLimit.take(connection.ip)) return connection.error('rate-limited', undefined, requestIdOf(text));
    if (text === null) return connection.error('invalid', 'Frames are JSON text.');
    let frame: unknown;
    try {
      frame = safeParse(text);
    } catch {
      return connection.error('invalid', 'The frame is not valid JSON.');
    }
    if (!isRecord(frame)) return connection.error('invalid', 'A frame is a JSON object.');
    if (frame.v !== PROTOCOL_VERSION) return connection.error('invalid', `Unsupported protocol version: this server speaks ${PROTOCOL_VERSION}.`);
    const id = frame.id;
    if (id !== undefined && (typeof id !== 'string' || id.length === 0 || id.length > 128)) return connection.error('invalid', 'A request id is a string of 1 to 128 characters.');
    if ('auth' in frame) return authenticate(connection, frame.auth);
    if (!connection.userId) return connection.error('forbidden', 'Authenticate first.', id as string | undefined);
    if ('ping' in frame) return connection.send({ pong: typeof frame.ping === 'number' ? frame.ping : 0 });
    if ('resume' in frame) {
      const cursors = readCursors(isRecord(frame.resume) ? frame.resume.cursors : null);
      if (!cursors) return connection.error('invalid', 'Cursors map conversation ids to whole numbers.');
      const userId = connection.userId;
      return journal.read(() => missed(userId, cursors), (outcome) => {
        if (outcome.ok) sendMissed(connection, outcome.value);
        else connection.error('unavailable');
      });
    }
    if (id === undefined) return connection.error('invalid', 'Unknown frame: expected auth, a request (id, cmd), ping or resume.');
    if (!('cmd' in frame)) return connection.error('invalid', 'A request needs a command.', id as string);
    if (!userLimit.take(connection.userId)) return connection.error('rate-limited', undefined, id as string);
    journal.command(connection.userId, frame.cmd, (outcome) => connection.reply(id as string, outcome));
  }

  function authenticate(connection: Connection, auth: unknown): void {
    if (connection.userId || connection.authenticating) return connection.error('invalid', 'This connection is already authenticated.');
    const claims = isRecord(auth) ? verifyToken(auth.token, secret) : null;
    const cursors = isRecord(auth) ? readCursors(auth.cursors) : null;
    const epoch = isRecord(auth) ? auth.epoch : undefined;
    if (!claims) {
      connection.error('forbidden', 'The token is missing, expired or not signed by this host.');
      journal.later(() => connection.socket.close(CLOSE_CODES.unauthorized, 'Bad token.'));
      return;
    }
    if (!cursors || (epoch !== undefined && typeof epoch !== 'string')) return connection.error('invalid', 'Resume needs an epoch string and cursors of whole numbers.');
    connection.authenticating = true;
    const user: User = { id: claims.sub, role: claims.role, ...(claims.name ? { name: claims.name } : {}), ...(claims.team ? { teamId: claims.team } : {}) };
    void journal.ensureUser(user)?.catch(() => {});
    // In order with every change: what was missed is read, and live events start, at one point.
    journal.read(async () => {
      if (!connection.open) return null;
      const reset = typeof epoch === 'string' && epoch !== store.epoch;
      const resumed = typeof epoch === 'string' && !reset ? await missed(user.id, cursors) : undefined;
      connection.detach = engine.connect(user.id, (event) => connection.send({ ev: event }));
      // Closed while this ran: its close handler found nothing to detach yet.
      if (!connection.open) connection.end();
      return { reset, resumed };
    }, (outcome) => {
      connection.authenticating = false;
      if (!outcome.ok || !outcome.value) {
        connection.error('unavailable', 'The connection could not be opened.');
        journal.later(() => connection.socket.close(CLOSE_CODES.unauthorized));
        return;
      }
      connection.userId = user.id;
      connection.send({ welcome: { userId: user.id, epoch: store.epoch, reset: outcome.value.reset, heartbeatMs } });
      if (outcome.value.resumed) sendMissed(connection, outcome.value.resumed);
    });
  }

  /** The messages a user has not seen, per conversation in seq order, and how far each conversation goes. */
  async function missed(userId: string, cursors: Cursors): Promise<{ events: ChatEvent[]; upTo: Cursors }> {
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

  function sendMissed(connection: Connection, { events, upTo }: { events: ChatEvent[]; upTo: Cursors }): void {
    for (const ev of events) connection.send({ ev });
    connection.send({ synced: { upTo } });
  }

  // ---- HTTP ---------------------------------------------------------------------------------

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://x');
    const origin = request.headers.origin;
    if (origin !== undefined && originAllowed(origin)) {
      response.setHeader('access-control-allow-origin', origin);
      response.setHeader('vary', 'Origin');
    }
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === '/health' && request.method === 'GET') return json(200, { ok: true, epoch: store.epoch, connections: connections.size });
    if (url.pathname === '/uploads' && request.method === 'OPTIONS') {
      response.writeHead(204, { 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'authorization, content-type', 'access-control-max-age': '600' });
      return void response.end();
    }
    if (url.pathname === '/uploads' && request.method === 'POST') {
      if (!originAllowed(origin)) return json(403, new ChatError('forbidden', ERROR_MESSAGES.forbidden).toJSON());
      const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      const claims = verifyToken(bearer, secret);
      if (!claims) return json(401, new ChatError('forbidden', 'Send the user token as a Bearer authorization.').toJSON());
      if (!userLimit.take(claims.sub)) return json(429, new ChatError('rate-limited', ERROR_MESSAGES['rate-limited']).toJSON());
      const name = url.searchParams.get('name') ?? '';
      if (!name || name.length > 255) return json(400, new ChatError('invalid', 'Name the file: ?name=photo.png').toJSON());
      const result = await uploads.receive(request, name, claims.sub);
      if ('status' in result) {
        // Stop reading a refused body; the client has its answer.
        response.setHeader('connection', 'close');
        return json(result.status, { code: result.code, message: result.message });
      }
      return json(201, result);
    }
    const file = /^\/uploads\/([^/]+)$/.exec(url.pathname);
    if (file && request.method === 'GET') return uploads.serve(file[1], response);
    if (url.pathname.startsWith('/dev/') && devUsers && isLoopback(request.socket.remoteAddress)) {
      if (url.pathname === '/dev/token' && request.method === 'GET') {
        const user = devUsers.get(url.searchParams.get('user') ?? '');
        if (!user) return json(404, new ChatError('not-found', 'No such dev user.').toJSON());
        return json(200, { token: server.token(user), url: `ws://${request.headers.host ?? `${host}:${port}`}/ws` });
      }
      if (url.pathname === '/dev/host' && request.method === 'POST') {
        const call = await readDevHostCall(request);
        if (!call) return json(400, new ChatError('invalid', `Send a host call as JSON: { "name": one of ${HOST_CALLS.join(', ')}, "args": [...] }.`).toJSON());
        try {
          const result = await journal.host(call);
          return json(200, { result: result ?? null });
        } catch (error) {
          return json(400, toWireError(error));
        }
      }
      if (url.pathname === '/dev/clock' && request.method === 'POST') {
        const { advanceMs } = ((await readJson(request)) ?? {}) as { advanceMs?: unknown };
        if (typeof advanceMs !== 'number' || !(advanceMs >= 0)) return json(400, new ChatError('invalid', 'Send { "advanceMs": a number of milliseconds ≥ 0 }.').toJSON());
        journal.clock.advance(advanceMs);
        return json(200, { now: journal.clock.now() });
      }
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  }

  const sweep = setInterval(() => {
    const deadline = Date.now() - 3 * heartbeatMs;
    for (const connection of connections) {
      if (connection.lastHeard < deadline) connection.socket.terminate();
      else if (connection.open) connection.socket.ping();
    }
  }, heartbeatMs);

  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port ?? 8787, host, () => resolve());
    });
  } catch (error) {
    clearInterval(sweep);
    wss.close();
    await journal.close();
    throw error;
  }
  const port = (http.address() as { port: number }).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;

  const server: VolleyServer = {
    url: `http://${shownHost}:${port}`,
    wsUrl: `ws://${shownHost}:${port}/ws`,
    port,
    epoch: store.epoch,
    engine,
    journal,
    http,
    host: (call) => journal.host(call),
    token: (user, ttlSeconds = 3600) => signToken({
      sub: user.id, role: user.role, ...(user.name ? { name: user.name } : {}), ...(user.teamId ? { team: user.teamId } : {}),
      exp: Math.floor(Date.now() / 1000) + ttlSeconds,
    }, secret),
    connections: () => connections.size,
    disconnect(userId) {
      let dropped = 0;
      for (const connection of connections) {
        if (connection.userId !== userId) continue;
        connection.socket.terminate();
        dropped++;
      }
      return dropped;
    },
    close() {
      closing ??= stop();
      return closing;
    },
  };
  let closing: Promise<void> | undefined;
  async function stop(): Promise<void> {
    clearInterval(sweep);
    for (const connection of connections) connection.socket.close(CLOSE_CODES.goingAway, 'Server shutting down.');
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    for (const connection of connections) connection.socket.terminate();
    await new Promise<void>((resolve) => http.close(() => resolve()));
    // Rejects with the store's error when one stopped the journal.
    await journal.close();
  }

  // The store failed: memory is ahead of the disk. Stop serving, then tell the owner, who restarts.
  const failed = journal.fatal;
  if (failed) {
    await stop().catch(() => {});
    throw failed.error;
  }
  stopped = (error) => {
    closing ??= stop();
    void closing.catch(() => {}).then(() => (options.onFatal ?? logFatal)(error));
  };
  return server;
}

function logFatal(error: unknown): void {
  console.error('volley-chat-server: the store could not make a batch durable; the server stopped (restart it to recover from the journal).', error);
}

const HOST_CALLS: readonly HostCall['name'][] = ['upsertUser', 'setAccountState', 'recordReview', 'recordOrder'];
const MAX_DEV_BODY = 16 * 1024;

/** A dev host call from a request body, or null; the engine checks the arguments themselves. */
async function readDevHostCall(request: IncomingMessage): Promise<HostCall | null> {
  const call = await readJson(request);
  return isRecord(call) && HOST_CALLS.includes(call.name as HostCall['name']) && Array.isArray(call.args) ? call as HostCall : null;
}

/** A development endpoint's JSON body; null when it is too long or not JSON. */
async function readJson(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request as AsyncIterable<Buffer>) {
    text += chunk.toString('utf8');
    if (text.length > MAX_DEV_BODY) return null;
  }
  try {
    return safeParse(text);
  } catch {
    return null;
  }
}

function requestIdOf(text: string | null): string | undefined {
  if (!text) return undefined;
  try {
    const frame = safeParse(text);
    return isRecord(frame) && typeof frame.id === 'string' && frame.id.length <= 128 ? frame.id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The policy is part of the journal's state (a change is journaled); data written before that
 * kept it beside the journal, and a journal with no snapshot yet replays from it.
 */
function keptPolicy(store: DurableStore): Policy | undefined {
  const kept = store instanceof SqliteStore ? store.meta('policy') : undefined;
  return kept === undefined ? undefined : JSON.parse(kept);
}
