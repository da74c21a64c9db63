import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { ChatClient } from '../../client/client.js';
import { clientContext } from './context.js';
import { commonStrings, errorText, type CommonStrings } from './strings.js';

/**
 * What every Volley element shares: a `client` (set it, or let an ancestor provide it through
 * context) and replaceable strings. `S` is the element's own string defaults.
 */
export class VolleyElement<S extends object = object> extends LitElement {
  /** The ChatClient this element shows. Found through `@lit/context` from an ancestor when not set. */
  @consume({ context: clientContext, subscribe: true })
  @property({ attribute: false })
  client?: ChatClient;

  /** Replaces any user-visible string of this element (merged over the defaults). */
  @property({ attribute: false })
  strings: Partial<S & CommonStrings> = {};

  /** The element's own default strings; subclasses set them. */
  protected defaults = {} as S;

  #merged?: { from: object; value: S & CommonStrings };

  /** The strings in force: common defaults, the element's defaults, then the host's. */
  protected get t(): S & CommonStrings {
    if (this.#merged?.from !== this.strings) {
      const errors = { ...commonStrings.errors, ...(this.strings as Partial<CommonStrings>).errors };
      this.#merged = { from: this.strings, value: { ...commonStrings, ...this.defaults, ...this.strings, errors } as S & CommonStrings };
    }
    return this.#merged.value;
  }

  protected errorText(error: unknown): string {
    return errorText(this.t, error);
  }
}
