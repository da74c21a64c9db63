import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { selectConversationList, selectConversationPolicy, type ChatState } from '../../client/state.js';
import type { Availability, Conversation, ConversationStatus, Message } from '../../model/types.js';
import { VolleyPickUpEvent, VolleySelectEvent } from '../events/events.js';
import { CommandElement } from '../shared/command-element.js';
import { FirstUse } from '../shared/first-use.js';
import { StoreController } from '../shared/store-controller.js';
import { baseStyles } from '../shared/styles.js';
import { dayKey, formatTime } from '../shared/format.js';
import { messagePreview } from '../shared/preview.js';
import { presenceDot, presenceStyles, watchCard } from '../shared/presence.js';
import { filterGroup, kitStyles, knownFilter, timeTag } from '../shared/parts.js';
import { rove } from '../shared/roving.js';
import { inboxStyles } from './inbox.styles.js';
import { inboxStrings } from './inbox.strings.js';

export type InboxStatusFilter = 'all' | ConversationStatus;
const FILTERS: readonly InboxStatusFilter[] = ['all', 'unanswered', 'active', 'finished'];

/** The queue of missed team chats, loaded when the first of them is there. */
const queuePart = () => import('./inbox.queue.js');

const dot = (label: string) => html`<span class="dot" part="unread" role="img" aria-label=${label}></span>`;
const badge = (text: string | false | undefined, kind = 'badge') => (text ? html`<span part="badge" class=${kind}>${text}</span>` : nothing);

/**
 * The chat list (D2): unread chats first, then the most recent; closed chats are hidden (P7). A
 * chat about an order names it (M1). Each chat follows its own product's policy (R2): care
 * statuses only where its party runs customer care, and a customer reads customer words ("Waiting
 * for a reply") rather than the staff's statuses and queue marks.
 * One unread dot per chat and one in the header. A customer sees each provider's live status
 * (P10), a member their own. With customer care on, a status filter and each chat's owner;
 * missed team chats waiting in the queue are marked, and a member picks them up from the queue
 * above the list (T4; the queue loads with the first of them), which opens the chat. Arrow keys move, Home/End jump, Enter or Space
 * chooses.
 *
 * @csspart header - the title and the overall unread indicator
 * @csspart unread - an unread dot (the header's and each row's)
 * @csspart presence - a status dot (class available, away or offline): the provider's on a customer's row, a member's own in the header
 * @csspart queue - the missed chats a member can pick up
 * @csspart pick-up - a chat's Pick up button
 * @csspart error - why the last pick-up was refused
 * @csspart filter - the care status filter (a radio group)
 * @csspart list - the listbox of chats
 * @csspart row - one chat
 * @csspart name - the other party's name in a row
 * @csspart order - the order a row's chat is about (M1)
 * @csspart preview - the last message of a row
 * @csspart time - the time of a row's last message
 * @csspart badge - a row's status, owner or queue mark
 * @cssprop --volley-accent - the unread dot and the selected row's edge
 * @cssprop --volley-surface - the selected row's background
 * @cssprop --volley-success - an available provider's dot
 * @cssprop --volley-away - the ring of an away provider's dot
 * @event volley-select - a chat was chosen, or picked up from the queue (`conversationId`)
 * @event volley-pick-up - before a queued chat is picked up (`conversationId`); cancel to pick it up yourself
 * @event volley-error - a pick-up was refused (`code`, `message`)
 */
export class VolleyInbox extends CommandElement<typeof inboxStrings> {
  static override styles = [baseStyles, kitStyles, presenceStyles, inboxStyles];
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
  #cards = new StoreController(this, (s) => s.cards, {} as ChatState['cards']);
  #availability = new StoreController(this, (s) => s.availability, {} as Availability);
  readonly #queue = new FirstUse(this, queuePart);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('selected')) this.current = this.selected;
    if (changed.has('statusFilter')) this.shownFilter = knownFilter(FILTERS, this.statusFilter);
  }

  protected override render() {
    const t = this.t;
    const state = this.client?.state;
    const staff = state?.me?.role !== 'customer';
    // The status filter is the staff's, where their party runs customer care.
    const care = staff && !!state?.policy?.care.enabled;
    // The list, narrowed by the status filter when care is on.
    const filter = care ? this.shownFilter : 'all';
    const list = this.#list.value.filter((c) => filter === 'all' || c.status === filter);
    const active = [this.focusId, this.current, list[0]?.id].find((id) => list.some((c) => c.id === id));
    const now = this.client?.clock.now() ?? Date.now();
    const queue = staff ? this.#list.value.filter((c) => c.queued) : [];
    const { available, offline } = this.#availability.value;
    const mine = state && (available ? 'available' : offline ? 'offline' : 'away');
    return html`
      <div class="row" part="header"><h2 id="title">${t.title}</h2>${this.#list.value.some((c) => c.unread) ? dot(t.anyUnread) : nothing}${staff && mine ? presenceDot(mine, t.myStatus(t.presence[mine])) : nothing}</div>
      ${this.errorAlert()}
      ${queue.length ? this.#queueShown(queue) : nothing}
      ${care ? filterGroup(t.filterLabel, FILTERS, this.shownFilter, t, (f) => (this.shownFilter = f)) : nothing}
      ${list.length
        ? html`<div role="listbox" part="list" aria-labelledby="title" @keydown=${this.#onKey}>
            ${repeat(list, (c) => c.id, (c) => this.#row(c, c.id === active, staff, now))}
          </div>`
        : html`<p class="muted">${t.empty}</p>`}
    `;
  }

  /** The queue, once its module is there (loaded, once for the page, with the first missed chat). */
  #queueShown(queue: readonly Conversation[]) {
    const module = this.#queue.module;
    if (!module) this.#queue.load().catch(() => undefined);
    return this.loaded(module, (m) => m.renderQueue({ t: this.t, busy: this.busy, name: (c) => this.#name(c, c.customerId), pickUp: (id) => this.#pickUp(id) }, queue));
  }

  #row(c: Conversation, active: boolean, staff: boolean, now: number) {
    const t = this.t;
    const care = !!(this.client && selectConversationPolicy(c.id)(this.client.state)?.care.enabled);
    const name = (id: string) => this.#name(c, id);
    const last = this.#messages.value[c.id]?.at(-1);
    const at = last?.at ?? c.lastMessageAt ?? c.createdAt;
    const status = !staff && this.#cards.value[c.providerId]?.status;
    return html`<div role="option" part="row" class=${c.unread ? 'unread' : ''} data-id=${c.id} tabindex=${active ? 0 : -1}
        aria-selected=${c.id === this.current} @click=${() => this.#choose(c.id)} @focus=${() => (this.focusId = c.id)}>
      <span class="row">
        ${status ? presenceDot(status, t.presence[status]) : nothing}
        <span part="name" class="name">${name(staff ? c.customerId : c.providerId)}</span>
        ${timeTag(at, dayKey(at) === dayKey(now) ? formatTime(at) : new Date(at).toLocaleDateString(undefined, { month: 'short', day: 'numeric' }))}
        ${c.unread ? dot(t.unread) : nothing}
      </span>
      ${c.orderId !== undefined ? html`<span part="order" class="order">${t.orderChat(c.orderTitle || c.orderId)}</span>` : nothing}
      <span part="preview" class="preview muted">${last ? messagePreview(last, t) : t.noMessages}</span>
      <span class="row">${staff
        ? html`${badge(care && c.status && t[c.status])}${badge(care && c.ownerId && t.owner(name(c.ownerId)))}${badge(c.queued && t.queued, 'badge queued')}`
        : badge((c.queued || (care && c.status === 'unanswered')) && this.#awaitsReply(c) && t.waiting)}</span>
    </div>`;
  }

  protected override updated(): void {
    // P10: a customer sees each provider's status: its card is read once per party, then kept live.
    const client = this.client;
    if (client?.state.me?.role === 'customer') for (const c of this.#list.value) watchCard(client, c.providerId);
  }

  /** The customer wrote last (notices aside): the other side owes a reply. */
  #awaitsReply(c: Conversation): boolean {
    const messages = this.#messages.value[c.id] ?? [];
    for (let i = messages.length - 1; i >= 0; i--) if (messages[i].kind !== 'system') return messages[i].authorId === c.customerId;
    return true;
  }

  #name(c: Conversation, id: string): string {
    return c.names[id] ?? id;
  }

  /** T4: takes a missed chat from the queue and opens it. */
  #pickUp(id: string): void {
    void this.run(new VolleyPickUpEvent(id), async (client) => {
      await client.pickUp(id);
      this.#choose(id);
    });
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
