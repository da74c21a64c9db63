import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { ChatClient } from '../../client/client.js';
import { VolleyErrorEvent } from '../events/events.js';
import { VolleyElement } from './volley-element.js';

/**
 * A Volley element that runs client commands (gear menu, incoming, feed, care stats): the intent
 * event goes out first, and unless a listener cancels it the element runs the command itself. A
 * refusal is shown (`errorAlert()`, role="alert") and dispatched as `VolleyErrorEvent`.
 */
export class CommandElement<S extends object> extends VolleyElement<S> {
  /** The last refusal, as the user reads it. */
  @state() protected error?: string;
  /** A command is running. */
  @state() protected busy = false;

  protected async run(event: Event | undefined, command: (client: ChatClient) => Promise<unknown>): Promise<void> {
    const client = this.client;
    if ((event && !this.dispatchEvent(event)) || !client) return;
    this.busy = true;
    this.error = undefined;
    try {
      await command(client);
    } catch (error) {
      this.error = this.errorText(error);
      this.dispatchEvent(new VolleyErrorEvent((error as { code?: string })?.code ?? 'unavailable', this.error));
    } finally {
      this.busy = false;
    }
  }

  protected errorAlert() {
    return this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing;
  }

  /** `show(value)` once loaded; until then "Loading…", or nothing when the load was refused. */
  protected loaded<T>(value: T | undefined, show: (value: T) => unknown) {
    return value !== undefined ? show(value) : this.error ? nothing : html`<p class="muted">${this.t.loading}</p>`;
  }
}
