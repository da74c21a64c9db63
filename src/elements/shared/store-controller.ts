import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatClient } from '../../client/client.js';
import type { ChatState } from '../../client/state.js';

type Host = ReactiveControllerHost & { client?: ChatClient };

/**
 * Reads one slice of the client's state and re-renders the host only when that slice changes
 * (stream-chat-js StateStore). Follows the host's `client` when it changes and lets go of it on
 * disconnect, so an unmounted element leaves no subscription behind.
 */
export class StoreController<T> implements ReactiveController {
  value: T;
  #client?: ChatClient;
  #unsubscribe?: () => void;
  #connected = false;

  constructor(private readonly host: Host, private readonly select: (state: ChatState) => T, private readonly fallback: T) {
    this.value = fallback;
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    this.#attach();
  }

  hostUpdate(): void {
    // A host may update after it left the page (a property set on it): no subscription then.
    if (!this.#connected) return;
    if (this.host.client !== this.#client) this.#attach();
    // The selector may read host properties (a conversation id) that just changed.
    else if (this.#client) this.value = this.select(this.#client.state);
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#client = undefined;
  }

  #attach(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    const client = (this.#client = this.host.client);
    if (!client) {
      this.value = this.fallback;
      return;
    }
    this.value = this.select(client.state);
    this.#unsubscribe = client.subscribe(this.select, (value) => {
      this.value = value;
      this.host.requestUpdate();
    });
  }
}
