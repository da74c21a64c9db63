import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import type { Draft } from '../../client/state.js';
import type { Engagement, Goodie, MessageDraft, PaymentButton } from '../../model/types.js';
import type { contactRefusal } from '../../rules/contact-policy.js';
import type { VolleyAttachmentPicker } from '../attachment-picker/attachment-picker.js';
import { attachmentPickerStrings, type Uploader } from '../attachment-picker/attachment-picker.strings.js';
import { VolleySendEvent } from '../events/events.js';
import { ConversationElement } from '../shared/command-element.js';
import { popoverKeys } from '../shared/roving.js';
import { StoreController } from '../shared/store-controller.js';
import { baseStyles } from '../shared/styles.js';
import { FirstUse } from '../shared/first-use.js';
import { TopLayer } from '../shared/layer.js';
import { loadOnce } from '../../model/load-once.js';
import type { emojiStrings } from './composer.emoji.js';
import { composerStyles } from './composer.styles.js';
import { composerStrings } from './composer.strings.js';

/** The provider's tools (the Insert menu, the tribute request form), loaded when one is first opened. */
const tools = () => import('./composer.tools.js');
// M2's pre-check: one load for the page, tried again after a failure.
const contactRules = loadOnce(() => import('../../rules/contact-policy.js'));
/** The emoji picker (volley-emoji-picker, defined once loaded), loaded when first opened. */
const emoji = () => import('./composer.emoji.js');

/** The pop-overs, named as the ids of the buttons that open them. */
type Panel = 'emoji' | 'insert' | 'request';

/**
 * Writes and sends messages in one conversation. It mirrors the engine: why sending is refused
 * shows before anyone types (`conversation.refusal`), and contact details are flagged while typing
 * with the engine's own rule (M2). Enter sends, Shift+Enter breaks the line; typing tells the
 * others (P12). The provider side can insert catalog entries (payment buttons, goodies,
 * engagements) and request a tribute. The emoji picker loads on first use, with its data from
 * `emojiDataUrl`; its strings (`emojiSearch`, `emojiGroups`, …) are part of this element's strings.
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
 * @csspart error - a refused command; in the tribute form, a refused amount
 * @csspart emoji-panel - @csspart menu - @csspart tribute-form - the pop-overs
 * @csspart emoji-search - @csspart emoji-tabs - @csspart emoji-tab - @csspart emoji-grid - @csspart emoji - inside the emoji panel
 * @csspart confirm - the tribute form's Request button
 * @cssprop --volley-bg - background
 * @cssprop --volley-border - borders
 * @cssprop --volley-accent - the Send button
 * @event volley-send - before each message is sent (cancelable: nothing is sent and the text stays)
 * @event volley-tribute-request - before a tribute request is sent (cancelable)
 * @event volley-attachments - from the embedded picker: the chosen files changed
 * @event volley-error - a send was refused
 */
export class VolleyComposer extends ConversationElement<typeof composerStrings & typeof attachmentPickerStrings & Partial<typeof emojiStrings>> {
  static override styles = [baseStyles, composerStyles];
  static override properties: PropertyDeclarations = {
    paymentButtons: { attribute: false },
    goodies: { attribute: false },
    engagements: { attribute: false },
    uploader: { attribute: false },
    emojiDataUrl: { attribute: 'emoji-data-url' },
    currency: {},
    text: { state: true },
    panel: { state: true },
    uploading: { state: true },
    tributeError: { state: true },
  };
  protected override defaults = { ...attachmentPickerStrings, ...composerStrings };

  /** The provider's payment buttons, for the Insert menu (provider side only). */
  paymentButtons: readonly PaymentButton[] = [];
  /** The provider's goodies, for the Insert menu. */
  goodies: readonly Goodie[] = [];
  /** Engagements (coupons, promos) an agent can send (K4). */
  engagements: readonly Engagement[] = [];
  /**
   * Uploads an attachment and resolves with its URL, in place of the client's transport (which
   * uploads to the chat server, or keeps the file in the page on an in-page engine). With
   * neither, attachments carry no URL.
   */
  uploader?: Uploader;
  /** Where the emoji picker loads its data: serve it yourself (never a CDN). */
  emojiDataUrl: string = new URL('./emoji-data.json', import.meta.url).href;
  /** The currency of tribute requests. */
  currency = 'USD';

  private text = '';
  private panel?: Panel;
  private uploading = false;
  private tributeError = '';

  #contactRule?: typeof contactRefusal;
  #warning = false;
  /** The error shown is a send refused because another member owned the chat. */
  #ownedByOther = false;
  readonly #tools = new FirstUse(this, tools);
  readonly #emoji = new FirstUse(this, emoji);
  /** C5: re-renders when this conversation's draft changes elsewhere (restored, another tab). */
  protected draft = new StoreController(this, (s) => s.drafts[this.conversationId], undefined);
  /** The draft on screen: one that differs from it came from elsewhere and replaces what is shown. */
  #shown?: Draft;
  /** Files of a draft being put back into the picker (it checks them again, asynchronously). */
  #restoring?: readonly File[];
  #restoreQueued = false;
  #draftFrame = 0;

  constructor() {
    super();
    // The pop-overs open in the top layer, next to their buttons: the chat's edges clip nothing.
    new TopLayer(this);
  }

  /** Sends the text and the chosen attachments (one message each), as Enter does. */
  async send(): Promise<void> {
    if (this.locked || this.uploading) return;
    if (this.policy?.contactGuard.enabled) await this.#loadContactRule();
    const text = this.text.trim();
    // M2: the warning is on screen; the engine would refuse the same text.
    if (this.#hasContact(text)) return;
    if (text && this.#send({ kind: 'text', text })) this.text = '';
    this.#saveDraft();
    const picker = this.#picker;
    if (picker?.files.length) {
      this.uploading = true;
      try {
        for (const { file, head, url } of await picker.upload(this.#uploader)) {
          const attachment = { name: file.name, size: file.size, mime: file.type || undefined, head: btoa(String.fromCharCode(...head)), url };
          if (this.#send({ kind: 'attachment', attachment })) picker.removeFile(file);
        }
      } finally {
        this.uploading = false;
        this.#saveDraft();
      }
    }
    this.renderRoot.querySelector('textarea')?.focus();
  }

  /** Empties the text and the chosen attachments (for a host that canceled `volley-send` and sent itself). */
  clear(): void {
    this.text = '';
    this.#picker?.clear();
    this.#saveDraft();
  }

  /** The host's uploader, else the client's (through its transport), if it has one. */
  get #uploader(): Uploader | undefined {
    const client = this.client;
    return this.uploader ?? (client?.canUpload ? (file, options) => client.upload(file, options) : undefined);
  }

  get #picker() {
    return this.renderRoot?.querySelector<VolleyAttachmentPicker>('volley-attachment-picker');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Read from the state, not the controller: it follows a new conversation id only after this.
    const switched = changed.has('conversationId');
    if (switched && this.#draftFrame) this.#saveDraft(changed.get('conversationId'));
    const draft = this.client?.state.drafts[this.conversationId];
    if (switched || draft !== this.#shown) {
      this.#shown = draft;
      this.text = draft?.text ?? '';
      this.#restoring = draft?.attachments ?? [];
      this.#restoreQueued = true;
    }
    // M2's rule loads with the first text (typed, or a draft's): a chat opens without it.
    if (this.text && this.policy?.contactGuard.enabled) void this.#loadContactRule();
    this.#warning = this.#hasContact(this.text);
    // K3: "another member owns this chat" is stale once I own it (taken over from the thread).
    if (this.#ownedByOther && this.conversation.value?.ownerId === this.me?.id) this.error = undefined;
    this.#ownedByOther &&= this.error !== undefined;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.panel = undefined;
    if (this.#draftFrame) this.#saveDraft();
  }

  protected override updated(): void {
    if (this.#restoreQueued) {
      this.#restoreQueued = false;
      void this.#restore(this.#restoring!);
    }
  }

  /** Shows a draft from elsewhere, once rendered: its text, and its files checked again by the picker. */
  async #restore(files: readonly File[]): Promise<void> {
    // The binding skips a value equal to the one it last set, though the user typed since.
    this.renderRoot.querySelector('textarea')!.value = this.text;
    const picker = this.#picker!;
    picker.clear();
    if (files.length) await picker.add(files);
    if (this.#restoring === files) this.#restoring = undefined;
  }

  /** Writes the draft back once per frame while the user types or picks files. */
  #keepDraft(): void {
    cancelAnimationFrame(this.#draftFrame);
    this.#draftFrame = requestAnimationFrame(() => this.#saveDraft());
  }

  #saveDraft(conversationId = this.conversationId): void {
    cancelAnimationFrame(this.#draftFrame);
    this.#draftFrame = 0;
    const client = this.client;
    if (!client || !conversationId) return;
    // While a restored draft's files are checked again, they are still the draft's.
    const attachments = this.#restoring ?? this.#picker?.files ?? [];
    const kept = client.state.drafts[conversationId];
    if ((kept?.text ?? '') === this.text && sameFiles(kept?.attachments ?? [], attachments)) return;
    const draft = this.text || attachments.length ? { text: this.text, attachments: [...attachments] } : undefined;
    if (conversationId === this.conversationId) this.#shown = draft;
    client.setDraft(conversationId, draft ?? null);
  }

  #loadContactRule(): Promise<void> {
    // A warning only: the engine decides. Not loaded (the page's server is down), sending goes on without it.
    if (this.#contactRule) return Promise.resolve();
    return Promise.resolve(contactRules()).then((rules) => {
      this.#contactRule = rules.contactRefusal;
      this.requestUpdate();
    }, () => undefined);
  }

  #hasContact(text: string): boolean {
    const policy = this.policy;
    const conversation = this.conversation.value;
    return Boolean(policy && conversation && this.#contactRule?.(text, conversation.orderId !== undefined, policy));
  }

  protected override refused(error: unknown): string {
    this.#ownedByOther = (error as { code?: string } | undefined)?.code === 'owned-by-other';
    return super.refused(error);
  }

  /** Sends a draft unless the host cancels `volley-send`; truthy when it went out. */
  #send(draft: MessageDraft) {
    return this.run(new VolleySendEvent(this.conversationId, draft), (client) => client.send(this.conversationId, draft));
  }

  /** P12: tells the others I am typing (the client throttles it); an IME's steps count once, when it commits. */
  #typing(): void {
    void this.client?.typing(this.conversationId);
  }

  #keydown(event: KeyboardEvent): void {
    // Not while an IME composes: its Enter confirms the composition.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    void this.send();
  }

  async #open(panel: Panel): Promise<void> {
    if (this.panel === panel) return this.#close();
    this.panel = panel;
    this.tributeError = '';
    // The tools show "Loading…" until they are there; the emoji picker shows once it is.
    if (panel === 'emoji') (await this.#emoji.load()).defineEmojiPicker();
    else await this.#tools.load();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[role=menuitem], [name=amount], volley-emoji-picker')?.focus();
  }

  /** A chosen emoji goes where the cursor is (over the selection) and the focus goes back to the field. */
  #insertEmoji(emoji: string): void {
    const field = this.renderRoot.querySelector('textarea')!;
    field.setRangeText(emoji, field.selectionStart, field.selectionEnd, 'end');
    field.focus();
    this.text = field.value;
    this.#keepDraft();
    this.panel = undefined;
  }

  async #close(focusOpener = true): Promise<void> {
    const panel = this.panel;
    this.panel = undefined;
    await this.updateComplete;
    if (focusOpener) this.renderRoot.querySelector<HTMLElement>(`#${panel}`)?.focus();
  }

  /** Escape closes any pop-over; in the menu, the arrows, Home and End move between entries and Tab leaves it. */
  #panelKey(event: KeyboardEvent): void {
    const menu = this.panel === 'insert' ? [...this.renderRoot.querySelectorAll<HTMLElement>('[role=menuitem]')] : undefined;
    popoverKeys(event, (focusButton) => this.#close(focusButton), menu);
  }

  protected override render() {
    const t = this.t;
    const policy = this.policy;
    const locked = this.locked;
    const provider = this.me && this.me.role !== 'customer';
    const catalogs = provider && this.paymentButtons.length + this.goodies.length + this.engagements.length;
    const canSend = !locked && !this.#warning && !this.uploading && (this.text.trim() !== '' || Boolean(this.#picker?.files.length));
    const panel = this.panel;
    const opener = (id: Panel, text: string, label = text) => html`<button id=${id} part="${id}-button" aria-label=${label}
      aria-haspopup=${id === 'insert' ? 'menu' : nothing} aria-expanded=${panel === id} ?disabled=${locked} @click=${() => this.#open(id)}>${text}</button>`;
    return html`
      <p role="status" part="refusal" id="refusal">${this.refusal}</p>
      <p class="error" role="status" part="warning" id="warning">${this.#warning && !locked ? this.codeText('contact-info') : ''}</p>
      ${this.errorAlert()}
      ${panel === 'emoji' && this.#emoji.module ? this.#emoji.module.renderPicker(this, (event) => this.#panelKey(event), (emoji) => this.#insertEmoji(emoji)) : nothing}
      ${panel && panel !== 'emoji' && policy ? this.loaded(this.#tools.module, (tools) => tools.renderTool(panel, {
        t, policy, composer: this, tributeError: this.tributeError, insert: (draft) => { void this.#close(); this.#send(draft); }, close: () => this.#close(),
        keydown: (event) => this.#panelKey(event), refuse: (error) => (this.tributeError = error), run: (event, command) => this.run(event, command),
      })) : nothing}
      <textarea part="input" rows="1" aria-label=${t.label} placeholder=${t.placeholder} aria-describedby="refusal warning"
        maxlength=${policy?.messages.maxTextLength ?? nothing} .value=${this.text} ?disabled=${locked}
        @input=${(e: InputEvent) => { this.text = (e.target as HTMLTextAreaElement).value; this.error = undefined; this.#keepDraft(); if (!e.isComposing) this.#typing(); }}
        @compositionend=${this.#typing} @keydown=${this.#keydown}></textarea>
      <div class="toolbar" part="toolbar">
        ${opener('emoji', t.emoji, t.emojiLabel)}
        ${catalogs ? opener('insert', t.insert, t.insertLabel) : nothing}
        ${provider && policy?.tribute.enabled ? opener('request', t.requestTribute) : nothing}
        <volley-attachment-picker part="attachments" exportparts="button: attach-button, files, file, thumbnail, progress, refused" multiple
          .client=${this.client} .policy=${policy?.attachments} .strings=${this.strings} ?disabled=${locked}
          @volley-attachments=${() => { this.requestUpdate(); this.#keepDraft(); }}></volley-attachment-picker>
        <!-- Pressing Send leaves the focus in the text field, so a phone's keyboard stays open. -->
        <button class="primary" part="send-button" ?disabled=${!canSend} @mousedown=${(e: Event) => e.preventDefault()} @click=${this.send}>${t.send}</button>
      </div>
    `;
  }
}

const sameFiles = (a: readonly File[], b: readonly File[]) => a.length === b.length && a.every((file, i) => file === b[i]);
