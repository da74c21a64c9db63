import type { ChatEvent, CommandOf, CommandResults, CommandType } from '../protocol/commands.js';

/**
 * How a `ChatClient` reaches an engine. `request` resolves with the command's result or rejects
 * with a `ChatError`; events arrive through the callback given to `connect`.
 */
export interface Transport {
  connect(onEvent: (event: ChatEvent) => void): Promise<void>;
  request<T extends CommandType>(command: CommandOf<T>): Promise<CommandResults[T]>;
  disconnect(): void;
  /**
   * Reports when the way to the engine goes down or comes back; returns the function that stops
   * listening. The client re-syncs and sends its outbox on 'online'.
   */
  onStatus?(listener: (status: TransportStatus) => void): () => void;
}

export type TransportStatus = 'online' | 'offline';
