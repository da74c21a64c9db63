import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import {
  ChatError, SystemClock,
  type Charge, type Clock, type HistoryAdapter, type Notifier, type PaymentsAdapter, type StoreRecord,
} from 'volley-chat';

/** The events a webhook may be sent besides `charge` (which is always sent when a webhook is set). */
export type WebhookEventType = 'notify' | 'message';

export interface WebhookOptions {
  /** Where every event is POSTed (JSON, signed). */
  url: string;
  /**
   * Signs every request (`Volley-Signature`), at least 16 characters. Its own secret, not the
   * token secret: whoever receives webhooks then cannot mint users' tokens.
   */
  secret: string;
  /** Which events besides `charge` are sent: default `['notify']`. */
  events?: WebhookEventType[];
  /** How long one request may take (a charge declines after it, a delivery is retried). Default 5 s. */
  timeoutMs?: number;
  /** Retries of `notify` and `message` events: exponential backoff with jitter, then the dead letters. */
  retry?: {
    /** The first retry's delay; each next one doubles. Default 1 s. */
    baseMs?: number;
    /** The longest delay between two attempts. Default 10 min. */
    maxMs?: number;
    /** Attempts before an event goes to the dead letters. Default 15. */
    maxAttempts?: number;
    /** Age after which an event that still fails goes to the dead letters. Default 24 h. */
    maxAgeMs?: number;
  };
  /** Deliveries in flight at once (each conversation's events stay in order). Default 8. */
  concurrency?: number;
  /** Tests: the clock retries are timed by, and the jitter's source (0 ≤ random() < 1). */
  clock?: Clock;
  random?: () => number;
}

/** A `notify` or `message` event waiting to be delivered (the outbox keeps these until a 2xx). */
export interface OutboxEvent {
  /** The event id: the receiver's idempotency key, the same on every attempt and after a restart. */
  id: string;
  type: WebhookEventType;
  /** Events of one key (a conversation, or a user for alerts outside one) are delivered in order. */
  key: string;
  /** The JSON body, as signed and sent. */
  body: string;
  createdAt: number;
  attempts: number;
  /** Not before this time (ms). */
  nextAt: number;
}

/**
 * Where undelivered events wait. Written in the same store transaction as the batch that raised
 * them (a crash loses none; a replay, which mutes the notifier, adds none), read oldest first.
 * Every method but `add` may answer with a promise (a network database: PostgreSQL).
 */
export interface Outbox {
  /** Joins the open batch's transaction (synchronous: the engine's notifier calls it; a store that writes later reports a failure with the batch). */
  add(event: OutboxEvent): void;
  /** The oldest `limit` events still to deliver, in the order they were added. */
  pending(limit: number): OutboxEvent[] | Promise<OutboxEvent[]>;
  delivered(id: string): void | Promise<void>;
  failed(id: string, attempts: number, nextAt: number, error: string): void | Promise<void>;
  /** Gives up: the event moves to the dead letters. */
  dead(id: string, attempts: number, error: string): void | Promise<void>;
  count(): number | Promise<number>;
  /** Runs the updates `work` makes (synchronously) as one write (one disk sync for a batch of answers). */
  batch(work: () => void): void | Promise<void>;
}

/** The outbox of a server without a SQLite store (`--memory`, tests): lost on stop, like the rest of its data. */
export class MemoryOutbox implements Outbox {
  readonly #events = new Map<string, OutboxEvent>();
  /** The last few dead letters, for a look (bounded). */
  readonly deadLetters: (OutboxEvent & { error: string })[] = [];

  add(event: OutboxEvent): void {
    if (!this.#events.has(event.id)) this.#events.set(event.id, { ...event });
  }

  pending(limit: number): OutboxEvent[] {
    const out: OutboxEvent[] = [];
    for (const event of this.#events.values()) {
      if (out.length >= limit) break;
      out.push({ ...event });
    }
    return out;
  }

  delivered(id: string): void {
    this.#events.delete(id);
  }

  failed(id: string, attempts: number, nextAt: number): void {
    const event = this.#events.get(id);
    if (event) Object.assign(event, { attempts, nextAt });
  }

  dead(id: string, attempts: number, error: string): void {
    const event = this.#events.get(id);
    if (!event) return;
    this.#events.delete(id);
    this.deadLetters.push({ ...event, attempts, error });
    if (this.deadLetters.length > 100) this.deadLetters.shift();
  }

  count(): number {
    return this.#events.size;
  }

  batch(work: () => void): void {
    work();
  }
}

/** Structured log lines (pino's call shape: an object, then the message). */
export interface WebhookLog {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

const consoleLog: WebhookLog = {
  warn: (fields, message) => console.warn(`volley-chat-server: ${message}`, JSON.stringify(fields)),
  error: (fields, message) => console.error(`volley-chat-server: ${message}`, JSON.stringify(fields)),
};

export const SIGNATURE_HEADER = 'volley-signature';
export const EVENT_ID_HEADER = 'volley-event-id';
export const EVENT_TYPE_HEADER = 'volley-event-type';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` */
export function signWebhook(rawBody: string | Buffer, secret: string, timestampSeconds = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.`).update(rawBody).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

/**
 * Whether a webhook request came from this server: `rawBody` exactly as received (before any JSON
 * parsing), the `Volley-Signature` header, the webhook secret, and how old a request may be
 * (default 5 min; 0 skips the check). Any `v1` in the header may match (a secret being rotated).
 */
export function verifyWebhook(rawBody: string | Buffer, header: string | null | undefined, secret: string, toleranceSeconds = 300, nowMs = Date.now()): boolean {
  if (typeof header !== 'string' || !secret) return false;
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const at = part.indexOf('=');
    const name = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (name === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (name === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) return false;
  if (toleranceSeconds > 0 && Math.abs(nowMs / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(rawBody, secret, timestamp).slice(`t=${timestamp},v1=`.length), 'hex');
  return signatures.some((signature) => timingSafeEqual(Buffer.from(signature, 'hex'), expected));
}

/** A promise that settles as `work` does, or with `fallback()` after `ms` (a host adapter that never answers). */
export function withTimeout<T>(work: Promise<T>, ms: number, fallback: () => T | Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => {
      try {
        resolve(fallback());
      } catch (error) {
        reject(error);
      }
    }, ms);
    timer.unref?.();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** A host's payments adapter whose charge declines after `ms`. */
export function paymentsWithTimeout(payments: PaymentsAdapter, ms: number): PaymentsAdapter {
  return {
    charge: (charge) => withTimeout(Promise.resolve().then(() => payments.charge(charge)), ms, () => {
      throw new ChatError('payment-declined', 'The payment could not be confirmed in time.');
    }),
  };
}

/** A host's history adapter that answers empty after `ms`. */
export function historyWithTimeout(history: HistoryAdapter, ms: number): HistoryAdapter {
  const context = history.context?.bind(history);
  return {
    engagementHistory: (customerId, providerId) => {
      const answer = history.engagementHistory(customerId, providerId);
      return answer instanceof Promise ? withTimeout(answer, ms, () => []) : answer;
    },
    ...(context && {
      context: (customerId: string, conversationId: string) => {
        const answer = context(customerId, conversationId);
        return answer instanceof Promise ? withTimeout(answer, ms, () => ({})) : answer;
      },
    }),
  };
}

/** Pending events read per look: enough to find heads for every free slot without reading a backlog whole. */
const SCAN = 256;
const MAX_DECLINE_MESSAGE = 300;

/** A stable id from parts (an idempotency key a retry of the same thing repeats). */
const stableId = (prefix: string, ...parts: unknown[]) => `${prefix}_${createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32)}`;

/**
 * The server's webhook: `charge` synchronously (the engine's payments adapter: 2xx accepts, 402
 * declines with the receiver's message, anything else, a network error or the timeout declines),
 * `notify` and `message` events at least once through the outbox (retried with backoff and jitter,
 * in order per conversation, resumed after a restart).
 */
export class Webhooks {
  readonly payments: PaymentsAdapter;
  /** Present when `notify` events are on. */
  readonly notifier?: Notifier;
  readonly #url: URL;
  /** Kept-alive connections to the receiver (a new TCP and TLS handshake per event would cost more than the event). */
  readonly #agent: http.Agent;
  readonly #secret: string;
  readonly #events: ReadonlySet<WebhookEventType>;
  readonly #timeoutMs: number;
  readonly #baseMs: number;
  readonly #maxMs: number;
  readonly #maxAttempts: number;
  readonly #maxAgeMs: number;
  readonly #concurrency: number;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #outbox: Outbox;
  readonly #gate: (work: () => void) => void;
  readonly #log: WebhookLog;
  readonly #closing = new AbortController();
  readonly #inFlight = new Set<string>();
  /** Answers not yet written to the outbox: written together at the next look. */
  #answers: { event: OutboxEvent; failure?: string }[] = [];
  readonly #settled: (() => void)[] = [];
  #kickQueued = false;
  /** The look running (records answers, then scans): one at a time, so a scan never reads an answer half written. */
  #looking: Promise<void> | undefined;
  /** The first scan after a start: a restart resumes pending deliveries at once. */
  #resuming = false;
  #retryTimer: { id: number; at: number } | undefined;
  #closed = false;
  /** Counters for the operator (metrics). */
  readonly stats = { delivered: 0, failed: 0, dead: 0, chargesDeclined: 0 };

  /**
   * `gate` runs its callback once the journal's open batch is durable (at once outside a batch):
   * the outbox is read and written only between batches, so an event is sent only once the batch
   * that raised it is on disk.
   */
  constructor(options: WebhookOptions, outbox: Outbox, gate: (work: () => void) => void, log: WebhookLog = consoleLog) {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new Error(`The webhook URL ${JSON.stringify(options.url)} is not a URL.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('The webhook URL must be http(s).');
    if (!options.secret || options.secret.length < 16) throw new Error('A webhook needs a secret of at least 16 characters (--webhook-secret or VOLLEY_WEBHOOK_SECRET).');
    for (const type of options.events ?? []) {
      if (type !== 'notify' && type !== 'message') throw new Error(`Unknown webhook event ${JSON.stringify(type)}: notify or message.`);
    }
    this.#url = url;
    this.#secret = options.secret;
    this.#events = new Set(options.events ?? ['notify']);
    this.#timeoutMs = options.timeoutMs ?? 5000;
    this.#baseMs = options.retry?.baseMs ?? 1000;
    this.#maxMs = options.retry?.maxMs ?? 10 * 60_000;
    this.#maxAttempts = options.retry?.maxAttempts ?? 15;
    this.#maxAgeMs = options.retry?.maxAgeMs ?? 24 * 3600_000;
    this.#concurrency = options.concurrency ?? 8;
    this.#agent = new (url.protocol === 'https:' ? https.Agent : http.Agent)({ keepAlive: true, maxSockets: 64 });
    this.#clock = options.clock ?? new SystemClock();
    this.#random = options.random ?? Math.random;
    this.#outbox = outbox;
    this.#gate = gate;
    this.#log = log;
    this.payments = { charge: (charge) => this.#charge(charge) };
    if (this.#events.has('notify')) {
      this.notifier = { notify: (notification) => this.#add('notify', notification.conversationId ?? `user:${notification.userId}`, { notification }) };
    }
  }

  /** Hears what each batch commits (live only: a replay commits nothing): a `message` event per new message. */
  onRecords(records: readonly StoreRecord[]): void {
    if (!this.#events.has('message')) return;
    for (const record of records) {
      if (record.type === 'message') this.#add('message', record.message.conversationId, { message: record.message }, stableId('evt', 'message', record.message.conversationId, record.message.id));
    }
  }

  /** Starts delivering what the outbox holds: events a previous run left pending go at once, whatever their backoff. */
  start(): void {
    this.#resuming = true;
    this.#kick();
  }

  /** Events still to deliver. */
  pending(): number | Promise<number> {
    return this.#outbox.count();
  }

  /** Tests: settles once no delivery is in flight. */
  async settled(): Promise<void> {
    while (!this.#closed && (this.#inFlight.size > 0 || this.#kickQueued || this.#looking)) await new Promise<void>((resolve) => this.#settled.push(resolve));
  }

  /** Stops delivering (requests in flight are abandoned: their events stay pending for the next start). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#closing.abort();
    if (this.#retryTimer) this.#clock.clearTimeout(this.#retryTimer.id);
    this.#retryTimer = undefined;
    for (const resolve of this.#settled.splice(0)) resolve();
  }

  // ---- charge ---------------------------------------------------------------------------------

  async #charge(charge: Charge): Promise<void> {
    // The same charge (its payer, reason and message) always has the same id: a host that got a
    // request which then timed out here can tell a retry from a new charge.
    const id = stableId('ch', charge.reason, charge.payerId, charge.conversationId, charge.messageId ?? randomUUID());
    const body = JSON.stringify({ id, type: 'charge', createdAt: this.#clock.now(), data: charge });
    let declined: string | undefined;
    try {
      // Not cut short by close(): a charge in flight gets its answer (or its timeout).
      const response = await this.#post(id, 'charge', body, true);
      if (response.status >= 200 && response.status < 300) return;
      if (response.status === 402) declined = declineMessage(response.text) ?? 'The payment was declined.';
      else this.#log.warn({ event: id, status: response.status }, 'webhook: charge answered neither 2xx nor 402; declined');
    } catch (error) {
      this.#log.warn({ event: id, error: describe(error) }, 'webhook: charge failed or timed out; declined');
    }
    this.stats.chargesDeclined++;
    throw new ChatError('payment-declined', declined ?? 'The payment could not be confirmed.');
  }

  // ---- the outbox -----------------------------------------------------------------------------

  #add(type: WebhookEventType, key: string, data: unknown, id = `evt_${randomUUID().replaceAll('-', '')}`): void {
    // Even once closed: the journal's last jobs still commit, and their events wait for the next start.
    const createdAt = this.#clock.now();
    this.#outbox.add({ id, type, key, body: JSON.stringify({ id, type, createdAt, data }), createdAt, attempts: 0, nextAt: createdAt });
    this.#kick();
  }

  /** Looks for deliveries to make once the current batch is durable (once per batch). */
  #kick(): void {
    if (this.#kickQueued || this.#closed) return;
    this.#kickQueued = true;
    this.#gate(() => setImmediate(() => {
      const previous = this.#looking ?? Promise.resolve();
      const looking = previous.then(() => this.#look());
      this.#looking = looking;
      void looking.then(() => {
        if (this.#looking === looking) this.#looking = undefined;
        this.#wake();
      });
    }));
  }

  /** Writes the answers heard so far, then starts the deliveries that may go. */
  async #look(): Promise<void> {
    this.#kickQueued = false;
    try {
      await this.#record();
      await this.#scan();
    } catch (error) {
      // The outbox could not be read or written (a database away): the next kick tries again.
      this.#log.error({ error: describe(error) }, 'webhook: the outbox could not be read or written; will retry');
      this.#retryAt(this.#clock.now() + this.#baseMs);
    }
  }

  async #scan(): Promise<void> {
    if (this.#closed) return;
    const now = this.#resuming ? Infinity : this.#clock.now();
    const pending = await this.#outbox.pending(SCAN);
    this.#resuming = false;
    if (this.#closed) return;
    const seen = new Set<string>();
    let nextAt = Infinity;
    for (const event of pending) {
      if (this.#inFlight.size >= this.#concurrency) break;
      // In order per key: only the oldest pending event of a key may go.
      if (seen.has(event.key)) continue;
      seen.add(event.key);
      if (this.#inFlight.has(event.id)) continue;
      if (event.nextAt > now) {
        nextAt = Math.min(nextAt, event.nextAt);
        continue;
      }
      this.#deliver(event);
    }
    if (nextAt !== Infinity) this.#retryAt(nextAt);
  }

  #retryAt(at: number): void {
    if (this.#retryTimer && this.#retryTimer.at <= at) return;
    if (this.#retryTimer) this.#clock.clearTimeout(this.#retryTimer.id);
    const timer = { id: 0, at };
    timer.id = this.#clock.setTimeout(() => {
      if (this.#retryTimer === timer) this.#retryTimer = undefined;
      this.#kick();
    }, Math.max(0, at - this.#clock.now()));
    (timer.id as unknown as NodeJS.Timeout).unref?.();
    this.#retryTimer = timer;
  }

  #deliver(event: OutboxEvent): void {
    this.#inFlight.add(event.id);
    void this.#post(event.id, event.type, event.body, false).then(
      (response) => (response.status >= 200 && response.status < 300 ? undefined : `status ${response.status}`),
      (error: unknown) => describe(error),
    ).then((failure) => this.#gate(() => {
      if (this.#closed) {
        this.#inFlight.delete(event.id);
        return this.#wake();
      }
      // Still in flight (its key stays blocked) until its answer is written at the next look.
      this.#answers.push({ event, failure });
      this.#kick();
    }));
  }

  /** Writes the answers heard since the last look, in one outbox write. */
  async #record(): Promise<void> {
    const answers = this.#answers;
    if (answers.length === 0 || this.#closed) return;
    this.#answers = [];
    const now = this.#clock.now();
    const counted = { delivered: 0, failed: 0, dead: 0 };
    try {
      await this.#outbox.batch(() => {
        for (const { event, failure } of answers) {
          if (failure === undefined) {
            this.#outbox.delivered(event.id);
            counted.delivered++;
            continue;
          }
          const attempts = event.attempts + 1;
          if (attempts >= this.#maxAttempts || now - event.createdAt >= this.#maxAgeMs) {
            this.#outbox.dead(event.id, attempts, failure);
            counted.dead++;
            this.#log.error({ event: event.id, type: event.type, key: event.key, attempts, error: failure }, 'webhook: event dead-lettered after its last attempt');
          } else {
            // Exponential backoff with jitter (half fixed, half random), capped.
            const delay = Math.min(this.#maxMs, this.#baseMs * 2 ** (attempts - 1));
            this.#outbox.failed(event.id, attempts, now + Math.round(delay / 2 + (delay / 2) * this.#random()), failure);
            counted.failed++;
            this.#log.warn({ event: event.id, type: event.type, attempts, error: failure }, 'webhook: delivery failed; will retry');
          }
        }
      });
    } catch (error) {
      // Not written: the answers wait (their events still in flight) for the next look.
      this.#answers.unshift(...answers);
      throw error;
    }
    this.stats.delivered += counted.delivered;
    this.stats.failed += counted.failed;
    this.stats.dead += counted.dead;
    for (const { event } of answers) this.#inFlight.delete(event.id);
  }

  #wake(): void {
    if (this.#inFlight.size === 0 && !this.#kickQueued && !this.#looking) for (const resolve of this.#settled.splice(0)) resolve();
  }

  // ---- HTTP -----------------------------------------------------------------------------------

  /** One signed POST; the body is read only for a charge's 402 (its message). */
  async #post(id: string, type: string, body: string, charge: boolean): Promise<{ status: number; text?: string }> {
    // A delivery in flight is abandoned at close (its event stays pending); a charge runs to its answer or timeout.
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const signal = charge ? timeout : AbortSignal.any([timeout, this.#closing.signal]);
    const headers = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': 'volley-chat-server',
      [SIGNATURE_HEADER]: signWebhook(body, this.#secret, Math.floor(this.#clock.now() / 1000)),
      [EVENT_ID_HEADER]: id,
      [EVENT_TYPE_HEADER]: type,
    };
    const request = this.#url.protocol === 'https:' ? https.request : http.request;
    // Redirects are not followed (a 3xx is a failure): the signed body goes to this URL only.
    return new Promise((resolve, reject) => {
      const outgoing = request(this.#url, { method: 'POST', agent: this.#agent, signal, headers }, (response) => {
        const status = response.statusCode ?? 0;
        let text = '';
        if (charge && status === 402) {
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => { if (text.length < 4096) text += chunk; });
        } else {
          response.resume();
        }
        // Read to the end, so the connection is reused.
        response.on('end', () => resolve(charge && status === 402 ? { status, text: text.slice(0, 4096) } : { status }));
        response.on('error', reject);
        response.on('aborted', () => reject(new Error('The response was cut.')));
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
}

/** The receiver's reason for a 402: `{ "message": … }`, `{ "error": { "message": … } }` or plain text. */
function declineMessage(text: string | undefined): string | undefined {
  if (!text?.trim()) return undefined;
  let message: unknown = text;
  try {
    const parsed = JSON.parse(text) as { message?: unknown; error?: { message?: unknown } | unknown };
    message = parsed?.message ?? (typeof parsed?.error === 'object' && parsed.error ? (parsed.error as { message?: unknown }).message : parsed?.error);
  } catch {
    // Plain text.
  }
  if (typeof message !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const clean = message.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean ? clean.slice(0, MAX_DECLINE_MESSAGE) : undefined;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { name?: string; code?: string; message?: string } }).cause;
    if (error.name === 'TimeoutError' || cause?.name === 'TimeoutError') return 'timed out';
    if (error.name === 'AbortError') return 'abandoned at close';
    const { code } = error as { code?: string };
    if (code) return code;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}

/** With no webhook and no adapter of the host's: charges are accepted and nothing is kept (memory must not grow with history). */
const ACCEPT_ALL: PaymentsAdapter = { charge: async () => {} };
/** With no webhook (or `notify` off) and no notifier of the host's: alerts go nowhere, and nothing is kept. */
const DISCARD: Notifier = { notify: () => {} };

/**
 * The adapters a server's engine runs with: the host's own (with timeouts), else the webhook's,
 * else defaults that keep nothing. `gate` is the journal's `later`.
 */
export function serverAdapters(
  options: { payments?: PaymentsAdapter; notifier?: Notifier; history?: HistoryAdapter; webhook?: WebhookOptions; adapterTimeoutMs?: number },
  outbox: () => Outbox,
  gate: (work: () => void) => void,
  log?: WebhookLog,
): { payments: PaymentsAdapter; notifier: Notifier; history?: HistoryAdapter; webhooks?: Webhooks } {
  const timeoutMs = options.adapterTimeoutMs ?? 5000;
  if (!(timeoutMs > 0)) throw new Error('adapterTimeoutMs must be a positive number of milliseconds.');
  const webhooks = options.webhook && new Webhooks({ timeoutMs, ...options.webhook }, outbox(), gate, log);
  return {
    payments: options.payments ? paymentsWithTimeout(options.payments, timeoutMs) : webhooks?.payments ?? ACCEPT_ALL,
    notifier: options.notifier ?? webhooks?.notifier ?? DISCARD,
    history: options.history && historyWithTimeout(options.history, timeoutMs),
    webhooks,
  };
}
