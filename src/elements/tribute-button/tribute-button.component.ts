import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Policy } from '../../model/policy.js';
import { VolleyErrorEvent, VolleyTributeEvent } from '../events/events.js';
import { formatMoney } from '../shared/format.js';
import { StoreController } from '../shared/store-controller.js';
import { baseStyles } from '../shared/styles.js';
import { VolleyElement } from '../shared/volley-element.js';
import { amountError, amountFields, amountFormStyles, amountStrings, toCents } from './amount-form.js';
import { tributeButtonStyles } from './tribute-button.styles.js';

export const tributeButtonStrings = {
  ...amountStrings,
  button: 'Send a tribute',
  title: 'Send a tribute',
  presets: 'Amount',
  custom: (currency: string) => `Other amount (${currency})`,
  /** The confirm button, with the chosen amount formatted. */
  send: (amount: string) => `Send ${amount}`,
  sending: 'Sending…',
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
export class VolleyTributeButton extends VolleyElement<typeof tributeButtonStrings> {
  static override styles = [baseStyles, amountFormStyles, tributeButtonStyles];
  protected override defaults = tributeButtonStrings;

  @property({ attribute: 'conversation-id' }) conversationId = '';
  /** Preset amounts in cents. */
  @property({ attribute: false }) presets: readonly number[] = [500, 1000, 2000];
  @property() currency = 'USD';

  @state() private open = false;
  @state() private chosen?: number;
  /** What is typed in the amount and note fields (kept while the dialog is closed). */
  @state() private custom = '';
  @state() private note = '';
  @state() private sending = false;
  @state() private sent = false;
  @state() private error = '';

  #conversation = new StoreController(this, (s) => s.conversations[this.conversationId], undefined);
  #me = new StoreController(this, (s) => s.me, null);
  #policy = new StoreController(this, (s) => s.policy, null);

  /** The amount in cents the dialog would send: the custom amount if typed, else the chosen preset. */
  get #amount(): number | undefined {
    return this.custom ? toCents(this.custom) : this.chosen;
  }

  /** Opens or closes the dialog; the focus goes to the chosen (else the first) amount, or back to the button. */
  async #show(open: boolean): Promise<void> {
    this.open = open;
    this.error = '';
    if (open) this.sent = false;
    await this.updateComplete;
    const root = this.renderRoot;
    (open ? root.querySelector<HTMLElement>('[aria-pressed=true]') ?? root.querySelector<HTMLElement>('[part=presets] button, input')
      : root.querySelector<HTMLElement>('[part=button]'))?.focus();
  }

  #keydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    void this.#show(false);
  }

  #input(event: Event): void {
    const { amount, note } = (event.target as HTMLInputElement).form!;
    this.custom = amount.value;
    this.note = note.value;
    this.error = '';
  }

  async #confirm(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const client = this.client;
    const policy = this.#policy.value;
    const amountCents = this.#amount;
    if (!client || !policy || this.sending) return;
    if (amountCents === undefined) {
      this.error = this.t.chooseAmount;
      return;
    }
    const note = this.note.trim() || undefined;
    this.error = amountError(this.t, amountCents, policy.tribute, this.currency);
    if (this.error || !this.dispatchEvent(new VolleyTributeEvent(this.conversationId, amountCents, note))) return;
    this.sending = true;
    try {
      await client.sendTribute(this.conversationId, { amountCents, note });
      this.sent = true;
      this.chosen = undefined;
      this.custom = this.note = '';
      await this.#show(false);
    } catch (error) {
      this.error = this.errorText(error);
      this.dispatchEvent(new VolleyErrorEvent((error as { code?: string })?.code ?? 'unavailable', this.error));
    } finally {
      this.sending = false;
    }
  }

  protected override render() {
    const me = this.#me.value;
    const policy = this.#policy.value;
    if (!policy?.tribute.enabled || (me && me.role !== 'customer')) return nothing;
    const t = this.t;
    const refusal = this.#conversation.value?.refusal;
    const locked = !this.client || !this.#conversation.value || Boolean(refusal);
    const open = this.open && !locked;
    return html`
      <button type="button" part="button" aria-haspopup="dialog" aria-expanded=${open} aria-describedby="status"
        ?disabled=${locked} @click=${() => this.#show(!this.open)}>${t.button}</button>
      ${open ? this.#renderDialog(policy) : nothing}
      <p role="status" id="status" part="status" class=${this.sent && !refusal ? 'success' : 'muted'}>${refusal ? this.errorText({ code: refusal }) : this.sent ? t.sent : ''}</p>
    `;
  }

  #renderDialog(policy: Policy) {
    const t = this.t;
    const amount = this.#amount;
    const money = (cents: number) => formatMoney(cents, this.currency);
    return html`<div role="dialog" class="popover" part="dialog" aria-labelledby="title" @keydown=${this.#keydown}>
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
          label: t.custom(this.currency), amount: this.custom, note: this.note, error: this.error, busy: this.sending, input: this.#input,
          submit: this.sending ? t.sending : Number.isFinite(amount) ? t.send(money(amount!)) : t.confirm,
          cancel: () => this.#show(false),
        })}
      </form>
    </div>`;
  }
}
