import { html, type PropertyValues, type PropertyDeclarations } from 'lit';
import { selectMessages } from '../../client/state.js';
import type { FeedEntry, FeedFilter, Message, Order } from '../../model/types.js';
import { VolleyOrderOpenEvent, VolleySelectEvent } from '../events/events.js';
import { StoreController } from '../shared/store-controller.js';
import { baseStyles } from '../shared/styles.js';
import { FirstUse } from '../shared/first-use.js';
import { ConversationElement } from '../shared/command-element.js';
import { filterGroup, kitStyles, knownFilter } from '../shared/parts.js';
import { feedStyles } from './feed.styles.js';
import { feedStrings } from './feed.strings.js';

const FILTERS: readonly FeedFilter[] = ['all', 'orders', 'messages'];

/** The list of entries, loaded with the first of them. */
const list = () => import('./feed.list.js');

/**
 * The communications feed with one client (D1): orders and messages in one chronological list,
 * newest at the bottom, filterable to orders only or messages only. It follows the chat live:
 * new messages and orders refetch it. An order opens its own chat (M1), started when there is none
 * yet, announced by `volley-order-open` (the host may show the order's details too) and followed by
 * `volley-select`.
 *
 * @csspart filter - the filter (a radio group)
 * @csspart list - the list of entries
 * @csspart order - an order row (a button)
 * @csspart message - a message row
 * @csspart link - a link inside a message
 * @csspart time - the time of a row
 * @cssprop --volley-surface - the order rows' background
 * @cssprop --volley-accent - the order badge
 * @csspart error - why the feed could not be loaded
 * @event volley-order-open - before an order's chat opens (`orderId`; cancelable): the host may show its details
 * @event volley-select - an order's chat was opened or started (`conversationId`)
 * @event volley-error - the feed could not be loaded (`code`, `message`)
 */
export class VolleyFeed extends ConversationElement<typeof feedStrings> {
  static override styles = [baseStyles, kitStyles, feedStyles];
  static override properties: PropertyDeclarations = {
    filter: {},
    shown: { state: true },
    entries: { state: true },
  };
  protected override defaults = feedStrings;

  /** The filter shown first: all, orders or messages. The user may change it from there. */
  filter: FeedFilter = 'all';

  private shown: FeedFilter = 'all';
  private entries?: readonly FeedEntry[];

  /** The list's rows and their styles load with the first entries. */
  readonly #list = new FirstUse(this, list);
  #messages = new StoreController(this, (s) => selectMessages(this.conversationId)(s), [] as readonly Message[]);
  /** What the entries were fetched for; a change of any of it fetches again. */
  #fetchedFor: unknown[] = [];
  #request = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('filter')) this.shown = knownFilter(FILTERS, this.filter);
    if (changed.has('conversationId')) this.entries = undefined;
  }

  protected override updated(changed: Map<string, unknown>): void {
    const key = [this.client, this.conversationId, this.shown, this.#messages.value, this.conversation.value];
    if (key.some((value, i) => value !== this.#fetchedFor[i])) {
      this.#fetchedFor = key;
      void this.refresh();
    }
    // Newest at the bottom: new entries scroll to it.
    if (changed.has('entries')) {
      const list = this.renderRoot.querySelector('ol');
      list?.scrollTo(0, list.scrollHeight);
    }
  }

  /** Loads the feed again; a newer load wins over an older one still in flight (whose result or refusal is dropped). */
  async refresh(): Promise<void> {
    const { conversationId, shown } = this;
    const request = ++this.#request;
    void this.#list.load();
    if (conversationId)
      await this.run(undefined, async (client) => {
        try {
          const entries = await client.feed(conversationId, { filter: shown });
          if (request === this.#request) this.entries = entries;
        } catch (error) {
          if (request === this.#request) throw error;
        }
      });
  }

  protected override render() {
    const t = this.t;
    return html`
      ${filterGroup(t.filterLabel, FILTERS, this.shown, t, (f) => (this.shown = f))}
      ${this.errorAlert()}
      <div role="log" aria-label=${t.title} class="log">
        ${this.loaded(this.#list.module && this.entries, (entries) => entries.length
          ? this.#list.module!.renderEntries({ t, me: this.me?.id, busy: this.busy, names: this.conversation.value?.names ?? {}, open: (order) => this.#openOrder(order) }, entries)
          : html`<p class="muted">${t.empty}</p>`)}
      </div>
    `;
  }

  /** M1: an order opens the chat about it, started when the customer has none and the rules allow. */
  #openOrder(order: Order): void {
    void this.run(new VolleyOrderOpenEvent(order.id), async (client) => {
      const customer = this.me?.role === 'customer';
      const chat = await client.startConversation({ with: customer ? order.providerId : order.customerId, orderId: order.id });
      this.dispatchEvent(new VolleySelectEvent(chat.id));
    });
  }
}
