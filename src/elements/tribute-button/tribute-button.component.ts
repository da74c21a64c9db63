import { html, nothing, type PropertyDeclarations } from 'lit';
import { ConversationElement } from '../shared/command-element.js';
import { FirstUse } from '../shared/first-use.js';
import { TopLayer } from '../shared/layer.js';
import { baseStyles } from '../shared/styles.js';
import { tributeButtonStyles } from './tribute-button.styles.js';
import { tributeButtonStrings } from './tribute-button.strings.js';

/** The dialog, loaded when first opened. */
const tributeDialog = () => import('./tribute-button.dialog.js');

/**
 * The customer's tribute (P4): a button opening a small dialog with preset amounts, a custom amount
 * (checked against the policy's bounds), an optional note and a confirm. The payment goes through
 * the engine's payments adapter: success shows "Tribute sent", a decline shows why. Disabled, with
 * the reason, when the conversation refuses sending. Renders nothing on the provider side or when
 * the policy has no tributes. The dialog loads when first opened.
 *
 * @csspart button - the button that opens the dialog
 * @csspart dialog - the dialog
 * @csspart presets - the preset amounts
 * @csspart confirm - the confirm button
 * @csspart status - "Tribute sent", or why tributes are refused here
 * @csspart error - why the tribute failed
 * @cssprop --volley-accent - the chosen preset and the confirm button
 * @cssprop --volley-success - the "Tribute sent" text
 * @event volley-tribute - before the tribute is paid (cancelable)
 * @event volley-error - the payment was declined or the tribute refused
 */
export class VolleyTributeButton extends ConversationElement<typeof tributeButtonStrings> {
  static override styles = [baseStyles, tributeButtonStyles];
  static override properties: PropertyDeclarations = {
    presets: { attribute: false },
    currency: {},
    open: { state: true },
    chosen: { state: true },
    custom: { state: true },
    note: { state: true },
    sent: { state: true },
  };
  protected override defaults = tributeButtonStrings;

  /** Preset amounts in cents. */
  presets: readonly number[] = [500, 1000, 2000];
  currency = 'USD';

  private open = false;
  private chosen?: number;
  /** What is typed in the amount and note fields (kept while the dialog is closed). */
  private custom = '';
  private note = '';
  private sent = false;
  readonly #dialog = new FirstUse(this, tributeDialog);

  constructor() {
    super();
    new TopLayer(this);
  }

  /** Opens or closes the dialog; the focus goes to the chosen (else the first) amount, or back to the button. */
  async #show(open: boolean): Promise<void> {
    this.open = open;
    this.error = undefined;
    if (open) {
      this.sent = false;
      await this.#dialog.load();
    }
    await this.updateComplete;
    const root = this.renderRoot;
    (open ? root.querySelector<HTMLElement>('[aria-pressed=true]') ?? root.querySelector<HTMLElement>('[part=presets] button, input')
      : root.querySelector<HTMLElement>('[part=button]'))?.focus();
  }

  protected override render() {
    const me = this.me;
    const policy = this.policy;
    if (!policy?.tribute.enabled || (me && me.role !== 'customer')) return nothing;
    const t = this.t;
    const { locked, refusal } = this;
    const open = this.open && !locked;
    return html`
      <button part="button" aria-haspopup="dialog" aria-expanded=${open} aria-describedby="status"
        ?disabled=${locked} @click=${() => this.#show(!this.open)}>${t.button}</button>
      ${open ? this.loaded(this.#dialog.module, (dialog) => dialog.renderDialog({
        t, policy, presets: this.presets, currency: this.currency, chosen: this.chosen, custom: this.custom, note: this.note,
        error: this.error, busy: this.busy, conversationId: this.conversationId, set: (state) => Object.assign(this, state),
        run: (event, command) => this.run(event, command), close: () => this.#show(false),
      })) : nothing}
      <p role="status" id="status" part="status" class=${this.sent && !refusal ? 'success' : 'muted'}>${refusal || (this.sent ? t.sent : '')}</p>
    `;
  }
}
