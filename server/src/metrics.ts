import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { isChatError, type CommandType } from 'volley-chat';

/** Every command type, so the `type` label stays bounded (anything else counts as `unknown`). Type-checked against `CommandType`. */
const COMMAND_TYPES: Record<CommandType, true> = {
  'hello': true, 'start': true, 'send': true, 'history': true, 'mark-read': true, 'delete-message': true,
  'close': true, 'block': true, 'unblock': true, 'request-tribute': true, 'send-tribute': true, 'buy': true,
  'customer-details': true, 'set-note': true, 'claim': true, 'decline': true, 'pick-up': true, 'set-available': true,
  'finish': true, 'set-chat-enabled': true, 'analytics': true, 'engagement-history': true, 'feed': true,
  'set-presence': true, 'set-enrolled': true, 'set-status': true, 'set-quiet-hours': true, 'set-notifications': true,
  'settings': true, 'provider-card': true, 'customer-context': true, 'typing': true, 'delivered': true,
};

/** Why a connection or a request was turned away. */
export type RefusalReason = 'origin' | 'auth' | 'rate-connect' | 'rate-frame' | 'rate-user';

/**
 * A server's Prometheus metrics, in a registry of its own (two servers in one process do not
 * clash): served on `GET /metrics` in the text exposition format.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly commands: Counter<'type' | 'outcome'>;
  readonly refusals: Counter<'reason'>;
  readonly commitSeconds: Histogram;
  readonly batchSize: Histogram;
  /**
   * Webhook deliveries that failed (a non-2xx answer, a timeout, a network error), by event
   * (`charge`, `notify`, `message`): the webhook sender increments it, `server.metrics.webhookFailures.inc({ event })`.
   */
  readonly webhookFailures: Counter<'event'>;

  constructor(sources: { connections: () => number; queueDepth: () => number }, options: { defaults?: boolean } = {}) {
    const registers = [this.registry];
    new Gauge({
      name: 'volley_connections_open', help: 'Open WebSocket connections (authenticated or not).', registers,
      collect() { this.set(sources.connections()); },
    });
    new Gauge({
      name: 'volley_journal_queue_depth', help: 'Jobs (commands, host calls, timers, reads) waiting for their turn in the journal.', registers,
      collect() { this.set(sources.queueDepth()); },
    });
    this.commands = new Counter({
      name: 'volley_commands_total', help: 'Commands from clients, by type and outcome (ok, or the refusal\'s error code).',
      labelNames: ['type', 'outcome'], registers,
    });
    this.refusals = new Counter({
      name: 'volley_refusals_total', help: 'Connections and requests turned away: origin not allowed, bad token, rate limits.',
      labelNames: ['reason'], registers,
    });
    this.commitSeconds = new Histogram({
      name: 'volley_journal_commit_seconds', help: 'Time to make one batch durable (the store\'s commit and disk sync).',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers,
    });
    this.batchSize = new Histogram({
      name: 'volley_journal_batch_size', help: 'Jobs per durable batch (group commit).',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512], registers,
    });
    this.webhookFailures = new Counter({
      name: 'volley_webhook_failures_total', help: 'Webhook deliveries that failed (non-2xx, timeout, network), by event.',
      labelNames: ['event'], registers,
    });
    if (options.defaults !== false) collectDefaultMetrics({ register: this.registry });
  }

  /** Counts a client's command once its outcome is known. */
  command(command: unknown, outcome: { ok: true } | { ok: false; error: unknown }): void {
    const type = (command as { type?: unknown } | null)?.type;
    this.commands.inc({
      type: typeof type === 'string' && Object.hasOwn(COMMAND_TYPES, type) ? type : 'unknown',
      outcome: outcome.ok ? 'ok' : isChatError(outcome.error) ? outcome.error.code : 'error',
    });
  }

  batch({ jobs, commitSeconds }: { jobs: number; commitSeconds: number }): void {
    this.commitSeconds.observe(commitSeconds);
    this.batchSize.observe(jobs);
  }
}
