import { mkdtempSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import {
  MAX_FRAME_BYTES,
  type ChatEngine, type HistoryAdapter, type HostCall,
  type Notifier, type PaymentsAdapter, type Policy, type User,
} from 'volley-chat';
import { WebSocketServer } from 'ws';
import { Connection, type ConnectionContext } from './connection.js';
import { Hub } from './hub.js';
import { Journal } from './journal.js';
import { silentLogger, type Logger } from './logger.js';
import { MemoryDurableStore } from './memory-store.js';
import { ServerMetrics } from './metrics.js';
import { RateLimiter, type Rate } from './rate-limit.js';
import { createRoutes } from './routes.js';
import { PgStore } from './pg-store.js';
import { SqliteStore } from './sqlite-store.js';
import type { ServerStore } from './store.js';
import { createTokenVerifier, signToken, type TokenClaims } from './token.js';
import { Uploads } from './uploads.js';
import { MemoryOutbox, serverAdapters, type WebhookOptions, type Webhooks } from './webhooks.js';

export interface ServerOptions {
  /**
   * The HMAC secret the host's backend signs HS256 tokens with (at least 16 characters). Needed
   * unless `jwks` is given; `server.token()` and `/dev/token` sign with it.
   */
  secret?: string;
  /**
   * The URL of the host's JSON Web Key Set: tokens signed with the host's private key (RS256,
   * PS256, ES256, EdDSA) are verified with its public keys, so the host need not share a secret.
   */
  jwks?: string;
  /** Every token must carry this `iss` (HS256 ones too; `server.token()` adds it). */
  issuer?: string;
  /** Every token must name this `aud` (HS256 ones too; `server.token()` adds it). */
  audience?: string;
  /** The data folder: the SQLite store (`volley.sqlite`) and uploaded files. */
  dataDir?: string;
  /**
   * PostgreSQL instead of SQLite for the journal, the messages and the webhook outbox: a connection
   * URL (`postgres://user:password@host:5432/db`). The server holds the database's lock until
   * closed (a second server on it is refused with a `DatabaseLockedError`). Uploads still go to
   * `dataDir` (else a temporary folder).
   */
  postgres?: string;
  /** A store of your own (`await PgStore.open(url)` …); without it, `postgres` or `dataDir`, everything is kept in memory. */
  store?: ServerStore;
  /** The rules; without it, those the data was last run under (else the defaults). Another policy than the data's is journaled as a change and applies from then on. */
  policy?: Policy;
  /** Your own adapters (they take precedence over the webhook); a charge or history call longer than `adapterTimeoutMs` declines or answers empty. */
  payments?: PaymentsAdapter;
  notifier?: Notifier;
  history?: HistoryAdapter;
  /** How long a host adapter (payments, history, the webhook's requests) may take. Default 5 s. */
  adapterTimeoutMs?: number;
  /**
   * Signed webhooks (docs/server.md): `charge` synchronously (unless `payments` is given), `notify`
   * alerts (unless `notifier` is given) and, if asked, `message` events at least once. Without a
   * webhook or adapters, charges are accepted and alerts dropped, and nothing is kept of either.
   */
  webhook?: WebhookOptions;
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
   * The error is logged (`fatal`) either way. The library never exits the process: that is the
   * caller's choice (the CLI exits with code 70).
   */
  onFatal?: (error: unknown) => void;
  /**
   * Structured logs (a pino logger, e.g. `createLogger()`): start and stop, fatal store errors,
   * connections refused (origin at info, token at debug), adapter errors. Never a token or a
   * message text. Default: silent.
   */
  logger?: Logger;
  /**
   * `GET /metrics` (Prometheus) answers a caller that sends this as a Bearer token, from
   * anywhere. Without it, only callers on this machine that did not come through a proxy
   * (`X-Forwarded-For`, `Forwarded`) and are not a browser page (`Origin`).
   */
  metricsToken?: string;
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
  readonly logger: Logger;
  /** This server's Prometheus registry and metrics (`metrics.webhookFailures` for a webhook sender to count its failures). */
  readonly metrics: ServerMetrics;
  /** The webhook, when one is set (its pending count and counters). */
  readonly webhooks?: Webhooks;
  /** A journaled host call (`upsertUser`, `setAccountState`, `recordReview`, `recordOrder`). */
  host(call: HostCall): Promise<unknown>;
  /** Signs an HS256 token with this server's secret (and its issuer and audience), valid for `ttlSeconds` (default an hour). Throws without a secret. */
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

/**
 * The reference server: the engine behind a WebSocket (`/ws`), restored from its journal at
 * start, with token authentication, an Origin allowlist (no page gets in unless listed, or in
 * `dev`), rate limits, resume by cursors and an upload endpoint (`POST /uploads?name=…`). It
 * holds its data folder's lock until closed. See docs/protocol.md.
 */
export async function createServer(options: ServerOptions): Promise<VolleyServer> {
  if (options?.secret === undefined ? !options?.jwks : options.secret.length < 16) {
    throw new Error('createServer needs a secret of at least 16 characters, or a JWKS URL (jwks).');
  }
  // The store takes its data's lock here (a DataFolderLockedError or DatabaseLockedError when another server has it).
  const store: ServerStore = options.store
    ?? (options.postgres ? await PgStore.open(options.postgres)
      : options.dataDir ? new SqliteStore(options.dataDir) : new MemoryDurableStore());
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

async function serve(options: ServerOptions, store: ServerStore): Promise<VolleyServer> {
  const { secret } = options;
  const heartbeatMs = options.heartbeatMs ?? 5000;
  const allowed = new Set(options.origins ?? []);
  const originAllowed = (origin: string | undefined) => origin === undefined || allowed.has(origin) || options.dev === true;
  const devUsers = options.devUsers && new Map(options.devUsers.map((user) => [user.id, user]));
  const logger = options.logger ?? silentLogger();
  let stopped: ((error: unknown) => void) | undefined;
  // What the gauges read, wired once the journal and the hub exist.
  const gauges = { connections: () => 0, queueDepth: () => 0 };
  const metrics = new ServerMetrics(gauges);
  let gate = (work: () => void) => work();
  // Webhook failures go to the log and are counted by event (a charge's lines name no event type).
  const webhookFailed = (fields: Record<string, unknown>) => metrics.webhookFailures.inc({ event: typeof fields.type === 'string' ? fields.type : 'charge' });
  const webhookLog = {
    warn: (fields: Record<string, unknown>, message: string) => { webhookFailed(fields); logger.warn(fields, message); },
    error: (fields: Record<string, unknown>, message: string) => { webhookFailed(fields); logger.error(fields, message); },
  };
  const { webhooks, ...adapters } = serverAdapters(options, () => store.outbox ?? new MemoryOutbox(), (work) => gate(work), webhookLog);
  const journal = await Journal.open({
    store, policy: options.policy, basePolicy: await keptPolicy(store), ...adapters, onCommit: webhooks && ((records) => webhooks.onRecords(records)),
    maxBatch: options.maxBatch, snapshotEvery: store.snapshotEvery,
    onBatch: (batch) => metrics.batch(batch),
    // Until the server is up, a failure reaches the caller as createServer's rejection.
    onFatal: (error) => stopped?.(error),
    // Development: every user a host call added (before a restart too) gets dev tokens.
    onUser: devUsers && ((user) => devUsers.set(user.id, user)),
  });
  const { engine } = journal;
  engine.on('adapter-error', ({ adapter, cause }) => logger.error({ adapter, err: cause }, `the ${adapter} adapter failed`));
  gate = (work) => journal.later(work);
  try {
    if (journal.fresh) for (const call of options.seed ?? []) await journal.host(call);
    for (const user of devUsers?.values() ?? []) await journal.ensureUser(user);
  } catch (error) {
    webhooks?.close();
    await journal.close();
    throw error;
  }
  webhooks?.start();
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const userLimit = new RateLimiter(limits.user);
  const connectionLimit = new RateLimiter(limits.connections);
  const verify = createTokenVerifier({ secret, jwks: options.jwks, issuer: options.issuer, audience: options.audience });
  const signUser = (user: User, ttlSeconds = 3600) => {
    if (secret === undefined) throw new Error('This server has no secret to sign tokens with (it verifies tokens from its JWKS).');
    return signToken({
      sub: user.id, role: user.role, ...(user.name ? { name: user.name } : {}), ...(user.teamId ? { team: user.teamId } : {}),
      exp: Math.floor(Date.now() / 1000) + ttlSeconds,
      ...(options.issuer !== undefined ? { iss: options.issuer } : {}), ...(options.audience !== undefined ? { aud: options.audience } : {}),
    }, secret);
  };

  const hub = new Hub(engine, heartbeatMs);
  gauges.connections = () => hub.size;
  gauges.queueDepth = () => journal.queued;
  const context: ConnectionContext = {
    journal, engine, hub, epoch: store.epoch, heartbeatMs, authTimeoutMs: options.authTimeoutMs ?? 10_000,
    userLimit, ipLimit: new RateLimiter(limits.ip), verify, logger, metrics,
  };
  const route = createRoutes({
    journal, userLimit, verify, originAllowed, devUsers, epoch: store.epoch, logger, metrics, metricsToken: options.metricsToken,
    uploads: new Uploads(options.dataDir ?? mkdtempSync(join(tmpdir(), 'volley-uploads-')), journal.engine.policy.attachments),
    connections: () => hub.size,
    token: (user) => signUser(user),
    wsUrl: (request) => `ws://${request.headers.host ?? `${shownHost}:${port}`}/ws`,
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload ?? MAX_FRAME_BYTES });
  const http = createHttpServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      logger.error({ err: error, path: request.url?.split('?')[0] }, 'an HTTP request failed');
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
    const ip = request.socket.remoteAddress ?? '';
    if (!originAllowed(request.headers.origin)) {
      metrics.refusals.inc({ reason: 'origin' });
      logger.info({ ip, origin: request.headers.origin }, 'connection refused: origin not allowed (list it with --origin)');
      return refuse(403, 'Forbidden');
    }
    if (!connectionLimit.take(ip)) {
      metrics.refusals.inc({ reason: 'rate-connect' });
      logger.debug({ ip }, 'connection refused: too many connections from this address');
      return refuse(429, 'Too Many Requests');
    }
    wss.handleUpgrade(request, socket, head, (ws) => new Connection(ws, ip, context));
  });

  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port ?? 8787, host, () => resolve());
    });
  } catch (error) {
    hub.closeAll();
    wss.close();
    webhooks?.close();
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
    logger,
    metrics,
    webhooks,
    host: (call) => journal.host(call),
    token: (user, ttlSeconds) => signUser(user, ttlSeconds),
    connections: () => hub.size,
    disconnect: (userId) => hub.disconnect(userId),
    close() {
      closing ??= stop();
      return closing;
    },
  };
  let closing: Promise<void> | undefined;
  async function stop(): Promise<void> {
    hub.closeAll();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    hub.terminateAll();
    await new Promise<void>((resolve) => http.close(() => resolve()));
    webhooks?.close();
    // Rejects with the store's error when one stopped the journal.
    await journal.close();
    logger.info({ epoch: store.epoch }, 'volley-chat-server: stopped');
  }

  // The store failed: memory is ahead of the disk. Stop serving, then tell the owner, who restarts.
  const failed = journal.fatal;
  if (failed) {
    await stop().catch(() => {});
    throw failed.error;
  }
  stopped = (error) => {
    logger.fatal({ err: error }, 'volley-chat-server: the store could not make a batch durable; the server stops (restart it to recover from the journal)');
    closing ??= stop();
    void closing.catch(() => {}).then(() => options.onFatal?.(error));
  };
  const where = options.store ? 'a store of its own' : store instanceof PgStore ? store.database : options.dataDir ? options.dataDir : 'memory';
  logger.info({ url: server.url, wsUrl: server.wsUrl, epoch: store.epoch, snapshot: journal.restored, replayed: journal.replayed, data: where },
    `volley-chat-server: ${server.wsUrl} (epoch ${store.epoch}, ${journal.restored ? 'a snapshot and ' : ''}${journal.replayed} journal entries restored${where === 'memory' ? ', in memory' : ` from ${where}`})`);
  return server;
}

/**
 * The policy is part of the journal's state (a change is journaled); data written before that
 * kept it beside the journal, and a journal with no snapshot yet replays from it.
 */
async function keptPolicy(store: ServerStore): Promise<Policy | undefined> {
  const kept = await store.meta?.('policy');
  return kept === undefined ? undefined : JSON.parse(kept);
}
