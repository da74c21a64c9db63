import type { DurableStore } from 'volley-chat';
import type { Outbox } from './webhooks.js';

/**
 * A durable store as the server uses it: the engine's `DurableStore`, plus what the server keeps
 * beside the journal when the store can (SQLite and PostgreSQL do; a store of your own may not).
 */
export interface ServerStore extends DurableStore {
  /** A value kept with the data: read it, or write it first when `value` is given (the policy data of schema 1 was written under). */
  meta?(key: string, value?: string): string | undefined | Promise<string | undefined>;
  /** Where webhook events wait for delivery, written in the batches that raise them. Without it, they wait in memory (lost on stop). */
  readonly outbox?: Outbox;
  /** A snapshot every this many journal entries suits this store (default 20,000): fewer for a store whose replay costs more per entry. */
  readonly snapshotEvery?: number;
}
