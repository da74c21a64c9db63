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
  /**
   * Stores a file where the other side can read it and resolves with its absolute address (an
   * http(s) URL, or a `blob:` URL of this page on an in-page engine), which an `attachment`
   * message then carries. Rejects with a `ChatError` (`attachment-type`, `attachment-too-large`,
   * `forbidden`, `unavailable`), or with the signal's reason when `signal` aborts.
   */
  upload?(file: File, options?: UploadOptions): Promise<string>;
}

export type TransportStatus = 'online' | 'offline';

/** How an upload is followed and stopped. */
export interface UploadOptions {
  /** Aborting stops the upload: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called with the fraction sent so far, from 0 to 1. */
  onProgress?: (fraction: number) => void;
}
