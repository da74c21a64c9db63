/**
 * volley-chat-server: the reference server for `volley-chat`.
 * @packageDocumentation
 */
export { createServer, type ServerOptions, type VolleyServer } from './server.js';
export { Journal, JournalClock, type JournalOptions, type Outcome } from './journal.js';
export { SqliteStore, DataFolderLockedError } from './sqlite-store.js';
export { MemoryDurableStore } from './memory-store.js';
export { PgStore, DatabaseLockedError, DatabaseLockLostError, type PgStoreOptions } from './pg-store.js';
export type { ServerStore } from './store.js';
export { createTokenVerifier, signToken, verifyToken, TokenError, type TokenClaims, type TokenErrorCode, type TokenOptions } from './token.js';
export { RateLimiter, type Rate } from './rate-limit.js';
export { Uploads, type UploadedAttachment } from './uploads.js';
export { createLogger, silentLogger, REDACTED, type Logger } from './logger.js';
export { ServerMetrics, type RefusalReason } from './metrics.js';
export {
  Webhooks, MemoryOutbox, verifyWebhook, signWebhook, withTimeout, paymentsWithTimeout, historyWithTimeout,
  SIGNATURE_HEADER, EVENT_ID_HEADER, EVENT_TYPE_HEADER,
  type WebhookOptions, type WebhookEventType, type Outbox, type OutboxEvent, type WebhookLog,
} from './webhooks.js';
