import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { selectConversationList, selectHasUnread } from '../../client/state.js';
import type { Conversation, ConversationStatus, Message } from '../../model/types.js';
import { VolleySelectEvent } from '../events/events.js';
import { VolleyElement } from '../shared/volley-element.js';
import { StoreController } from '../shared/store-controller.js';
import { baseStyles } from '../shared/styles.js';
import { dayKey, formatTime } from '../shared/format.js';
import { messagePreview, previewStrings } from './preview.js';
import { inboxStyles } from './inbox.styles.js';

export type InboxStatusFilter = 'all' | ConversationStatus;
const FILTERS: readonly InboxStatusFilter[] = ['all', 'unanswered', 'active', 'finished'];

export const inboxStrings = {
  ...previewStrings,
  title: 'Chats',
  anyUnread: 'You have unread chats',
  unread: 'Unread',
  queued: 'Missed: waiting in the queue',
  filterLabel: 'Show chats',
  all: 'All',
  unanswered: 'Unanswered',
  active: 'Active',
  finished: 'Finished',
  owner: (name: string) => `Owner: ${name}`,
  noMessages: 'No messages yet',
  empty: 'No chats here.',
};

const EMPTY: readonly Conversation[] = [];
const NO_MESSAGES: Readonly<Record<string, readonly Message[]>> = {};

/**
 * The chat list (D2): unread chats first, then the most recent; closed chats are hidden (P7).
 * One unread dot per chat and one in the header. With customer care on, a status filter and
 * each chat's owner; missed team chats waiting in the queue are marked. Arrow keys move,
 * Home/End jump, Enter or Space chooses.
 *
 * @csspart header - the title and the overall unread indicator
 * @csspart unread - an unread dot (the header's and each row's)
 * @csspart filter - the care status filter (a radio group)
 * @csspart list - the listbox of chats
 * @csspart row - one chat
 * @csspart name - the other party's name in a row
 * @csspart preview - the last message of a row
 * @csspart time - the time of a row's last message
 * @csspart badge - a row's status, owner or queue mark
 * @cssprop --volley-accent - the unread dot and the selected row's edge
 * @cssprop --volley-surface - the selected row's background
 * @event volley-select - a chat was chosen (`conversationId`)
 */
export class VolleyInbox extends VolleyElement<typeof inboxStrings> {
  static override styles = [baseStyles, inboxStyles];
  protected override defaults = inboxStrings;

  /** The id of the chat shown as selected. */
  @property() selected?: string;
  /** Which care chats to show when the policy has customer care: all, unanswered, active or finished. */
  @property({ attribute: 'status-filter' }) statusFilter: InboxStatusFilter = 'all';

  @state() private current?: string;
  @state() private shownFilter: InboxStatusFilter = 'all';
  @state() private focusId?: string;

  #list = new StoreController(this, selectConversationList, EMPTY);
  #hasUnread = new StoreController(this, selectHasUnread, false);
  #messages = new StoreController(this, (s) => s.messages, NO_MESSAGES);
  #me = new StoreController(this, (s) => s.me, null);
  #care = new StoreController(this, (s) => Boolean(s.policy?.care.enabled), false);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('selected')) this.current = this.selected;
    if (changed.has('statusFilter')) this.shownFilter = FILTERS.includes(this.statusFilter) ? this.statusFilter : 'all';
  }

  /** The chats shown now: the list, narrowed by the status filter when care is on. */
  #shown(): readonly Conversation[] {
    const filter = this.#care.value ? this.shownFilter : 'all';
    return filter === 'all' ? this.#list.value : this.#list.value.filter((c) => c.status === filter);
  }

  protected override render() {
    const t = this.t;
    const care = this.#care.value;
    const list = this.#shown();
    const active = list.find((c) => c.id === this.focusId)?.id ?? list.find((c) => c.id === this.current)?.id ?? list[0]?.id;
    return html`
      <div class="header" part="header">
        <h2 id="title">${t.title}</h2>
        ${this.#hasUnread.value ? html`<span class="dot" part="unread" role="img" aria-label=${t.anyUnread}></span>` : nothing}
      </div>
      ${care
        ? html`<fieldset part="filter" @change=${this.#onFilter}>
            <legend class="visually-hidden">${t.filterLabel}</legend>
            ${FILTERS.map((f) => html`<label><input type="radio" name="status" .value=${f} .checked=${f === this.shownFilter} />${t[f]}</label>`)}
          </fieldset>`
        : nothing}
      ${list.length
        ? html`<div role="listbox" part="list" aria-labelledby="title" @keydown=${this.#onKey}>
            ${repeat(list, (c) => c.id, (c) => this.#row(c, c.id === active, care))}
          </div>`
        : html`<p class="muted">${t.empty}</p>`}
    `;
  }

  #row(c: Conversation, active: boolean, care: boolean) {
    const t = this.t;
    const me = this.#me.value;
    const other = me?.role === 'customer' ? c.providerId : c.customerId;
    const last = this.#messages.value[c.id]?.at(-1);
    const at = last?.at ?? c.lastMessageAt ?? c.createdAt;
    const now = this.client?.clock.now() ?? Date.now();
    const staff = me !== null && me.role !== 'customer';
    return html`<div role="option" part="row" class=${c.unread ? 'unread' : ''} data-id=${c.id} tabindex=${active ? 0 : -1}
        aria-selected=${c.id === this.current ? 'true' : 'false'} @click=${() => this.#choose(c.id)} @focus=${() => (this.focusId = c.id)}>
      <span class="top">
        <span part="name" class="name">${c.names[other] ?? other}</span>
        <time part="time" datetime=${new Date(at).toISOString()}>${dayKey(at) === dayKey(now) ? formatTime(at) : new Date(at).toLocaleDateString(undefined, { month: 'short', day: 'numeric' })}</time>
        ${c.unread ? html`<span class="dot" part="unread" role="img" aria-label=${t.unread}></span>` : nothing}
      </span>
      <span part="preview" class="preview muted">${last ? messagePreview(last, t) : t.noMessages}</span>
      ${(care && c.status) || c.queued || (care && staff && c.ownerId)
        ? html`<span class="badges">
            ${care && c.status ? html`<span part="badge" class="badge">${t[c.status]}</span>` : nothing}
            ${care && staff && c.ownerId ? html`<span part="badge" class="badge">${t.owner(c.names[c.ownerId] ?? c.ownerId)}</span>` : nothing}
            ${c.queued ? html`<span part="badge" class="badge queued">${t.queued}</span>` : nothing}
          </span>`
        : nothing}
    </div>`;
  }

  #choose(id: string): void {
    this.current = this.focusId = id;
    this.dispatchEvent(new VolleySelectEvent(id));
  }

  #onFilter(event: Event): void {
    this.shownFilter = (event.target as HTMLInputElement).value as InboxStatusFilter;
  }

  async #onKey(event: KeyboardEvent): Promise<void> {
    const list = this.#shown();
    const from = list.findIndex((c) => c.id === (event.target as HTMLElement).dataset.id);
    if (from < 0) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      return this.#choose(list[from].id);
    }
    const to = { ArrowDown: from + 1, ArrowUp: from - 1, Home: 0, End: list.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const target = list[Math.max(0, Math.min(list.length - 1, to))];
    this.focusId = target.id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-id="${CSS.escape(target.id)}"]`)?.focus();
  }
}
