import { html, nothing, type PropertyDeclarations } from 'lit';
import type { ChatClient } from '../../client/client.js';
import { selectConversationPolicy } from '../../client/state.js';
import { VolleyErrorEvent } from '../events/events.js';
import { StoreController } from './store-controller.js';
import { VolleyElement } from './volley-element.js';

/**
 * A Volley element that runs client commands: the intent event goes out first, and unless a
 * listener cancels it the element runs the command itself. A refusal is shown (`errorAlert()`,
 * role="alert", part="error") and dispatched as `VolleyErrorEvent`.
 */
export class CommandElement<S extends object> extends VolleyElement<S> {
  static override properties: PropertyDeclarations = {
    error: { state: true },
    busy: { state: true },
  };

  /** The last refusal, as the user reads it. */
  protected error?: string;
  /** A command is running. */
  protected busy = false;

  /**
   * Announces `event` (when given) and, unless it is canceled, runs the command. Returns at once
   * with undefined when nothing ran, else with the command's promise (which never rejects).
   */
  protected run(event: Event | undefined, command: (client: ChatClient) => Promise<unknown>): Promise<void> | undefined {
    const client = this.client;
    if ((event && !this.dispatchEvent(event)) || !client) return;
    this.busy = true;
    this.error = undefined;
    return (async () => {
      try {
        await command(client);
      } catch (error) {
        const shown = (this.error = this.refused(error));
        // "Cannot be reached" holds only until the connection is back (the outbox sends what waited).
        if ((error as { code?: string })?.code === 'unavailable') {
          const stop = client.subscribe((state) => state.connection, (connection) => {
            if (connection !== 'open') return;
            stop();
            if (this.error === shown) this.error = undefined;
          });
        }
      } finally {
        this.busy = false;
      }
    })();
  }

  /** Tells the host that a command was refused (`VolleyErrorEvent`); returns what the user reads. */
  protected refused(error: unknown): string {
    const message = this.errorText(error);
    this.dispatchEvent(new VolleyErrorEvent((error as { code?: string })?.code ?? 'unavailable', message));
    return message;
  }

  protected errorAlert() {
    return this.error ? html`<p class="error" role="alert" part="error">${this.error}</p>` : nothing;
  }

  /** `show(value)` once loaded; until then "Loading…", or nothing when the load was refused. */
  protected loaded<T>(value: T | undefined, show: (value: T) => unknown) {
    return value !== undefined ? show(value) : this.error ? nothing : html`<p class="muted">${this.t.loading}</p>`;
  }
}

/**
 * A command element about one conversation (composer, thread, tribute button, feed, gear menu).
 * Who I am and the policy come with the conversations when the client connects, so they are
 * read from the client's state, not watched.
 */
export class ConversationElement<S extends object> extends CommandElement<S> {
  static override properties: PropertyDeclarations = {
    conversationId: { attribute: 'conversation-id' },
  };

  /** The conversation shown. */
  conversationId = '';

  protected conversation = new StoreController(this, (s) => s.conversations[this.conversationId], undefined);

  protected get me() {
    return this.client?.state.me;
  }

  /** The rules of this conversation (its provider's product), else my side's policy. */
  protected get policy() {
    const state = this.client?.state;
    return state && selectConversationPolicy(this.conversationId)(state);
  }

  /** I cannot send here: no client, no such conversation, or the engine refuses (`refusal`). */
  protected get locked(): boolean {
    return !this.client || !this.conversation.value || Boolean(this.conversation.value.refusal);
  }

  /** Why the engine refuses sending here, as the user reads it; '' when it does not. */
  protected get refusal(): string {
    const code = this.conversation.value?.refusal;
    return code ? this.codeText(code) : '';
  }
}
