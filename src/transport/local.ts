import { createNanoEvents } from 'nanoevents';
import { ChatError } from '../model/errors.js';
import type { ChatEngine } from '../engine/engine.js';
import type { ChatEvent, CommandOf, CommandResults, CommandType } from '../protocol/commands.js';
import { decodeServerFrame, encodeEvent, encodeRequest, errorFromWire } from '../protocol/frames.js';
import { serveRequest } from '../protocol/serve.js';
import type { Transport, TransportStatus, UploadOptions } from './transport.js';

export interface LocalTransportOptions {
  /** Who this client is on the engine. */
  userId: string;
}

/**
 * The embedded default: a client on an engine in the same page. Commands and events cross as
 * serialised frames through the same protocol code the WebSocket transport uses, so nothing
 * works here that would break on the wire. Events arrive a microtask later, as from a socket.
 */
export class LocalTransport implements Transport {
  readonly userId: string;
  #detach?: () => void;
  #requestCounter = 0;
  #online = true;
  readonly #status = createNanoEvents<{ status: (status: TransportStatus) => void }>();

  constructor(private readonly engine: ChatEngine, options: LocalTransportOptions) {
    this.userId = options.userId;
  }

  async connect(onEvent: (event: ChatEvent) => void): Promise<void> {
    this.#detach?.();
    const detach = this.engine.connect(this.userId, (event) => {
      const frame = encodeEvent(event);
      queueMicrotask(() => {
        if (this.#detach !== detach || !this.#online) return;
        const decoded = decodeServerFrame(frame);
        if ('ev' in decoded) onEvent(decoded.ev);
      });
    });
    this.#detach = detach;
  }

  async request<T extends CommandType>(command: CommandOf<T>): Promise<CommandResults[T]> {
    if (!this.#detach || !this.#online) throw new ChatError('unavailable');
    const requestId = `r${++this.#requestCounter}`;
    const reply = decodeServerFrame(await serveRequest(this.engine, this.userId, encodeRequest(requestId, command)));
    if (!('re' in reply) || reply.re !== requestId) throw new ChatError('invalid', 'The reply does not match the request.');
    if (!reply.ok) throw errorFromWire(reply.error);
    return reply.result as CommandResults[T];
  }

  /**
   * Keeps a file in this page: checked with the engine's rule (K6: type by extension and
   * content, the policy's size), it resolves with a `blob:` URL that the clients of this engine
   * (all in this page) can show. The URL lives as long as the page.
   */
  async upload(file: File, options: UploadOptions = {}): Promise<string> {
    options.signal?.throwIfAborted();
    if (!this.#online) throw new ChatError('unavailable');
    const { checkAttachment, SNIFF_BYTES } = await import('../rules/attachments.js');
    const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
    const verdict = checkAttachment({ name: file.name, size: file.size, head }, this.engine.policy.attachments);
    if (!verdict.ok) throw new ChatError(verdict.code, verdict.message);
    options.signal?.throwIfAborted();
    options.onProgress?.(1);
    return URL.createObjectURL(file);
  }

  disconnect(): void {
    this.#detach?.();
    this.#detach = undefined;
  }

  onStatus(listener: (status: TransportStatus) => void): () => void {
    return this.#status.on('status', listener);
  }

  /**
   * Simulates losing the network (demo, tests): while offline, requests reject with
   * `unavailable` and events are dropped, as a socket would lose them.
   */
  setOnline(online: boolean): void {
    if (online !== this.#online) this.#status.emit('status', (this.#online = online) ? 'online' : 'offline');
  }
}
