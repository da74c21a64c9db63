import { LitElement, type PropertyDeclarations } from 'lit';
import { ContextConsumer } from '@lit/context';
import type { ChatClient } from '../../client/client.js';
import { clientContext } from './context.js';
import { ChatError, withText, type ErrorCode } from '../../model/errors.js';
import { commonStrings, type CommonStrings } from './strings.js';
// Brings the events' types (GlobalEventHandlersEventMap) with any one element's declarations.
import '../events/events.js';

/**
 * What every Volley element shares: a `client` (set it, or let an ancestor provide it through
 * context) and replaceable strings. `S` is the element's own string defaults.
 */
export class VolleyElement<S extends object = object> extends LitElement {
  // Every element declares its reactive properties in `static properties`: inputs with their
  // attribute (or `attribute: false`), private state with `state: true`. To Lit this is what the
  // `@property`/`@state` decorators do, without a decorator call per field in the bundle.
  static override properties: PropertyDeclarations = {
    client: { attribute: false },
    strings: { attribute: false },
  };

  /** The ChatClient this element shows. Found through `@lit/context` from an ancestor when not set. */
  client?: ChatClient;

  /** Replaces any user-visible string of this element (merged over the defaults). */
  strings: Partial<S & CommonStrings> = {};

  /** The element's own default strings; subclasses set them. */
  protected defaults = {} as S;

  #merged?: { from: object; value: S & CommonStrings };

  constructor() {
    super();
    // An ancestor's client (volley-chat's, or a host's provider), followed as it changes. The
    // controller rather than the `@consume` decorator: the same, without the decorator's code.
    new ContextConsumer(this, { context: clientContext, subscribe: true, callback: (client) => (this.client = client) });
  }

  /** The strings in force: common defaults, the element's defaults, then the host's. */
  protected get t(): S & CommonStrings {
    if (this.#merged?.from !== this.strings) {
      this.#merged = { from: this.strings, value: { ...commonStrings, ...this.defaults, ...this.strings } as S & CommonStrings };
    }
    return this.#merged.value;
  }

  /** The message for a refusal: the host's text for its code, else the error's own message. */
  protected errorText(error: unknown): string {
    const { code = 'unavailable', message } = (error ?? {}) as { code?: ErrorCode; message?: string };
    return this.t.errors?.[code] || message || new ChatError(code).message;
  }

  /** What the user reads for a code alone (a refusal in the state): the engine's text renders once it has loaded. */
  protected codeText(code: ErrorCode): string {
    const error = new ChatError(code);
    if (error.message === code) void withText(error).then(() => this.requestUpdate());
    return this.errorText(error);
  }
}
