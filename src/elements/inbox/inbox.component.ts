import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { selectConversationList } from '../../client/state.js';
import type { Conversation, ConversationStatus, Message } from '../../model/types.js';
import { VolleySelectEvent } from '../events/events.js';
import { VolleyElement } from '../shared/volley-element.js';
import { StoreController } from '../shared/store-controller.js';
import { baseStyles } from '../shared/styles.js';
import { dayKey, formatTime } from '../shared/format.js';
import { messagePreview, previewStrings } from './preview.js';
import { filterGroup, kitStyles, knownFilter, timeTag } from '../shared/parts.js';
import { rove } from '../shared/roving.js';
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


const dot = (label: string) => html`<span class="dot" part="unread" role="img" aria-label=${label}></span>`;
const badge = (text: string | false | undefined, kind = 'badge') => (text ? html`<span part="badge" class=${kind}>${text}</span>` : nothing);

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
  static override styles = [baseStyles, kitStyles, inboxStyles];
  static override properties: PropertyDeclarations = {
    selected: {},
    statusFilter: { attribute: 'status-filter' },
    current: { state: true },
    shownFilter: { state: true },
    focusId: { state: true },
  };
  protected override defaults = inboxStrings;

  /** The id of the chat shown as selected. */
  selected?: string;
  /** Which care chats to show when the policy has customer care: all, unanswered, active or finished. */
  statusFilter: InboxStatusFilter = 'all';

  private current?: string;
  private shownFilter: InboxStatusFilter = 'all';
  /** The row that holds the list's one tab stop. */
  private focusId?: string;

  // Who I am and the policy are fixed once connected (the list changes then too), so they are read, not watched.
  #list = new StoreController(this, selectConversationList, [] as readonly Conversation[]);
  #messages = new StoreController(this, (s) => s.messages, {} as Readonly<Record<string, readonly Message[]>>);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('selected')) this.current = this.selected;
    if (changed.has('statusFilter')) this.shownFilter = knownFilter(FILTERS, this.statusFilter);
  }

  protected override render() {
    const t = this.t;
    const state = this.client?.state;
    const care = !!state?.policy?.care.enabled;
    const staff = state?.me?.role !== 'customer';
    // The list, narrowed by the status filter when care is on.
    const filter = care ? this.shownFilter : 'all';
    const list = this.#list.value.filter((c) => filter === 'all' || c.status === filter);
    const active = [this.focusId, this.current, list[0]?.id].find((id) => list.some((c) => c.id === id));
    const now = this.client?.clock.now() ?? Date.now();
    return html`
      <div class="row" part="header"><h2 id="title">${t.title}</h2>${this.#list.value.some((c) => c.unread) ? dot(t.anyUnread) : nothing}</div>
      ${care ? filterGroup(t.filterLabel, FILTERS, this.shownFilter, t, (f) => (this.shownFilter = f)) : nothing}
      ${list.length
        ? html`<div role="listbox" part="list" aria-labelledby="title" @keydown=${this.#onKey}>
            ${repeat(list, (c) => c.id, (c) => this.#row(c, c.id === active, care, staff, now))}
          </div>`
        : html`<p class="muted">${t.empty}</p>`}
    `;
  }

  #row(c: Conversation, active: boolean, care: boolean, staff: boolean, now: number) {
    const t = this.t;
    const name = (id: string) => c.names[id] ?? id;
    const last = this.#messages.value[c.id]?.at(-1);
    const at = last?.at ?? c.lastMessageAt ?? c.createdAt;
    return html`<div role="option" part="row" class=${c.unread ? 'unread' : ''} data-id=${c.id} tabindex=${active ? 0 : -1}
        aria-selected=${c.id === this.current} @click=${() => this.#choose(c.id)} @focus=${() => (this.focusId = c.id)}>
      <span class="row">
        <span part="name" class="name">${name(staff ? c.customerId : c.providerId)}</span>
        ${timeTag(at, dayKey(at) === dayKey(now) ? formatTime(at) : new Date(at).toLocaleDateString(undefined, { month: 'short', day: 'numeric' }))}
        ${c.unread ? dot(t.unread) : nothing}
      </span>
      <span part="preview" class="preview muted">${last ? messagePreview(last, t) : t.noMessages}</span>
      <span class="row">${badge(care && c.status && t[c.status])}${badge(care && staff && c.ownerId && t.owner(name(c.ownerId)))}${badge(c.queued && t.queued, 'badge queued')}</span>
    </div>`;
  }

  #choose(id: string): void {
    this.current = this.focusId = id;
    this.dispatchEvent(new VolleySelectEvent(id));
  }

  #onKey(event: KeyboardEvent): void {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.#choose((event.target as HTMLElement).dataset.id!);
    } else rove(event, [...this.renderRoot.querySelectorAll<HTMLElement>('[role=option]')]);
  }
}
