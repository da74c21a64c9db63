import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { selectConversation, selectMessages } from '../../client/state.js';
import type { FeedEntry, FeedFilter, Message } from '../../model/types.js';
import { VolleyErrorEvent, VolleyOrderOpenEvent } from '../events/events.js';
import { VolleyElement } from '../shared/volley-element.js';
import { StoreController } from '../shared/store-controller.js';
import { baseStyles } from '../shared/styles.js';
import { formatMoney } from '../shared/format.js';
import { richText } from '../shared/rich-text.js';
import { messagePreview, previewStrings } from '../inbox/preview.js';
import { feedStyles } from './feed.styles.js';

const FILTERS: readonly FeedFilter[] = ['all', 'orders', 'messages'];

export const feedStrings = {
  ...previewStrings,
  title: 'Orders and messages',
  filterLabel: 'Show',
  all: 'All',
  orders: 'Orders',
  messages: 'Messages',
  orderBadge: 'Order',
  you: 'You',
  empty: 'Nothing here yet.',
};

const NO_MESSAGES: readonly Message[] = [];
const when = (at: number) => html`<time datetime=${new Date(at).toISOString()}>${new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}</time>`;

/**
 * The communications feed with one client (D1): orders and messages in one chronological list,
 * newest at the bottom, filterable to orders only or messages only. It follows the chat live:
 * new messages and orders refetch it. An order opens its details through `volley-order-open`.
 *
 * @csspart filter - the filter (a radio group)
 * @csspart list - the list of entries
 * @csspart order - an order row (a button)
 * @csspart message - a message row
 * @csspart link - a link inside a message
 * @cssprop --volley-surface - the order rows' background
 * @cssprop --volley-accent - the order badge
 * @event volley-order-open - an order was chosen (`orderId`): the host shows its details
 * @event volley-error - the feed could not be loaded (`code`, `message`)
 */
export class VolleyFeed extends VolleyElement<typeof feedStrings> {
  static override styles = [baseStyles, feedStyles];
  protected override defaults = feedStrings;

  @property({ attribute: 'conversation-id' }) conversationId = '';
  /** The filter shown first: all, orders or messages. The user may change it from there. */
  @property() filter: FeedFilter = 'all';

  @state() private shown: FeedFilter = 'all';
  @state() private entries?: readonly FeedEntry[];
  @state() private error?: string;

  #messages = new StoreController(this, (s) => selectMessages(this.conversationId)(s), NO_MESSAGES);
  #conversation = new StoreController(this, (s) => selectConversation(this.conversationId)(s), undefined);
  #me = new StoreController(this, (s) => s.me, null);
  /** What the entries were fetched for; a change of any of it fetches again. */
  #fetchedFor: unknown[] = [];
  #request = 0;
  #shownEntries?: readonly FeedEntry[];

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('filter')) this.shown = FILTERS.includes(this.filter) ? this.filter : 'all';
    if (changed.has('conversationId')) this.entries = undefined;
  }

  protected override updated(): void {
    const key = [this.client, this.conversationId, this.shown, this.#messages.value, this.#conversation.value];
    if (key.some((value, i) => value !== this.#fetchedFor[i])) {
      this.#fetchedFor = key;
      void this.refresh();
    }
    // Newest at the bottom: a new list of entries scrolls to it.
    if (this.#shownEntries !== this.entries) {
      this.#shownEntries = this.entries;
      const list = this.renderRoot.querySelector('[part=list]');
      if (list) list.scrollTop = list.scrollHeight;
    }
  }

  /** Loads the feed again; a newer load wins over an older one still in flight. */
  async refresh(): Promise<void> {
    const { client, conversationId, shown } = this;
    if (!client || !conversationId) return;
    const request = ++this.#request;
    try {
      const entries = await client.feed(conversationId, { filter: shown });
      if (request !== this.#request) return;
      this.entries = entries;
      this.error = undefined;
    } catch (error) {
      if (request !== this.#request) return;
      this.error = this.errorText(error);
      this.dispatchEvent(new VolleyErrorEvent((error as { code?: string })?.code ?? 'unavailable', this.error));
    }
  }

  protected override render() {
    const t = this.t;
    return html`
      <fieldset part="filter" @change=${(e: Event) => (this.shown = (e.target as HTMLInputElement).value as FeedFilter)}>
        <legend class="visually-hidden">${t.filterLabel}</legend>
        ${FILTERS.map((f) => html`<label><input type="radio" name="filter" .value=${f} .checked=${f === this.shown} />${t[f]}</label>`)}
      </fieldset>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div role="log" aria-label=${t.title} class="log">
        ${this.entries === undefined
          ? this.error ? nothing : html`<p class="muted">${t.loading}</p>`
          : this.entries.length === 0
            ? html`<p class="muted">${t.empty}</p>`
            : html`<ol part="list">${repeat(this.entries, (e) => (e.type === 'order' ? `o:${e.order.id}` : `m:${e.message.id}`), (e) => this.#entry(e))}</ol>`}
      </div>
    `;
  }

  #entry(entry: FeedEntry) {
    const t = this.t;
    if (entry.type === 'order') {
      const { order } = entry;
      return html`<li><button part="order" class="order" @click=${() => this.dispatchEvent(new VolleyOrderOpenEvent(order.id))}>
        <span class="badge">${t.orderBadge}</span>
        <span class="title">${order.title}</span>
        <span class="amount">${formatMoney(order.amountCents)}</span>
        ${when(order.at)}
      </button></li>`;
    }
    const m = entry.message;
    if (m.kind === 'system') return html`<li part="message" class="system muted">${m.text} ${when(m.at)}</li>`;
    const mine = m.authorId === this.#me.value?.id;
    const author = mine ? t.you : this.#conversation.value?.names[m.authorId] ?? m.authorId;
    return html`<li part="message" class=${mine ? 'mine' : ''}>
      <span class="author">${author}</span>
      <span class="text">${m.kind === 'text' ? richText(m.text) : messagePreview(m, t)}</span>
      ${when(m.at)}
    </li>`;
  }
}
