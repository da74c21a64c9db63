import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { VolleyErrorEvent, VolleyTributeEvent } from '../events/events.js';
import { formatMoney } from '../shared/format.js';
import { StoreController } from '../shared/store-controller.js';
import { baseStyles } from '../shared/styles.js';
import { VolleyElement } from '../shared/volley-element.js';
import { tributeButtonStyles } from './tribute-button.styles.js';

export const tributeButtonStrings = {
  button: 'Send a tribute',
  title: 'Send a tribute',
  presets: 'Amount',
  custom: (currency: string) => `Other amount (${currency})`,
  note: 'Note (optional)',
  /** The confirm button, with the chosen amount formatted. */
  send: (amount: string) => `Send ${amount}`,
  sending: 'Sending…',
  sent: 'Tribute sent',
  chooseAmount: 'Choose an amount.',
  amountRange: (min: string, max: string) => `Enter an amount between ${min} and ${max}.`,
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
  static override styles = [baseStyles, tributeButtonStyles];
  protected override defaults = tributeButtonStrings;

  @property({ attribute: 'conversation-id' }) conversationId = '';
  /** Preset amounts in cents. */
  @property({ attribute: false }) presets: readonly number[] = [500, 1000, 2000];
  @property() currency = 'USD';

  @state() private open = false;
  @state() private chosen?: number;
  @state() private custom = '';
  @state() private note = '';
  @state() private sending = false;
  @state() private sent = false;
  @state() private error?: string;

  #conversation = new StoreController(this, (s) => s.conversations[this.conversationId], undefined);
  #me = new StoreController(this, (s) => s.me, null);
  #policy = new StoreController(this, (s) => s.policy, null);

  /** The amount in cents the dialog would send: the custom amount if typed, else the chosen preset. */
  get #amount(): number | undefined {
    if (this.custom.trim() === '') return this.chosen;
    const cents = Math.round(Number(this.custom) * 100);
    return Number.isFinite(cents) ? cents : NaN;
  }

  async #toggle(): Promise<void> {
    if (this.open) return this.#close();
    this.open = true;
    this.sent = false;
    this.error = undefined;
    await this.updateComplete;
    const root = this.renderRoot;
    (root.querySelector<HTMLElement>('[aria-pressed=true]') ?? root.querySelector<HTMLElement>('.presets button, input'))?.focus();
  }

  async #close(): Promise<void> {
    this.open = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part=button]')?.focus();
  }

  #keydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    void this.#close();
  }

  async #confirm(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const client = this.client;
    const tribute = this.#policy.value?.tribute;
    if (!client || !tribute || this.sending) return;
    const t = this.t;
    const amountCents = this.#amount;
    if (amountCents === undefined) {
      this.error = t.chooseAmount;
      return;
    }
    if (!(amountCents >= tribute.minCents && amountCents <= tribute.maxCents)) {
      this.error = t.amountRange(formatMoney(tribute.minCents, this.currency), formatMoney(tribute.maxCents, this.currency));
      return;
    }
    const note = this.note.trim() || undefined;
    const intent = new VolleyTributeEvent(this.conversationId, amountCents, note);
    this.dispatchEvent(intent);
    if (intent.defaultPrevented) return;
    this.error = undefined;
    this.sending = true;
    try {
      await client.sendTribute(this.conversationId, { amountCents, ...(note ? { note } : {}) });
      this.sent = true;
      this.chosen = undefined;
      this.custom = this.note = '';
      await this.#close();
    } catch (error) {
      this.error = this.errorText(error);
      this.dispatchEvent(new VolleyErrorEvent((error as { code?: string })?.code ?? 'unavailable', this.error));
    } finally {
      this.sending = false;
    }
  }

  protected override render() {
    const me = this.#me.value;
    if (!this.#policy.value?.tribute.enabled || (me && me.role !== 'customer')) return nothing;
    const t = this.t;
    const refusal = this.#conversation.value?.refusal;
    const locked = !this.client || !this.#conversation.value || Boolean(refusal);
    return html`
      <button type="button" part="button" aria-haspopup="dialog" aria-expanded=${this.open && !locked} aria-describedby="status"
        ?disabled=${locked} @click=${this.#toggle}>${t.button}</button>
      ${this.open && !locked ? this.#renderDialog() : nothing}
      <p role="status" id="status" part="status" class=${this.sent && !refusal ? 'success' : 'muted'}>${refusal ? this.errorText({ code: refusal }) : this.sent ? t.sent : nothing}</p>
    `;
  }

  #renderDialog() {
    const t = this.t;
    const amount = this.#amount;
    const tribute = this.#policy.value!.tribute;
    return html`<div role="dialog" part="dialog" aria-labelledby="title" @keydown=${this.#keydown}><form novalidate @submit=${this.#confirm}>
      <h2 id="title">${t.title}</h2>
      <div class="presets" part="presets" role="group" aria-label=${t.presets}>
        ${this.presets.map((cents) => html`<button type="button" aria-pressed=${this.custom.trim() === '' && this.chosen === cents}
          @click=${() => { this.chosen = cents; this.custom = ''; this.error = undefined; }}>${formatMoney(cents, this.currency)}</button>`)}
      </div>
      <label>${t.custom(this.currency)}
        <input type="number" inputmode="decimal" step="0.01" min=${tribute.minCents / 100} max=${tribute.maxCents / 100} .value=${this.custom}
          aria-describedby="error" @input=${(e: Event) => { this.custom = (e.target as HTMLInputElement).value; this.error = undefined; }} /></label>
      <label>${t.note}
        <textarea maxlength=${this.#policy.value?.messages.maxNoteLength ?? nothing} .value=${this.note}
          @input=${(e: Event) => (this.note = (e.target as HTMLTextAreaElement).value)}></textarea></label>
      <p class="error" id="error" part="error" role="alert">${this.error ?? nothing}</p>
      <div class="actions">
        <button type="button" @click=${() => this.#close()}>${t.cancel}</button>
        <button type="submit" class="primary" part="confirm" ?disabled=${this.sending}>
          ${this.sending ? t.sending : amount !== undefined && Number.isFinite(amount) ? t.send(formatMoney(amount, this.currency)) : t.confirm}</button>
      </div>
    </form></div>`;
  }
}
