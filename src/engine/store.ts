import type { Message } from '../model/types.js';

/** One durable fact the engine commits before it acknowledges a command. */
export type StoreRecord =
  | { type: 'message'; message: Message }
  | { type: 'conversation'; id: string; customerId: string; providerId: string; orderId?: string; at: number };

/**
 * Where committed facts go before an ack. The engine keeps its working state in memory and
 * awaits `commit`, so a synchronous embedded store and an asynchronous network database both fit.
 */
export interface Store {
  commit(records: StoreRecord[]): void | Promise<void>;
}

/** The in-page default: keeps the log in memory (nothing survives the page). */
export class MemoryStore implements Store {
  readonly records: StoreRecord[] = [];
  commit(records: StoreRecord[]): void {
    this.records.push(...records);
  }
}
