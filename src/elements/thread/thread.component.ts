import { html, nothing, type PropertyValues, type TemplateResult, type PropertyDeclarations } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Message } from '../../model/types.js';
import { VolleyDeleteEvent, VolleyRetryEvent } from '../events/events.js';
import { presenceStyles, watchCard } from '../shared/presence.js';
import { ConversationElement } from '../shared/command-element.js';
import { dayKey, formatDay, formatMoney, formatTime } from '../shared/format.js';
import { richText } from '../shared/rich-text.js';
import { messagePreview } from '../shared/preview.js';
import { StoreController } from '../shared/store-controller.js';
import { FirstUse } from '../shared/first-use.js';
import { TopLayer } from '../shared/layer.js';
import { baseStyles } from '../shared/styles.js';
import { threadStyles } from './thread.styles.js';
import { WindowController } from './window-controller.js';
import { threadStrings } from './thread.strings.js';

/** The confirmation dialog, loaded when first asked for. */
const confirmDialog = () => import('./thread.dialog.js');
/** The content of messages that are more than text (attachments, cards), loaded with the first of them. */
const cards = () => import('./thread.cards.js');

type Strings = typeof threadStrings;
type Receipt = 'sent' | 'delivered' | 'read';
type Of<K extends Message['kind']> = Extract<Message, { kind: K }>;

const EMPTY: readonly Message[] = [];
/** How close to the bottom (px) still counts as "at the bottom"; how close to the top loads more. */
const BOTTOM_SLACK = 24;
const TOP_SLACK = 40;

/**
 * The messages of one conversation, newest at the bottom (C2, C3, P2, P4, C4). Windowed (the
 * window controller, window-controller.ts): only the rows in view (and some beyond) are in the DOM,
 * the others stand in as padding sized from measured row heights, so the DOM stays small at any
 * length. Follows new messages only while the reader is at the bottom; elsewhere keeps the row
 * being read where it is on screen under any input (wheel, touch, keyboard, scrollbar, script),
 * when heights are measured and when older messages load ("Load earlier" or scrolling to the top).
 * Shows the receipts of my messages (sent, delivered, read: P12) with Retry on failure (or, when
 * another member owns the chat, Take over after a warning: K3), who else is typing, the
 * provider's live status on the customer's side (P10), the volley indicator, cards for
 * tribute requests (the customer pays in one click), tributes, payment buttons and goodies (the
 * customer buys a priced one in one click; both sides then see it paid, with a notice),
 * engagements and orders, attachment previews and system notices, and deletes for me after a
 * confirmation. New incoming messages are announced in a polite live region; the conversation is
 * marked read while it is visible and the reader is at the bottom.
 *
 * @csspart log - the scrolling message list (role="log")
 * @csspart message - one message row (also system notices)
 * @csspart bubble - the bubble holding a message's content
 * @csspart status - the delivery state of my message (pending, sent, delivered, read, failed)
 * @csspart receipt - also on the status once the engine stored my message: its class is sent, delivered or read
 * @csspart typing - the "… is typing" line under the messages (a polite live region, empty when nobody types)
 * @csspart presence - the customer's line with the provider's status; its dot has the class available, away or offline
 * @csspart volley - the "NF" volley indicator on a provider message that made a volley
 * @csspart card - a tribute request, payment button, goodie, engagement or order card
 * @csspart link - a link in a message or a card
 * @csspart day - the separator before the first message of a day
 * @csspart notice - a system notice, a "tribute received" or a purchase notice
 * @csspart media - an image or video preview
 * @csspart file - an attachment shown by its file name
 * @csspart load-earlier - the "Load earlier messages" button
 * @csspart jump - the "New messages" button shown when messages arrive below the reader
 * @csspart error - why the last command was refused
 * @csspart dialog - the delete or take-over confirmation
 * @cssprop --volley-bubble-mine - background of my bubbles (and --volley-bubble-mine-fg)
 * @cssprop --volley-bubble-theirs - background of the other side's bubbles (and --volley-bubble-theirs-fg)
 * @cssprop --volley-surface - background of notices
 * @cssprop --volley-success - the volley indicator and paid tributes
 * @cssprop --volley-danger - failed messages and errors
 * @cssprop --volley-away - the ring of an away provider's dot
 * @event volley-retry - before a failed message is sent again (cancelable); `overtake` when it takes the chat over
 * @event volley-delete - before a message is deleted for me, after the confirmation (cancelable)
 * @event volley-tribute - before a tribute request is paid (cancelable); carries `requestId`
 * @event volley-buy - before a payment button or goodie is bought (cancelable); carries `itemId` and `amountCents`
 * @event volley-error - a command from this element was refused
 */
export class VolleyThread extends ConversationElement<Strings> {
  static override styles = [baseStyles, presenceStyles, threadStyles];
  static override properties: PropertyDeclarations = {
    loadingOlder: { state: true },
    confirming: { state: true },
    payments: { state: true },
  };
  protected override defaults = threadStrings;

  private loadingOlder = false;
  /** The message waiting for a confirmation: of its deletion, or (`overtake`) of taking the chat over to send it. */
  private confirming?: { message: Message; overtake?: boolean };
  /** Per tribute request being paid or item being bought: busy, or why the payment failed. */
  private payments: Readonly<Record<string, { busy?: boolean; error?: string }>> = {};

  readonly #messages = new StoreController<readonly Message[]>(this, (s) => s.messages[this.conversationId] ?? EMPTY, EMPTY);
  readonly #typing = new StoreController(this, (s) => s.typing[this.conversationId], undefined);
  readonly #providerCard = new StoreController(this, (s) => s.cards[s.conversations[this.conversationId]?.providerId ?? ''], undefined);
  readonly #connection = new StoreController(this, (s) => s.connection, 'idle');
  readonly #dialog = new FirstUse(this, confirmDialog);
  readonly #cards = new FirstUse(this, cards);

  constructor() {
    super();
    // The confirmation opens modal (showModal) in the top layer, inside the visible area.
    new TopLayer(this);
  }

  // Plain fields, as they change only during an update or next to a reactive change.
  /** No older messages on the engine: the history has been read to the start. */
  #exhausted = false;
  /** Messages from others that arrived below the reader while not at the bottom. */
  #unseen = 0;
  /** What the live region says. */
  #announcement = '';
  /** The reader is at the bottom: new messages are followed and the chat is marked read. */
  #follow = true;
  /** Highest sequence number already seen (undefined until the first render of a conversation). */
  #known?: number;
  #shownList: readonly Message[] = EMPTY;
  #marking?: boolean;
  /** The element is on screen. */
  #visible?: boolean;
  readonly #intersections = new IntersectionObserver((entries) => {
    this.#visible = entries.at(-1)!.isIntersecting;
    this.#maybeMarkRead();
  });

  /** The last scroll position seen: only scrolling up leaves the bottom (content changes move it too). */
  #lastTop = 0;
  /** Windowing: the rows in view (and some beyond) are rendered, the others stand in as padding. */
  readonly #window = new WindowController<Message>(this, {
    scroller: () => this.#find('.log'),
    follow: () => this.#follow,
  });

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#maybeMarkRead);
    this.#intersections.observe(this);
    // Back in the page: render to observe the rows again.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#maybeMarkRead);
    this.#intersections.disconnect();
    this.#visible = false;
  }

  /**
   * Live changes render once per task: a burst (a history page, many messages a microtask
   * apart) lays out, scrolls and announces once instead of once per message.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (this.hasUpdated) await new Promise((resolve) => setTimeout(resolve));
    super.scheduleUpdate();
  }

  /** Loads the previous page of history, keeping the reader's place. */
  async loadOlder(): Promise<void> {
    const id = this.conversationId;
    if (!id || this.loadingOlder) return;
    this.loadingOlder = true;
    await this.run(undefined, async (client) => {
      if (!(await client.loadOlder(id)).length && id === this.conversationId) this.#exhausted = true;
    });
    this.loadingOlder = false;
  }

  /** Scrolls to the newest message and follows new ones again. */
  scrollToLatest(): void {
    this.#setFollow(true);
  }

  protected override update(changed: PropertyValues<this>): void {
    // Another conversation or client (not the first one): start afresh.
    if (changed.get('conversationId') !== undefined || changed.get('client') !== undefined) this.#reset();
    const list = this.#messages.value;
    if (list !== this.#shownList) this.#receive(list);
    this.#window.update(list);
    super.update(changed);
  }

  protected override updated(): void {
    this.#window.rendered();
    this.#maybeMarkRead();
    // P10: the customer sees the provider's status, read once and then kept live.
    const conversation = this.conversation.value;
    if (this.client && conversation && this.#customer) watchCard(this.client, conversation.providerId);
  }

  get #customer(): boolean {
    return this.me?.id === this.conversation.value?.customerId;
  }

  /** What changed in the list since the last render: announcements, unseen count, following. */
  #receive(list: readonly Message[]): void {
    const shown = this.#shownList;
    const known = this.#known;
    const me = this.me?.id;
    this.#shownList = list;
    // I just sent something: show it, wherever I was reading.
    const last = list[list.length - 1];
    if (shown.length && list.length > shown.length && last.authorId === me && last.id !== shown[shown.length - 1].id) this.#setFollow(true);
    // Messages still being sent have no sequence number yet (0).
    const top = list.reduce((max, m) => Math.max(max, m.seq), 0);
    if (known === undefined) {
      // The first list of a conversation is history, not news.
      if (this.conversation.value || list.length) this.#known = top;
    } else if (top > known) {
      this.#known = top;
      const fresh = list.filter((m) => m.seq > known && m.authorId !== me);
      if (fresh.length) {
        this.#announcement = fresh.map((m) => this.#announce(m)).join('\n');
        if (!this.#follow) this.#unseen += fresh.length;
      }
    }
  }

  #reset(): void {
    this.#known = undefined;
    this.#shownList = EMPTY;
    this.#follow = true;
    this.#exhausted = false;
    this.#unseen = 0;
    this.#announcement = '';
    this.error = undefined;
    this.confirming = undefined;
    this.payments = {};
  }

  // ---- the window ------------------------------------------------------------------------------

  /**
   * Scrolling to the bottom follows again, scrolling up leaves it; reaching the top loads older
   * messages; rows coming into view are rendered at once (the window controller).
   */
  #onScroll(event: Event): void {
    const log = event.currentTarget as HTMLElement;
    const top = log.scrollTop;
    if (log.scrollHeight - top - log.clientHeight <= BOTTOM_SLACK) this.#setFollow(true);
    else if (top < this.#lastTop) this.#setFollow(false);
    this.#lastTop = top;
    if (top <= TOP_SLACK && this.#hasOlder()) void this.loadOlder();
    this.#window.scrolled();
  }

  #setFollow(follow: boolean): void {
    if (follow === this.#follow) return;
    this.#follow = follow;
    if (follow) {
      this.#unseen = 0;
      this.requestUpdate();
      this.#maybeMarkRead();
    }
  }

  #find<E extends HTMLElement = HTMLElement>(selector: string): E | null {
    return this.renderRoot.querySelector<E>(selector);
  }

  /** Marks the conversation read while it is unread, visible, and the reader is at the bottom. */
  #maybeMarkRead = (): void => {
    const conversation = this.conversation.value;
    if (!this.client || !conversation?.unread || !this.#follow || this.#marking || !this.#visible || document.visibilityState !== 'visible') return;
    this.#marking = true;
    this.client.markRead(conversation.id).catch(() => undefined).finally(() => {
      this.#marking = false;
      // A message that came in while marking leaves the chat unread again.
      if (this.conversation.value !== conversation) this.#maybeMarkRead();
    });
  };

  #hasOlder(): boolean {
    return !this.#exhausted && (this.#messages.value.find((m) => m.seq > 0)?.seq ?? 0) > 1;
  }

  // ---- actions (Lit calls the listeners with the element as `this`) -----------------------------

  /** Announces a retry (K3: taking the chat over with `overtake`); unless the host cancels it, sends again and shows a refusal. */
  #retry({ conversationId, id }: Message, overtake = false): void {
    void this.run(new VolleyRetryEvent(conversationId, id, overtake), (client) => client.retry(conversationId, id, { overtake }));
  }

  /** The confirmation closed, giving the focus back to the button that opened it: when confirmed, deletes or takes over. */
  #closed(confirmed: boolean): void {
    const confirming = this.confirming;
    this.confirming = undefined;
    if (!confirmed || !confirming) return;
    const { message, overtake } = confirming;
    // The message (and its button) goes away: keep the focus in the thread.
    this.#find('.log')!.focus();
    if (overtake) this.#retry(message, true);
    else void this.run(new VolleyDeleteEvent(message.conversationId, message.id), (client) => client.deleteMessage(message.conversationId, message.id));
  }

  /** Asks for the confirmation of a deletion, or (`overtake`) of taking the chat over to send `message`. */
  #ask(message: Message, overtake?: boolean): void {
    this.confirming = { message, overtake };
    void this.#dialog.load();
  }

  // ---- rendering --------------------------------------------------------------------------------

  protected override render() {
    const t = this.t;
    const list = this.#messages.value;
    const { first, end } = this.#window;
    const typing = Object.keys(this.#typing.value ?? {});
    const confirming = this.confirming;
    const card = this.#customer && this.#providerCard.value;
    return html`
      ${card ? html`<p part="presence" class="peer"><span class="presence ${card.status}"></span>${t.peerPresence(this.#name(card.id), t.presence[card.status])}</p>` : nothing}
      ${this.errorAlert()}
      ${this.#hasOlder()
        ? html`<div class="bar"><button part="load-earlier" ?disabled=${this.loadingOlder} @click=${this.loadOlder}>${this.loadingOlder ? t.loadingEarlier : t.loadEarlier}</button></div>`
        : nothing}
      <div part="log" class="log" role="log" aria-live="off" aria-label=${t.label} tabindex="0" @scroll=${this.#onScroll}>
        <div class="rows">${repeat(list.slice(first, end), (m) => m.id, (m, i) => this.#row(m, first + i))}</div>
      </div>
      ${list.length === 0 ? html`<p class="empty muted">${{ open: t.empty, closed: t.noClient }[this.#connection.value as string] ?? t.loading}</p>` : nothing}
      ${this.#unseen ? html`<button part="jump" class="primary jump" @click=${this.scrollToLatest}>${t.newMessages(this.#unseen)}</button>` : nothing}
      <p part="typing" class="typing muted" role="status">${typing.length ? t.typing(typing.map((id) => this.#name(id))) : ''}</p>
      <div class="visually-hidden" role="status" aria-live="polite">${this.#announcement}</div>
      ${confirming ? this.loaded(this.#dialog.module, (dialog) => dialog.renderDialog({
        t, overtake: confirming.overtake, owner: this.#name(this.conversation.value?.ownerId ?? ''),
        closed: (confirmed) => this.#closed(confirmed),
      })) : nothing}
    `;
  }

  /** One row: the day separator when the day changes, then a notice, or the meta line and the bubble. */
  #row(m: Message, index: number): TemplateResult {
    const t = this.t;
    const previous = this.#shownList[index - 1];
    const newDay = !previous || dayKey(previous.at) !== dayKey(m.at);
    const notice = m.kind === 'system' || m.kind === 'tribute' || m.kind === 'purchase';
    const mine = m.authorId === this.me?.id;
    const author = this.#name(m.authorId);
    return html`<div class=${notice ? 'row system' : `row${mine ? ' mine' : ''}${m.status === 'failed' ? ' failed' : ''}`} part="message" data-id=${m.id}>
      ${newDay ? html`<div part="day" class="day">${formatDay(m.at)}</div>` : nothing}
      ${notice
        ? html`<div part="notice" class=${`notice ${m.kind}`}>${this.#noticeText(m)}${m.kind === 'tribute' && m.note ? html`<br />${m.note}` : nothing}</div>`
        : html`<div class="meta">
              ${newDay || previous.authorId !== m.authorId ? `${author} · ` : html`<span class="visually-hidden">${author} · </span>`}${formatTime(m.at)}
              ${m.volley ? html`<span part="volley" class="volley" role="img" aria-label=${t.volleyLabel}>${t.volleyBadge}</span>` : nothing}
              ${!mine ? nothing : m.status === 'failed'
                ? html`<span part="status" class="error">${t.failed(this.errorText(m.error))}</span>${m.error?.code === 'owned-by-other'
                  ? html`<button data-action="take-over" @click=${() => this.#ask(m, true)}>${t.takeOver}</button>`
                  : html`<button data-action="retry" @click=${() => this.#retry(m)}>${t.retry}</button>`}`
                : m.status === 'pending' ? html`<span part="status">${t.pending}</span>` : this.#receipt(m)}
              ${m.seq > 0 ? html`<button class="delete" data-action="delete" aria-label=${t.deleteLabel(author)} @click=${() => this.#ask(m)}>${t.delete}</button>` : nothing}
            </div>
            <div part="bubble" class="bubble">${this.#content(m)}</div>`}
    </div>`;
  }

  /** P12: how far my stored message got; the conversation's receipts never move backwards. */
  #receipt({ seq }: Message): TemplateResult {
    const c = this.conversation.value;
    const receipt: Receipt = seq <= (c?.peerReadSeq ?? 0) ? 'read' : seq <= (c?.peerDeliveredSeq ?? 0) ? 'delivered' : 'sent';
    return html`<span part="status receipt" class="receipt ${receipt}">${this.t[receipt]}</span>`;
  }

  /** Plain text at once; anything more (attachments, cards) once the cards' module has loaded. */
  #content(m: Message): unknown {
    const text = 'text' in m && m.text ? richText(m.text) : nothing;
    if (m.kind === 'text') return text;
    // Loads (or, after a failed load, tries again) while a message needs it; the thread renders again then.
    if (!this.#cards.module) this.#cards.load().catch(() => undefined);
    return this.loaded(this.#cards.module, (cards) => cards.content({
      t: this.t, policy: this.policy ?? undefined, client: this.client, customer: this.#customer, payments: this.payments, list: this.#shownList,
      el: this, payment: (id, state) => (state ? (this.payments = { ...this.payments, [id]: state }) : this.payments)[id], refused: (error) => this.refused(error),
    }, m, text));
  }

  #name(userId: string): string {
    return this.conversation.value?.names[userId] ?? this.t.someone;
  }

  /** The text of a system notice, a "tribute received" notice or a purchase notice. */
  #noticeText(m: Of<'system'> | Of<'tribute'> | Of<'purchase'>): string {
    const t = this.t;
    if (m.kind === 'system' && m.code === 'taken-over' && m.by && m.from) return t.takenOver(this.#name(m.by), this.#name(m.from));
    return m.kind === 'system' ? t.notices[m.code] ?? m.text
      : m.kind === 'purchase' ? t.bought(this.#name(m.authorId), m.title, formatMoney(m.amountCents))
      : t.tributeReceived(formatMoney(m.amountCents), this.#name(m.authorId));
  }

  /** What the live region reads for a new message. */
  #announce(m: Message): string {
    return m.kind === 'system' || m.kind === 'tribute' || m.kind === 'purchase' ? this.#noticeText(m) : this.t.announce(this.#name(m.authorId), messagePreview(m, this.t));
  }
}
