import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ChatClient } from '../../client/client.js';
import { selectConversation } from '../../client/state.js';
import type { Conversation, CustomerDetails } from '../../model/types.js';
import { VolleyBlockEvent, VolleyCloseEvent, VolleyErrorEvent } from '../events/events.js';
import { VolleyElement } from '../shared/volley-element.js';
import { StoreController } from '../shared/store-controller.js';
import { baseStyles } from '../shared/styles.js';
import { formatMoney } from '../shared/format.js';
import { gearMenuStyles } from './gear-menu.styles.js';

export const gearMenuStrings = {
  menu: 'Chat options',
  details: 'Customer details',
  callInstead: 'Call instead',
  block: (name: string) => `Block ${name}`,
  unblock: (name: string) => `Unblock ${name}`,
  blockedList: (count: number) => `Blocked (${count})`,
  closeChat: 'Close chat',
  detailsTitle: (name: string) => `About ${name}`,
  firstContact: 'First contact',
  volleys: 'Volleys',
  tributes: 'Tributes',
  tributeSummary: (count: number, total: string) => `${count} · ${total}`,
  lastMessage: 'Last message',
  none: '—',
  note: 'Private note (only your side sees it)',
  saveNote: 'Save note',
  noteSaved: 'Note saved.',
  blockedTitle: 'Blocked',
  noneBlocked: 'Nobody is blocked.',
  unblockShort: 'Unblock',
  unblockOne: (name: string) => `Unblock ${name}`,
  blockedDone: (name: string) => `${name} is blocked.`,
  unblockedDone: (name: string) => `${name} is unblocked.`,
  closedDone: 'The chat was closed.',
};

type Panel = 'details' | 'blocked' | undefined;
const NO_IDS: readonly string[] = [];
const NO_CONVERSATIONS: Readonly<Record<string, Conversation>> = {};

/** Only http(s) links, so a host's "call instead" URL can never run script. */
const safeUrl = (url?: string) => {
  try {
    return url && /^https?:$/.test(new URL(url, document.baseURI).protocol) ? url : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The gear menu of one chat (P5–P7). Provider side: customer details with history and a private
 * note, block or unblock, close. Customer side: "call instead" (the host's link), block or
 * unblock, close. Both see their blocked list with unblock. A menu button opens a menu operated
 * by arrow keys, Home/End and Escape (which closes it and returns focus to the button).
 *
 * @csspart button - the menu button
 * @csspart menu - the menu
 * @csspart item - a menu item
 * @csspart details - the customer details panel
 * @csspart note - the private note's textarea
 * @csspart blocked - the blocked list panel
 * @cssprop --volley-bg - the menu's background
 * @cssprop --volley-border - the menu's border
 * @event volley-block - before someone is blocked or unblocked (`userId`, `block`)
 * @event volley-close - before the chat is closed for me (`conversationId`)
 * @event volley-error - a command was refused (`code`, `message`)
 */
export class VolleyGearMenu extends VolleyElement<typeof gearMenuStrings> {
  static override styles = [baseStyles, gearMenuStyles];
  protected override defaults = gearMenuStrings;

  @property({ attribute: 'conversation-id' }) conversationId = '';
  /** The host's "call instead" page for customers (http or https only). */
  @property({ attribute: 'call-url' }) callUrl?: string;

  @state() private open = false;
  @state() private panel: Panel;
  @state() private details?: CustomerDetails;
  @state() private note = '';
  @state() private status = '';
  @state() private error?: string;

  #conversation = new StoreController(this, (s) => selectConversation(this.conversationId)(s), undefined);
  #me = new StoreController(this, (s) => s.me, null);
  #blocked = new StoreController(this, (s) => s.blocked, NO_IDS);
  #all = new StoreController(this, (s) => s.conversations, NO_CONVERSATIONS);
  #maxNote = new StoreController(this, (s) => s.policy?.messages.maxNoteLength, undefined);

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another chat: nothing of the previous one stays open.
    if (changed.has('conversationId') && changed.get('conversationId') !== undefined) {
      this.open = false;
      this.panel = this.details = this.error = undefined;
      this.status = '';
    }
  }

  /** The display name of a person or party, from any chat that names them. */
  #name(id: string): string {
    for (const c of Object.values(this.#all.value)) if (c.names[id]) return c.names[id];
    return id;
  }

  protected override render() {
    const t = this.t;
    const c = this.#conversation.value;
    const customer = this.#me.value?.role === 'customer';
    const other = c && (customer ? c.providerId : c.customerId);
    const blocked = this.#blocked.value;
    const call = customer ? safeUrl(this.callUrl) : undefined;
    return html`
      <div class="wrap" @focusout=${this.#onFocusOut}>
        <button part="button" id="button" aria-haspopup="menu" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="menu"
          aria-label=${t.menu} ?disabled=${!c} @click=${() => this.#toggle()} @keydown=${this.#onButtonKey}><span aria-hidden="true">⚙</span></button>
        ${this.open && c && other
          ? html`<div part="menu" id="menu" role="menu" aria-labelledby="button" @keydown=${this.#onMenuKey}>
              ${customer
                ? call ? html`<a part="item" role="menuitem" tabindex="-1" href=${call} target="_blank" rel="noopener noreferrer" @click=${() => this.#toggle(false)}>${t.callInstead}</a>` : nothing
                : html`<button part="item" role="menuitem" tabindex="-1" @click=${() => this.#openPanel('details')}>${t.details}</button>`}
              ${blocked.includes(other)
                ? html`<button part="item" role="menuitem" tabindex="-1" @click=${() => this.#block(other, false)}>${t.unblock(this.#name(other))}</button>`
                : html`<button part="item" role="menuitem" tabindex="-1" @click=${() => this.#block(other, true)}>${t.block(this.#name(other))}</button>`}
              ${blocked.length ? html`<button part="item" role="menuitem" tabindex="-1" @click=${() => this.#openPanel('blocked')}>${t.blockedList(blocked.length)}</button>` : nothing}
              <button part="item" role="menuitem" tabindex="-1" @click=${this.#close}>${t.closeChat}</button>
            </div>`
          : nothing}
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <p role="status" class="status">${this.status}</p>
      ${this.panel === 'details' && c ? this.#detailsPanel(c) : nothing}
      ${this.panel === 'blocked' ? this.#blockedPanel(blocked) : nothing}
    `;
  }

  #detailsPanel(c: Conversation) {
    const t = this.t;
    const d = this.details;
    const when = (at?: number) => (at === undefined ? t.none : html`<time datetime=${new Date(at).toISOString()}>${new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}</time>`);
    return html`<section part="details" class="panel" aria-labelledby="details-title">
      <div class="panel-head">
        <h3 id="details-title" tabindex="-1">${t.detailsTitle(this.#name(c.customerId))}</h3>
        <button @click=${() => this.#openPanel(undefined)}>${t.close}</button>
      </div>
      ${d
        ? html`<dl>
              <div><dt>${t.firstContact}</dt><dd>${when(d.firstContactAt)}</dd></div>
              <div><dt>${t.volleys}</dt><dd>${d.volleys}</dd></div>
              <div><dt>${t.tributes}</dt><dd>${t.tributeSummary(d.tributes.count, formatMoney(d.tributes.totalCents))}</dd></div>
              <div><dt>${t.lastMessage}</dt><dd>${when(d.lastMessageAt)}</dd></div>
            </dl>
            <form @submit=${this.#saveNote}>
              <label for="note">${t.note}</label>
              <textarea id="note" part="note" rows="3" maxlength=${this.#maxNote.value ?? 2000} .value=${this.note}
                @input=${(e: Event) => (this.note = (e.target as HTMLTextAreaElement).value)}></textarea>
              <button type="submit" class="primary">${t.saveNote}</button>
            </form>`
        : this.error ? nothing : html`<p class="muted">${t.loading}</p>`}
    </section>`;
  }

  #blockedPanel(blocked: readonly string[]) {
    const t = this.t;
    return html`<section part="blocked" class="panel" aria-labelledby="blocked-title">
      <div class="panel-head">
        <h3 id="blocked-title" tabindex="-1">${t.blockedTitle}</h3>
        <button @click=${() => this.#openPanel(undefined)}>${t.close}</button>
      </div>
      ${blocked.length
        ? html`<ul>${blocked.map((id) => html`<li><span>${this.#name(id)}</span>
            <button aria-label=${t.unblockOne(this.#name(id))} @click=${() => this.#block(id, false)}>${t.unblockShort}</button></li>`)}</ul>`
        : html`<p class="muted">${t.noneBlocked}</p>`}
    </section>`;
  }

  #items(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('[role=menuitem]')];
  }

  async #toggle(open = !this.open, focus: 'first' | 'last' | 'button' = 'first'): Promise<void> {
    this.open = open;
    await this.updateComplete;
    if (open) (focus === 'last' ? this.#items().at(-1) : this.#items()[0])?.focus();
    else if (focus === 'button') this.renderRoot.querySelector<HTMLElement>('#button')?.focus();
  }

  #onButtonKey(event: KeyboardEvent): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    void this.#toggle(true, event.key === 'ArrowUp' ? 'last' : 'first');
  }

  #onMenuKey(event: KeyboardEvent): void {
    const items = this.#items();
    const from = items.indexOf(event.target as HTMLElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      void this.#toggle(false, 'button');
      return;
    }
    if (event.key === 'Tab') return void (this.open = false);
    const n = items.length;
    const to = { ArrowDown: (from + 1) % n, ArrowUp: (from - 1 + n) % n, Home: 0, End: n - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    items[to].focus();
  }

  #onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (this.open && !(next && this.renderRoot.contains(next))) this.open = false;
  }

  async #openPanel(panel: Panel): Promise<void> {
    this.open = false;
    this.panel = panel;
    this.status = '';
    await this.updateComplete;
    if (panel) this.renderRoot.querySelector<HTMLElement>(`#${panel}-title`)?.focus();
    else this.renderRoot.querySelector<HTMLElement>('#button')?.focus();
    if (panel === 'details') await this.#loadDetails();
  }

  async #loadDetails(): Promise<void> {
    const customerId = this.#conversation.value?.customerId;
    if (!customerId) return;
    this.details = undefined;
    await this.#run(undefined, async (client) => {
      this.details = await client.customerDetails(customerId);
      this.note = this.details.note;
    });
  }

  #saveNote(event: Event): Promise<void> {
    event.preventDefault();
    const customerId = this.details?.customer.id;
    return this.#run(undefined, async (client) => {
      if (!customerId) return;
      this.details = await client.setNote(customerId, this.note);
      this.note = this.details.note;
      this.status = this.t.noteSaved;
    });
  }

  #block(userId: string, block: boolean): Promise<void> {
    this.open = false;
    return this.#run(new VolleyBlockEvent(userId, block), async (client) => {
      await (block ? client.block(userId) : client.unblock(userId));
      this.status = (block ? this.t.blockedDone : this.t.unblockedDone)(this.#name(userId));
    });
  }

  #close(): Promise<void> {
    this.open = false;
    return this.#run(new VolleyCloseEvent(this.conversationId), async (client) => {
      await client.closeConversation(this.conversationId);
      this.status = this.t.closedDone;
    });
  }

  /** Dispatches the intent (if any); unless canceled, runs the command and shows a refusal. */
  async #run(event: Event | undefined, command: (client: ChatClient) => Promise<void>): Promise<void> {
    const client = this.client;
    if ((event && !this.dispatchEvent(event)) || !client) return;
    this.error = undefined;
    try {
      await command(client);
    } catch (error) {
      this.error = this.errorText(error);
      this.dispatchEvent(new VolleyErrorEvent((error as { code?: string })?.code ?? 'unavailable', this.error));
    }
  }
}
