import { html, nothing, type PropertyDeclarations } from 'lit';
import type { Policy } from '../../model/policy.js';
import { VolleyTributeEvent } from '../events/events.js';
import { ConversationElement } from '../shared/command-element.js';
import { formatMoney } from '../shared/format.js';
import { baseStyles } from '../shared/styles.js';
import { popoverKeys } from '../shared/roving.js';
import { amountError, amountFields, amountStrings, toCents } from './amount-form.js';
import { tributeButtonStyles } from './tribute-button.styles.js';

export const tributeButtonStrings = {
  ...amountStrings,
  button: 'Send a tribute',
  title: 'Send a tribute',
  presets: 'Amount',
  custom: (currency: string) => `Other amount (${currency})`,
  /** The confirm button, with the chosen amount formatted. */
  sendAmount: (amount: string) => `Send ${amount}`,
  sent: 'Tribute sent',
  chooseAmount: 'Choose an amount.',
};

/**
 * The customer's tribute (P4): a button opening a small dialog with preset amounts, a custom amount
 * (checked against the policy's bounds), an optional note and a confirm. The payment goes through
 * the engine's payments adapter: success shows "Tribute sent", a decline shows why. Disabled, with
 * the reason, when the conversation refuses sending. Renders nothing on the provider side or when
 * the policy has no tributes.
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

  /** The amount in cents the dialog would send: the custom amount if typed, else the chosen preset. */
  get #amount(): number | undefined {
    return this.custom ? toCents(this.custom) : this.chosen;
  }

  /** Opens or closes the dialog; the focus goes to the chosen (else the first) amount, or back to the button. */
  async #show(open: boolean): Promise<void> {
    this.open = open;
    this.error = undefined;
    if (open) this.sent = false;
    await this.updateComplete;
    const root = this.renderRoot;
    (open ? root.querySelector<HTMLElement>('[aria-pressed=true]') ?? root.querySelector<HTMLElement>('[part=presets] button, input')
      : root.querySelector<HTMLElement>('[part=button]'))?.focus();
  }

  #input(event: Event): void {
    const { amount, note } = (event.target as HTMLInputElement).form!;
    this.custom = amount.value;
    this.note = note.value;
    this.error = undefined;
  }

  #confirm(event: SubmitEvent): void {
    event.preventDefault();
    const amountCents = this.#amount;
    if (this.busy) return;
    this.error = amountCents === undefined ? this.t.chooseAmount : amountError(this.t, amountCents, this.policy!.tribute, this.currency);
    if (this.error || amountCents === undefined) return;
    const note = this.note.trim() || undefined;
    void this.run(new VolleyTributeEvent(this.conversationId, amountCents, note), async (client) => {
      await client.sendTribute(this.conversationId, { amountCents, note });
      this.sent = true;
      this.chosen = undefined;
      this.custom = this.note = '';
      await this.#show(false);
    });
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
      ${open ? this.#renderDialog(policy) : nothing}
      <p role="status" id="status" part="status" class=${this.sent && !refusal ? 'success' : 'muted'}>${refusal || (this.sent ? t.sent : '')}</p>
    `;
  }

  #renderDialog(policy: Policy) {
    const t = this.t;
    const amount = this.#amount;
    const money = (cents: number) => formatMoney(cents, this.currency);
    return html`<div role="dialog" class="popover" part="dialog" aria-labelledby="title" @keydown=${(event: KeyboardEvent) => popoverKeys(event, () => this.#show(false))}>
      <form novalidate @submit=${this.#confirm}>
        <h2 id="title">${t.title}</h2>
        <div part="presets" role="group" aria-label=${t.presets}>
          ${this.presets.map((cents) => {
            const pressed = !this.custom && this.chosen === cents;
            return html`<button type="button" class=${pressed ? 'primary' : ''} aria-pressed=${pressed}
              @click=${() => { this.chosen = cents; this.custom = this.error = ''; }}>${money(cents)}</button>`;
          })}
        </div>
        ${amountFields(t, policy, {
          label: t.custom(this.currency), amount: this.custom, note: this.note, error: this.error, busy: this.busy, input: this.#input,
          submit: this.busy ? t.sending : Number.isFinite(amount) ? t.sendAmount(money(amount!)) : t.confirm,
          cancel: () => this.#show(false),
        })}
      </form>
    </div>`;
  }
}
