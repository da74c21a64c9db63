import { html, nothing, type PropertyDeclarations } from 'lit';
import { ContextProvider } from '@lit/context';
import type { Engagement, Goodie, PaymentButton } from '../../model/types.js';
import { clientContext } from '../shared/context.js';
import { StoreController } from '../shared/store-controller.js';
import { baseStyles } from '../shared/styles.js';
import { VolleyElement } from '../shared/volley-element.js';
import type { VolleySelectEvent } from '../events/events.js';
import { kitStyles } from '../shared/parts.js';
import { chatStyles } from './chat.styles.js';

export const chatStrings = {
  chats: 'Chats',
  back: 'Back to chats',
  pickChat: 'Choose a chat to start.',
  chatTab: 'Chat',
  feedTab: 'Orders and messages',
  statsTab: 'Stats',
  untitled: 'Chat',
};

type Pane = 'chat' | 'feed' | 'stats';

/**
 * Everything one user needs, composed: the chat list, the open chat with its menu, tribute
 * button and composer, incoming offers for team members and the care figures for agents.
 * Gives its client to every element inside through `@lit/context`.
 *
 * @csspart inbox - the chat list pane
 * @csspart main - the open chat pane
 * @csspart header - the open chat's header
 * @cssprop --volley-height - the element's height (default 100% of its container)
 * @event volley-select - a chat was opened from the list
 */
export class VolleyChat extends VolleyElement<typeof chatStrings> {
  static override styles = [baseStyles, kitStyles, chatStyles];
  static override properties: PropertyDeclarations = {
    conversationId: { attribute: 'conversation-id' },
    theme: { reflect: true },
    paymentButtons: { attribute: false },
    goodies: { attribute: false },
    engagements: { attribute: false },
    callUrl: { attribute: 'call-url' },
    selected: { state: true },
    pane: { state: true },
  };
  protected override defaults = chatStrings;

  /** The chat to open first. */
  conversationId?: string;
  /** `light` (default), `dark`: the built-in palettes; any `--volley-*` property still applies. */
  theme?: 'light' | 'dark';
  /** Host catalogs the provider can insert from the composer. */
  paymentButtons: PaymentButton[] = [];
  goodies: Goodie[] = [];
  engagements: Engagement[] = [];
  /** The host's "call instead" link for customers. */
  callUrl?: string;

  private selected?: string;
  private pane: Pane = 'chat';

  readonly #state = new StoreController(this, (s) => s, null);
  /** Gives the client to every element inside. */
  readonly #provider = new ContextProvider(this, { context: clientContext });

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('client')) this.#provider.setValue(this.client);
    if (changed.has('conversationId') && this.conversationId) this.selected = this.conversationId;
  }

  #select(event: VolleySelectEvent): void {
    this.selected = event.conversationId;
    this.pane = 'chat';
  }

  protected override render() {
    const t = this.t;
    const state = this.#state.value;
    if (!state || !this.client) return html`<p class="empty">${t.noClient}</p>`;
    const { me, policy } = state;
    const customer = me?.role === 'customer';
    const c = this.selected ? state.conversations[this.selected] : undefined;
    // Tabs beside the chat: the care figures for staff, the feed where send limits apply.
    const panes = [!customer && policy?.care.enabled && 'stats', policy?.sendLimits.enabled && 'feed'].filter(Boolean) as Pane[];
    return html`
      <div class="layout ${c ? 'open' : ''}">
        <aside part="inbox" aria-label=${t.chats}>
          ${!customer && policy?.routing.enabled ? html`<volley-incoming .strings=${this.strings}></volley-incoming>` : nothing}
          <volley-inbox .selected=${this.selected} .strings=${this.strings} @volley-select=${this.#select}></volley-inbox>
        </aside>
        <main part="main">${c ? this.#open(c.id, c.names[customer ? c.providerId : c.customerId], panes, customer && policy?.tribute.enabled) : html`<p class="empty">${t.pickChat}</p>`}</main>
      </div>`;
  }

  /** The open chat: its header (name, tabs, tribute button, menu) and the pane shown. */
  #open(id: string, name: string | undefined, panes: Pane[], tribute?: boolean) {
    const t = this.t;
    const labels = { chat: t.chatTab, feed: t.feedTab, stats: t.statsTab };
    return html`
      <header part="header" class="row">
        <button class="back" aria-label=${t.back} @click=${() => (this.selected = undefined)}>←</button>
        <h2>${name ?? t.untitled}</h2>
        ${panes.length
          ? html`<div class="row">${(['chat', ...panes] as const).map((pane) =>
              html`<button aria-pressed=${this.pane === pane} @click=${() => (this.pane = pane)}>${labels[pane]}</button>`)}</div>`
          : nothing}
        ${tribute ? html`<volley-tribute-button conversation-id=${id} .strings=${this.strings}></volley-tribute-button>` : nothing}
        <volley-gear-menu conversation-id=${id} call-url=${this.callUrl ?? nothing} .strings=${this.strings}></volley-gear-menu>
      </header>
      ${this.pane === 'feed'
        ? html`<volley-feed conversation-id=${id} .strings=${this.strings}></volley-feed>`
        : this.pane === 'stats'
          ? html`<volley-care-stats .strings=${this.strings}></volley-care-stats>`
          : html`<volley-thread conversation-id=${id} .strings=${this.strings}></volley-thread>
            <volley-composer conversation-id=${id} .strings=${this.strings} .paymentButtons=${this.paymentButtons} .goodies=${this.goodies} .engagements=${this.engagements}></volley-composer>`}`;
  }
}
