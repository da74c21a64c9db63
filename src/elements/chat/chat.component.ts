import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ContextProvider } from '@lit/context';
import type { Conversation, CustomerContext, Engagement, Goodie, PaymentButton } from '../../model/types.js';
import { clientContext } from '../shared/context.js';
import { selectConversationPolicy } from '../../client/state.js';
import { StoreController } from '../shared/store-controller.js';
import { baseStyles } from '../shared/styles.js';
import { CommandElement } from '../shared/command-element.js';
import { FirstUse } from '../shared/first-use.js';
import { VolleyFinishEvent, type VolleySelectEvent } from '../events/events.js';
import { kitStyles } from '../shared/parts.js';
import { chatStyles } from './chat.styles.js';
import { chatStrings } from './chat.strings.js';

type Pane = 'chat' | 'feed' | 'stats';

/** The customer context's view, loaded while a context is first read. */
const contextView = () => import('./chat.context.js');

/**
 * Everything one user needs, composed: the chat list, the open chat with its menu, tribute
 * button and composer, incoming offers for team members and the care figures for agents.
 * Gives its client to every element inside through `@lit/context`. A claimed or picked-up chat
 * opens at once; beside a chat with an owner the member sees the customer's query and history
 * (T6), and the owner can finish a care chat (K2).
 *
 * @csspart inbox - the chat list pane
 * @csspart offers - the incoming offers (team members), above both panes
 * @csspart main - the open chat pane
 * @csspart header - the open chat's header
 * @csspart order - in the header, the order an order chat is about (M1)
 * @csspart finish - the Finish button of a care chat's owner
 * @csspart context - the collapsible customer context (query and history) above a claimed chat
 * @csspart error - why finishing was refused
 * @cssprop --volley-height - the element's height (default 100% of its container)
 * @event volley-select - a chat was opened from the list, or claimed or picked up
 * @event volley-finish - before a care chat is finished (`conversationId`, cancelable)
 */
export class VolleyChat extends CommandElement<typeof chatStrings> {
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
    context: { state: true },
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
  /** T6: the customer context of the open chat, once loaded. */
  private context?: { id: string; value?: CustomerContext };

  readonly #state = new StoreController(this, (s) => s, null);
  /** Gives the client to every element inside. */
  readonly #provider = new ContextProvider(this, { context: clientContext });
  readonly #contextView = new FirstUse(this, contextView);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client')) this.#provider.setValue(this.client);
    if (changed.has('conversationId') && this.conversationId) this.selected = this.conversationId;
    // T6: a member opening a chat someone took (claimed, picked up, answered) sees what the host knows of the customer.
    const client = this.client;
    const c = this.selected ? client?.state.conversations[this.selected] : undefined;
    if (client && c?.ownerId && client.state.me?.role !== 'customer' && this.context?.id !== c.id) {
      const { id } = c;
      this.context = { id };
      void this.#contextView.load();
      client.customerContext(id).then((value) => this.context?.id === id && (this.context = { id, value }), () => undefined);
    }
  }

  #select(event: VolleySelectEvent): void {
    this.selected = event.conversationId;
    this.pane = 'chat';
    this.error = undefined;
  }

  protected override render() {
    const t = this.t;
    const state = this.#state.value;
    if (!state || !this.client) return html`<p class="empty">${t.noClient}</p>`;
    const { me, policy } = state;
    const customer = me?.role === 'customer';
    const c = this.selected ? state.conversations[this.selected] : undefined;
    // R2: the open chat follows its own product's policy; the staff's own panels, their party's.
    const rules = selectConversationPolicy(c?.id)(state);
    // Tabs beside the chat: the care figures for staff, the feed where send limits apply.
    const panes = [!customer && policy?.care.enabled && 'stats', rules?.sendLimits.enabled && 'feed'].filter(Boolean) as Pane[];
    // The list, the incoming offers and the feed's orders open a chat (volley-select): a claim opens the claimed one.
    // Offers sit above both panes, so they show (and count down) whichever pane is open (T1, T2).
    return html`
      <div class="layout ${c ? 'open' : ''}" @volley-select=${this.#select}>
        ${!customer && policy?.routing.enabled ? html`<volley-incoming part="offers" .strings=${this.strings}></volley-incoming>` : nothing}
        <aside part="inbox" aria-label=${t.chats}>
          <volley-inbox .selected=${this.selected} .strings=${this.strings}></volley-inbox>
        </aside>
        <main part="main">${c ? this.#open(c, customer, panes, customer && rules?.tribute.enabled, !customer && rules?.care.enabled && c.status === 'active' && (c.ownerId === me?.id || me?.role === 'admin')) : html`<p class="empty">${t.pickChat}</p>`}</main>
      </div>`;
  }

  /** The open chat: its header (name, tabs, tribute button, Finish, menu), the customer context and the pane shown. */
  #open(c: Conversation, customer: boolean, panes: Pane[], tribute?: boolean, finish?: boolean) {
    const t = this.t;
    const id = c.id;
    const labels = { chat: t.chatTab, feed: t.feedTab, stats: t.statsTab };
    const context = this.#contextView.module;
    return html`
      <header part="header" class="row">
        <button class="back" aria-label=${t.back} @click=${() => (this.selected = undefined)}>←</button>
        <h2>${c.names[customer ? c.providerId : c.customerId] ?? t.untitled}${c.orderId !== undefined ? html` <span part="order" class="order">${t.orderChat(c.orderTitle || c.orderId)}</span>` : nothing}</h2>
        ${panes.length
          ? html`<div class="row">${(['chat', ...panes] as const).map((pane) =>
              html`<button aria-pressed=${this.pane === pane} @click=${() => (this.pane = pane)}>${labels[pane]}</button>`)}</div>`
          : nothing}
        ${tribute ? html`<volley-tribute-button conversation-id=${id} .strings=${this.strings}></volley-tribute-button>` : nothing}
        ${finish ? html`<button part="finish" ?disabled=${this.busy} @click=${() => this.run(new VolleyFinishEvent(id), (client) => client.finish(id))}>${t.finish}</button>` : nothing}
        <volley-gear-menu conversation-id=${id} call-url=${this.callUrl ?? nothing} .strings=${this.strings}></volley-gear-menu>
      </header>
      ${this.errorAlert()}
      ${context && this.context?.id === id ? context.renderContext(t, this.context.value) : nothing}
      ${this.pane === 'feed'
        ? html`<volley-feed conversation-id=${id} .strings=${this.strings}></volley-feed>`
        : this.pane === 'stats'
          ? html`<volley-care-stats .strings=${this.strings}></volley-care-stats>`
          : html`<volley-thread conversation-id=${id} .strings=${this.strings}></volley-thread>
            <volley-composer conversation-id=${id} .strings=${this.strings} .paymentButtons=${this.paymentButtons} .goodies=${this.goodies} .engagements=${this.engagements}></volley-composer>`}`;
  }
}
