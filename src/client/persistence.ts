import type { Message } from '../model/types.js';
import type { Snapshot } from '../protocol/commands.js';
import type { Transport } from '../transport/transport.js';
import type { ChatState, Draft } from './state.js';

/** What of a `ChatClient` its persistence reads (a `ChatClient` is one). */
export interface PersistedClient {
  readonly state: ChatState;
  subscribe<T>(select: (state: ChatState) => T, listener: (value: T, previous: T) => void, equals?: (a: T, b: T) => boolean): () => void;
  closeConversation(conversationId: string): Promise<unknown>;
  setDraft(conversationId: string, draft: Draft | null): void;
}

/**
 * What a `ChatClient` lends its persistence: the client itself, and the few ways to change its
 * state that are not commands. Only a `Persistence` receives it.
 */
export interface PersistenceKernel {
  readonly client: PersistedClient;
  readonly transport: Transport;
  /** Merges a patch into the client's state: restored drafts and outbox, a close or a read from another tab. */
  update(patch: Partial<ChatState>): void;
  /** Sends a kept message again with its own client id (the engine stores it at most once). */
  resend(message: Message): Promise<Message>;
  /** Emits the client's `notice` event. */
  notice(code: string, message: string): void;
}

/**
 * Keeps what the browser must not lose (drafts, closed chats, the outbox, read cursors) across
 * reloads and tabs. The client only calls it; `volley-chat/persist` builds one on IndexedDB.
 */
export interface Persistence {
  /** Called once, by the client's constructor. `connect()` waits for it: what it restores shows before the engine answers. */
  attach(kernel: PersistenceKernel): Promise<void>;
  /** Adjusts a fresh snapshot in place before the client applies it (chats closed here, read cursors). */
  snapshot(snapshot: Snapshot): void;
  /** Sends the kept outbox in order, each message once, from one tab at a time. The client calls it after each (re)sync. */
  flush(): Promise<void>;
}
