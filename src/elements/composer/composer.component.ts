import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Engagement, Goodie, MessageDraft, PaymentButton } from '../../model/types.js';
import type { contactRefusal } from '../../rules/contact-policy.js';
import type { Uploader, VolleyAttachmentPicker } from '../attachment-picker/attachment-picker.component.js';
import { attachmentPickerStrings } from '../attachment-picker/attachment-picker.component.js';
import { VolleyErrorEvent, VolleySendEvent, VolleyTributeRequestEvent } from '../events/events.js';
import { formatMoney } from '../shared/format.js';
import { StoreController } from '../shared/store-controller.js';
import { baseStyles } from '../shared/styles.js';
import { VolleyElement } from '../shared/volley-element.js';
import { composerStyles } from './composer.styles.js';

export const composerStrings = {
  label: 'Message',
  placeholder: 'Write a message…',
  send: 'Send',
  emoji: '😊',
  emojiLabel: 'Insert an emoji',
  insert: 'Insert',
  insertLabel: 'Insert a payment button, goodie or engagement',
  paymentButtons: 'Payment buttons',
  goodies: 'Goodies',
  engagements: 'Engagements',
  /** A catalog entry in the Insert menu; `amount` is formatted, when the entry has one. */
  item: (title: string, amount?: string) => (amount ? `${title} · ${amount}` : title),
  requestTribute: 'Request a tribute',
  amount: (currency: string) => `Amount (${currency})`,
  note: 'Note (optional)',
  request: 'Request',
  amountRange: (min: string, max: string) => `Enter an amount between ${min} and ${max}.`,
};

type Panel = 'emoji' | 'insert' | 'tribute';
const OPENERS: Record<Panel, string> = { emoji: 'emoji', insert: 'insert', tribute: 'request' };

const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

/**
 * Writes and sends messages in one conversation. It mirrors the engine: why sending is refused
 * shows before anyone types (`conversation.refusal`), and contact details are flagged while typing
 * with the engine's own rule (M2). Enter sends, Shift+Enter breaks the line. The provider side can
 * insert catalog entries (payment buttons, goodies, engagements) and request a tribute. Emoji come
 * from `emoji-picker-element`, loaded on first use with its data from `emojiDataUrl`.
 *
 * The strings of the embedded attachment picker are part of this element's strings.
 *
 * @csspart input - the text area
 * @csspart toolbar - the row of buttons under it
 * @csspart emoji-button - @csspart insert-button - @csspart request-button - @csspart send-button
 * @csspart attachments - the embedded `volley-attachment-picker` (its parts are exported as
 *   `attach-button`, `files`, `file`, `thumbnail`, `progress`, `refused`)
 * @csspart refusal - why sending is refused here (empty when it is not)
 * @csspart warning - the contact-details warning (empty when there is none)
 * @csspart error - a refused command
 * @csspart emoji-panel - @csspart menu - @csspart tribute-form - the pop-overs
 * @cssprop --volley-bg - background
 * @cssprop --volley-border - borders
 * @cssprop --volley-accent - the Send button
 * @event volley-send - before each message is sent (cancelable: nothing is sent and the text stays)
 * @event volley-tribute-request - before a tribute request is sent (cancelable)
 * @event volley-attachments - from the embedded picker: the chosen files changed
 * @event volley-error - a send was refused
 */
export class VolleyComposer extends VolleyElement<typeof composerStrings & typeof attachmentPickerStrings> {
  static override styles = [baseStyles, composerStyles];
  protected override defaults = { ...attachmentPickerStrings, ...composerStrings };

  @property({ attribute: 'conversation-id' }) conversationId = '';
  /** The provider's payment buttons, for the Insert menu (provider side only). */
  @property({ attribute: false }) paymentButtons: readonly PaymentButton[] = [];
  /** The provider's goodies, for the Insert menu. */
  @property({ attribute: false }) goodies: readonly Goodie[] = [];
  /** Engagements (coupons, promos) an agent can send (K4). */
  @property({ attribute: false }) engagements: readonly Engagement[] = [];
  /** Uploads an attachment and resolves with its URL; without one, attachments carry no URL. */
  @property({ attribute: false }) uploader?: Uploader;
  /** Where the emoji picker loads its data: serve it yourself (never a CDN). */
  @property({ attribute: 'emoji-data-url' }) emojiDataUrl: string = new URL('./emoji-data.json', import.meta.url).href;
  /** The currency of tribute requests. */
  @property() currency = 'USD';

  @state() private text = '';
  @state() private error?: string;
  @state() private panel?: Panel;
  @state() private attached = 0;
  @state() private uploading = false;
  @state() private tributeError?: string;

  @query('textarea') private textarea?: HTMLTextAreaElement;
  @query('volley-attachment-picker') private picker?: VolleyAttachmentPicker;

  #conversation = new StoreController(this, (s) => s.conversations[this.conversationId], undefined);
  #me = new StoreController(this, (s) => s.me, null);
  #policy = new StoreController(this, (s) => s.policy, null);
  #contactRule?: typeof contactRefusal;
  #contactLoad?: Promise<void>;
  #warning = false;
  #emojiPicker?: HTMLElement & { dataSource: string };

  /** Sends the text and the chosen attachments (one message each), as Enter does. */
  async send(): Promise<void> {
    const conversation = this.#conversation.value;
    if (!this.client || !conversation || conversation.refusal || this.uploading) return;
    if (this.#policy.value?.contactGuard.enabled && !this.#contactRule) await this.#loadContactRule();
    const text = this.text.trim();
    // M2: the warning is on screen; the engine would refuse the same text.
    if (this.#hasContact(text)) return;
    this.error = undefined;
    if (text && this.#dispatchSend({ kind: 'text', text })) this.text = '';
    const picker = this.picker;
    if (picker?.files.length) {
      this.uploading = true;
      try {
        for (const { file, head, url } of await picker.upload(this.uploader)) {
          const attachment = { name: file.name, size: file.size, ...(file.type ? { mime: file.type } : {}), head: base64(head), ...(url ? { url } : {}) };
          if (this.#dispatchSend({ kind: 'attachment', attachment })) picker.removeFile(file);
        }
      } finally {
        this.uploading = false;
      }
    }
    this.textarea?.focus();
  }

  /** Empties the text and the chosen attachments (for a host that canceled `volley-send` and sent itself). */
  clear(): void {
    this.text = '';
    this.picker?.clear();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.#policy.value?.contactGuard.enabled && !this.#contactRule) void this.#loadContactRule();
    this.#warning = this.#hasContact(this.text);
    if (changed.has('emojiDataUrl') && this.#emojiPicker) this.#emojiPicker.dataSource = String(this.emojiDataUrl);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.panel = undefined;
  }

  #loadContactRule(): Promise<void> {
    return (this.#contactLoad ??= import('../../rules/contact-policy.js').then((rules) => {
      this.#contactRule = rules.contactRefusal;
      this.requestUpdate();
    }));
  }

  #hasContact(text: string): boolean {
    const policy = this.#policy.value;
    const conversation = this.#conversation.value;
    return Boolean(policy && conversation && this.#contactRule?.(text, conversation.orderId !== undefined, policy));
  }

  /** Announces a draft and, unless the host cancels, sends it. True when it went to the client. */
  #dispatchSend(draft: MessageDraft): boolean {
    const event = new VolleySendEvent(this.conversationId, draft);
    this.dispatchEvent(event);
    if (event.defaultPrevented || !this.client) return false;
    this.client.send(this.conversationId, draft).catch((error: unknown) => this.#fail(error));
    return true;
  }

  #fail(error: unknown): void {
    this.error = this.errorText(error);
    this.dispatchEvent(new VolleyErrorEvent((error as { code?: string })?.code ?? 'unavailable', this.error));
  }

  #keydown(event: KeyboardEvent): void {
    // Not while an IME composes: its Enter confirms the composition.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    void this.send();
  }

  async #open(panel: Panel): Promise<void> {
    if (this.panel === panel) return this.#close();
    if (panel === 'emoji' && !this.#emojiPicker) {
      // Loaded on first use only: the picker and its database never weigh on the first paint.
      await import('emoji-picker-element');
      const picker = document.createElement('emoji-picker');
      adoptInlineStyles(picker);
      picker.dataSource = String(this.emojiDataUrl);
      picker.addEventListener('emoji-click', (event) => void this.#insertText(event.detail.unicode));
      this.#emojiPicker = picker;
    }
    this.panel = panel;
    this.tributeError = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(panel === 'insert' ? '[role=menuitem]' : '#amount')?.focus();
  }

  async #close(focusOpener = true): Promise<void> {
    const panel = this.panel;
    this.panel = undefined;
    await this.updateComplete;
    if (panel && focusOpener) this.renderRoot.querySelector<HTMLElement>(`#${OPENERS[panel]}`)?.focus();
  }

  async #insertText(insert?: string): Promise<void> {
    if (!insert) return;
    const textarea = this.textarea;
    const start = textarea?.selectionStart ?? this.text.length;
    const end = textarea?.selectionEnd ?? start;
    this.text = this.text.slice(0, start) + insert + this.text.slice(end);
    this.panel = undefined;
    await this.updateComplete;
    textarea?.focus();
    textarea?.setSelectionRange(start + insert.length, start + insert.length);
  }

  #insert(draft: MessageDraft): void {
    void this.#close();
    this.error = undefined;
    this.#dispatchSend(draft);
  }

  #panelKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      void this.#close();
      return;
    }
    if (this.panel !== 'insert') return;
    const items = [...this.renderRoot.querySelectorAll<HTMLElement>('[role=menuitem]')];
    const at = items.indexOf((this.renderRoot as ShadowRoot).activeElement as HTMLElement);
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[event.key];
    if (event.key === 'Tab') void this.#close(false);
    if (to === undefined) return;
    event.preventDefault();
    items[(to + items.length) % items.length]?.focus();
  }

  #requestTribute(event: SubmitEvent): void {
    event.preventDefault();
    const policy = this.#policy.value;
    if (!this.client || !policy) return;
    const data = new FormData(event.target as HTMLFormElement);
    const amountCents = Math.round(Number(data.get('amount') || NaN) * 100);
    const note = String(data.get('note') ?? '').trim();
    const { minCents, maxCents } = policy.tribute;
    if (!(amountCents >= minCents && amountCents <= maxCents)) {
      this.tributeError = this.t.amountRange(formatMoney(minCents, this.currency), formatMoney(maxCents, this.currency));
      return;
    }
    void this.#close();
    const request = new VolleyTributeRequestEvent(this.conversationId, amountCents, note || undefined);
    this.dispatchEvent(request);
    if (request.defaultPrevented) return;
    this.error = undefined;
    this.client.requestTribute(this.conversationId, { amountCents, ...(note ? { note } : {}) }).catch((error: unknown) => this.#fail(error));
  }

  protected override render() {
    const t = this.t;
    const conversation = this.#conversation.value;
    const policy = this.#policy.value;
    const refusal = conversation?.refusal;
    const locked = !this.client || !conversation || Boolean(refusal);
    const provider = Boolean(this.#me.value && this.#me.value.role !== 'customer');
    const catalog = provider && this.paymentButtons.length + this.goodies.length + this.engagements.length > 0;
    const canSend = !locked && !this.#warning && !this.uploading && (this.text.trim() !== '' || this.attached > 0);
    const panel = this.panel;
    return html`
      <p class="status" role="status" part="refusal" id="refusal">${refusal ? this.errorText({ code: refusal }) : nothing}</p>
      <p class="status warning" role="status" part="warning" id="warning">${this.#warning && !locked ? t.errors['contact-info'] : nothing}</p>
      ${this.error ? html`<p class="error" role="alert" part="error">${this.error}</p>` : nothing}
      ${this.#emojiPicker ? html`<div class="popover" part="emoji-panel" ?hidden=${panel !== 'emoji'} @keydown=${this.#panelKey}>${this.#emojiPicker}</div>` : nothing}
      ${panel === 'insert' ? this.#renderMenu() : nothing}
      ${panel === 'tribute' ? this.#renderTributeForm() : nothing}
      <textarea part="input" rows="1" aria-label=${t.label} placeholder=${t.placeholder} aria-describedby="refusal warning"
        maxlength=${policy?.messages.maxTextLength ?? nothing} .value=${this.text} ?disabled=${locked}
        @input=${(e: InputEvent) => { this.text = (e.target as HTMLTextAreaElement).value; this.error = undefined; }}
        @keydown=${this.#keydown}></textarea>
      <div class="toolbar" part="toolbar">
        <button type="button" id="emoji" part="emoji-button" aria-label=${t.emojiLabel} aria-expanded=${panel === 'emoji'} ?disabled=${locked}
          @click=${() => this.#open('emoji')}>${t.emoji}</button>
        ${catalog ? html`<button type="button" id="insert" part="insert-button" aria-label=${t.insertLabel} aria-haspopup="menu"
          aria-expanded=${panel === 'insert'} ?disabled=${locked} @click=${() => this.#open('insert')}>${t.insert}</button>` : nothing}
        ${provider && policy?.tribute.enabled ? html`<button type="button" id="request" part="request-button" aria-expanded=${panel === 'tribute'}
          ?disabled=${locked} @click=${() => this.#open('tribute')}>${t.requestTribute}</button>` : nothing}
        <volley-attachment-picker part="attachments" exportparts="button: attach-button, files, file, thumbnail, progress, refused" multiple
          .client=${this.client} .policy=${policy?.attachments} .strings=${this.strings} ?disabled=${locked}
          @volley-attachments=${(e: { files: readonly File[] }) => (this.attached = e.files.length)}></volley-attachment-picker>
        <button type="button" class="primary" part="send-button" ?disabled=${!canSend} @click=${this.send}>${t.send}</button>
      </div>
    `;
  }

  #renderMenu() {
    const t = this.t;
    const money = (cents?: number) => (cents === undefined ? undefined : formatMoney(cents, this.currency));
    const group = <T extends { id: string; title: string; amountCents?: number }>(id: string, label: string, items: readonly T[], draft: (item: T) => MessageDraft) =>
      items.length
        ? html`<div role="group" aria-labelledby=${id}>
            <div class="group-label" id=${id} role="presentation">${label}</div>
            ${items.map((item) => html`<button type="button" role="menuitem" tabindex="-1" @click=${() => this.#insert(draft(item))}>${t.item(item.title, money(item.amountCents))}</button>`)}
          </div>`
        : nothing;
    return html`<div class="popover" role="menu" part="menu" aria-label=${t.insertLabel} @keydown=${this.#panelKey}>
      ${group('g-buttons', t.paymentButtons, this.paymentButtons, (button) => ({ kind: 'payment-button', button }))}
      ${group('g-goodies', t.goodies, this.goodies, (goodie) => ({ kind: 'goodie', goodie }))}
      ${group('g-engagements', t.engagements, this.engagements, (engagement) => ({ kind: 'engagement', engagement }))}
    </div>`;
  }

  #renderTributeForm() {
    const t = this.t;
    const tribute = this.#policy.value?.tribute;
    return html`<form class="popover" part="tribute-form" novalidate aria-label=${t.requestTribute} @submit=${this.#requestTribute} @keydown=${this.#panelKey}>
      <label>${t.amount(this.currency)}
        <input id="amount" name="amount" type="number" inputmode="decimal" step="0.01" min=${(tribute?.minCents ?? 0) / 100}
          max=${tribute ? tribute.maxCents / 100 : nothing} aria-describedby="tribute-error" /></label>
      <label>${t.note}<input name="note" maxlength=${this.#policy.value?.messages.maxNoteLength ?? nothing} /></label>
      <p class="error" id="tribute-error" role="alert">${this.tributeError ?? nothing}</p>
      <div class="actions">
        <button type="button" @click=${() => this.#close()}>${t.cancel}</button>
        <button type="submit" class="primary">${t.request}</button>
      </div>
    </form>`;
  }
}

/**
 * The picker puts its styles in a <style> element, which a strict CSP (no unsafe-inline) refuses.
 * Before it is connected, the same rules move into a constructed stylesheet, which CSP allows.
 */
function adoptInlineStyles(element: HTMLElement): void {
  const root = element.shadowRoot;
  if (!root || !('adoptedStyleSheets' in root)) return;
  const sheets = [...root.querySelectorAll('style')].map((style) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(style.textContent ?? '');
    style.remove();
    return sheet;
  });
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...sheets];
}
