import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import type { ChatState } from '../../client/state.js';
import type { Attachment, Conversation, Message, SystemNoticeCode, User } from '../../model/types.js';
import { extensionOf, familyOf } from '../../rules/attachments.js';
import { VolleyDeleteEvent, VolleyErrorEvent, VolleyRetryEvent, VolleyTributeEvent } from '../events/events.js';
import { dayKey, formatDay, formatMoney, formatTime } from '../shared/format.js';
import { richText } from '../shared/rich-text.js';
import { StoreController } from '../shared/store-controller.js';
import { baseStyles } from '../shared/styles.js';
import { VolleyElement } from '../shared/volley-element.js';
import { threadStyles } from './thread.styles.js';

export const threadStrings = {
  /** The accessible name of the message list. */
  label: 'Messages',
  empty: 'No messages yet.',
  loadEarlier: 'Load earlier messages',
  loadingEarlier: 'Loading earlier messages…',
  newMessages: (count: number) => `New messages (${count})`,
  someone: 'Someone',
  pending: 'Sending…',
  sent: 'Sent',
  failed: (reason: string) => `Not sent: ${reason}`,
  retry: 'Retry',
  delete: 'Delete',
  deleteLabel: (author: string) => `Delete this message from ${author}`,
  deleteQuestion: 'Delete this message for you? The other person still sees it. This cannot be undone.',
  deleteConfirm: 'Delete for me',
  /** The volley indicator (P2) and what it says to a screen reader. */
  volleyBadge: 'NF',
  volleyLabel: 'Volley',
  tributeRequest: 'Tribute request',
  pay: (amount: string) => `Pay ${amount}`,
  paying: 'Paying…',
  paid: 'Paid',
  awaitingPayment: 'Awaiting payment',
  tributeReceived: (amount: string, from: string) => `Tribute received: ${amount} from ${from}`,
  paymentButton: 'Payment',
  goodie: 'Goodie',
  engagement: { coupon: 'Coupon', promo: 'Promotion', message: 'Message' } as Record<string, string>,
  order: 'Order',
  open: 'Open',
  code: 'Code',
  /** System notices by code; the engine's own text is used for a code missing here. */
  notices: {
    'offer-missed': 'Nobody is available right now. Your chat is waiting in the queue and will be picked up soon.',
    'chat-finished': 'This chat was finished.',
    reopened: 'This chat was reopened.',
    claimed: 'A team member joined the chat.',
  } as Partial<Record<SystemNoticeCode, string>>,
  /** What the live region says when a message arrives. */
  announce: (author: string, text: string) => `${author}: ${text}`,
  /** An attachment shown by name: the name and the size in bytes. */
  file: (name: string, bytes: number) => `${name} (${bytes < 1024 ? `${bytes} B` : bytes < 1_048_576 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1_048_576).toFixed(1)} MB`})`,
};

type Strings = typeof threadStrings;
type Of<K extends Message['kind']> = Extract<Message, { kind: K }>;

const EMPTY: readonly Message[] = Object.freeze([]);
/** Pinned to the last item: the virtualizer keeps it framed at the bottom as items come and go. */
const END = Object.freeze({ index: Number.MAX_SAFE_INTEGER, block: 'end' as const });
type Pin = { index: number; block: 'start' | 'end' } | null;
/** How close to the bottom (px) still counts as "at the bottom"; how close to the top loads more. */
const BOTTOM_SLACK = 24;
const TOP_SLACK = 40;

const httpUrl = (url?: string) => (url && /^https?:\/\//i.test(url) ? url : undefined);
const mediaUrl = (url?: string) => (url && /^(?:https?:\/\/|blob:)/i.test(url) ? url : undefined);

/**
 * The messages of one conversation, newest at the bottom (C2, C3, P2, P4, C4). Virtualised, so the
 * DOM stays small at any length; follows new messages only while the reader is at the bottom;
 * keeps the reader's place when older messages load ("Load earlier" or scrolling to the top).
 * Shows the delivery state of my messages with Retry on failure, the volley indicator, cards for
 * tribute requests (the customer pays in one click), tributes, payment buttons, goodies,
 * engagements and orders, attachment previews and system notices, and deletes for me after a
 * confirmation. New incoming messages are announced in a polite live region; the conversation is
 * marked read while it is visible and the reader is at the bottom.
 *
 * @csspart log - the scrolling message list (role="log")
 * @csspart message - one message row (also system notices)
 * @csspart bubble - the bubble holding a message's content
 * @csspart status - the delivery state of my message (pending, sent, failed)
 * @csspart volley - the "NF" volley indicator on a provider message that made a volley
 * @csspart card - a tribute request, payment button, goodie, engagement or order card
 * @csspart day - the separator before the first message of a day
 * @csspart notice - a system notice or a "tribute received" notice
 * @csspart media - an image or video preview
 * @csspart file - an attachment shown by its file name
 * @csspart load-earlier - the "Load earlier messages" button
 * @csspart jump - the "New messages" button shown when messages arrive below the reader
 * @csspart error - why the last command was refused
 * @csspart dialog - the delete confirmation
 * @cssprop --volley-bubble-mine - background of my bubbles (and --volley-bubble-mine-fg)
 * @cssprop --volley-bubble-theirs - background of the other side's bubbles (and --volley-bubble-theirs-fg)
 * @cssprop --volley-surface - background of notices
 * @cssprop --volley-success - the volley indicator and paid tributes
 * @cssprop --volley-danger - failed messages and errors
 * @event volley-retry - before a failed message is sent again (cancelable)
 * @event volley-delete - before a message is deleted for me, after the confirmation (cancelable)
 * @event volley-tribute - before a tribute request is paid (cancelable); carries `requestId`
 * @event volley-error - a command from this element was refused
 */
export class VolleyThread extends VolleyElement<Strings> {
  static override styles = [baseStyles, threadStyles];
  protected override defaults = threadStrings;

  /** The conversation shown. */
  @property({ attribute: 'conversation-id' }) conversationId = '';

  @state() private error?: string;
  @state() private loadingOlder = false;
  /** No older messages on the engine: the history has been read to the start. */
  @state() private exhausted = false;
  /** Messages from others that arrived below the reader while not at the bottom. */
  @state() private unseen = 0;
  @state() private announcement = '';
  /** The message waiting for the delete confirmation. */
  @state() private confirming?: Message;
  /** Per tribute request being paid: busy, or why the payment failed. */
  @state() private payments: Readonly<Record<string, { busy?: boolean; error?: string }>> = {};

  readonly #messages = new StoreController<readonly Message[]>(this, (s) => s.messages[this.conversationId] ?? EMPTY, EMPTY);
  readonly #conversation = new StoreController<Conversation | undefined>(this, (s) => s.conversations[this.conversationId], undefined);
  readonly #me = new StoreController<User | null>(this, (s) => s.me, null);
  readonly #policy = new StoreController<ChatState['policy']>(this, (s) => s.policy, null);

  /** The reader is at the bottom: new messages are followed and the chat is marked read. */
  #follow = true;
  /** The pin the virtualizer should get, and whether the next render must hand it over. */
  #pin: Pin = END;
  #pinChanged = true;
  /** Index of the first message in view, as the virtualizer last reported it. */
  #firstVisible = 0;
  /** Highest sequence number already seen (undefined until the first render of a conversation). */
  #known?: number;
  #shownList: readonly Message[] = EMPTY;
  #paid?: { list: readonly Message[]; ids: Set<string> };
  #marking = false;
  /** The element is on screen (an IntersectionObserver says so). */
  #visible = false;
  #observer?: IntersectionObserver;
  /** Formatted times and day labels, made once: Intl formatters are costly to build per row. */
  readonly #times = new WeakMap<Message, string>();
  readonly #days = new Map<string, string>();

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#observer = new IntersectionObserver((entries) => {
      this.#visible = entries[entries.length - 1].isIntersecting;
      this.#maybeMarkRead();
    });
    this.#observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#observer?.disconnect();
    this.#observer = undefined;
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
    const client = this.client;
    const id = this.conversationId;
    if (!client || !id || this.loadingOlder) return;
    this.loadingOlder = true;
    try {
      const page = await client.loadOlder(id);
      if (id === this.conversationId && page.length === 0) this.exhausted = true;
    } catch (error) {
      this.#fail(error);
    } finally {
      this.loadingOlder = false;
    }
  }

  /** Scrolls to the newest message and follows new ones again. */
  scrollToLatest(): void {
    this.#setFollow(true);
  }

  protected override update(changed: PropertyValues<this>): void {
    if ((['conversationId', 'client'] as const).some((key) => changed.has(key) && changed.get(key) !== undefined)) this.#reset();
    const list = this.#messages.value;
    if (list !== this.#shownList) this.#receive(list);
    super.update(changed);
  }

  protected override updated(): void {
    this.#pinChanged = false;
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
    this.#maybeMarkRead();
  }

  /** What changed in the list since the last render: announcements, unseen count, the reader's place. */
  #receive(list: readonly Message[]): void {
    const shown = this.#shownList;
    this.#shownList = list;
    // Older messages came in above: keep the message the reader was looking at where it was.
    if (!this.#follow && shown.length && list.length > shown.length && list[0].id !== shown[0].id) {
      const anchor = shown[Math.min(this.#firstVisible, shown.length - 1)].id;
      const index = list.findIndex((m) => m.id === anchor);
      if (index > 0) this.#setPin({ index, block: 'start' });
    }
    const me = this.#me.value?.id;
    // I just sent something: show it, wherever I was reading.
    const last = list[list.length - 1];
    if (shown.length && list.length > shown.length && last.authorId === me && last.id !== shown[shown.length - 1].id) this.#setFollow(true);
    let top = 0;
    for (let i = list.length - 1; i >= 0 && top === 0; i--) top = list[i].seq;
    if (this.#known === undefined) {
      // The first list of a conversation is history, not news.
      if (this.#conversation.value || list.length) this.#known = top;
    } else if (top > this.#known) {
      const fresh = [];
      for (let i = list.length - 1; i >= 0 && (list[i].seq === 0 || list[i].seq > this.#known); i--) {
        if (list[i].seq > 0 && list[i].authorId !== me) fresh.unshift(list[i]);
      }
      this.#known = top;
      if (fresh.length) {
        this.announcement = fresh.map((m) => this.#announce(m)).join('\n');
        if (!this.#follow) this.unseen += fresh.length;
      }
    }
  }

  #reset(): void {
    this.#known = undefined;
    this.#shownList = EMPTY;
    this.#firstVisible = 0;
    this.#follow = true;
    this.#setPin(END);
    this.exhausted = false;
    this.unseen = 0;
    this.announcement = '';
    this.error = undefined;
    this.confirming = undefined;
    this.payments = {};
  }

  #setPin(pin: Pin): void {
    if (pin === this.#pin) return;
    this.#pin = pin;
    this.#pinChanged = true;
    this.requestUpdate();
  }

  #setFollow(follow: boolean): void {
    if (follow === this.#follow) return;
    this.#follow = follow;
    if (follow) {
      this.unseen = 0;
      this.#setPin(END);
      this.#maybeMarkRead();
    }
  }

  #atBottom(log = this.#log()): boolean {
    return !log || log.scrollHeight - log.scrollTop - log.clientHeight <= BOTTOM_SLACK;
  }

  #log(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.log');
  }

  /** Scrolling back to the bottom follows again; reaching the top loads older messages. */
  #onScroll = (event: Event): void => {
    const log = event.currentTarget as HTMLElement;
    if (this.#atBottom(log)) this.#setFollow(true);
    else if (log.scrollTop <= TOP_SLACK && this.#hasOlder()) void this.loadOlder();
  };

  #onVisible = (event: Event & { first?: number }): void => {
    this.#firstVisible = Math.max(0, event.first ?? 0);
  };

  /**
   * The virtualizer let go of its pin because the reader scrolled (it tells its own corrections
   * apart from the reader's scrolling): leaving the bottom stops following.
   */
  #onUnpinned = (): void => {
    if (this.#pin === END) this.#setFollow(false);
    this.#pin = null;
  };

  #onVisibility = (): void => this.#maybeMarkRead();

  /** Marks the conversation read while it is unread, visible, and the reader is at the bottom. */
  #maybeMarkRead(): void {
    const conversation = this.#conversation.value;
    if (!this.client || !conversation?.unread || !this.#follow || this.#marking || !this.#visible || document.visibilityState !== 'visible') return;
    this.#marking = true;
    this.client.markRead(conversation.id).catch(() => undefined).finally(() => {
      this.#marking = false;
      // A message that came in while marking leaves the chat unread again.
      if (this.#conversation.value !== conversation) this.#maybeMarkRead();
    });
  }

  #hasOlder(): boolean {
    const first = this.#messages.value.find((m) => m.seq > 0);
    return !this.exhausted && first !== undefined && first.seq > 1;
  }

  #fail(error: unknown): void {
    const message = this.errorText(error);
    this.error = message;
    this.dispatchEvent(new VolleyErrorEvent((error as { code?: string })?.code ?? 'unavailable', message));
  }

  // ---- actions ----------------------------------------------------------------------------------

  #onClick = (event: Event): void => {
    const button = (event.target as Element).closest<HTMLElement>('button[data-action]');
    const id = button?.closest<HTMLElement>('[data-id]')?.dataset.id;
    const message = id ? this.#messages.value.find((m) => m.id === id) : undefined;
    if (!button || !message) return;
    const action = button.dataset.action;
    if (action === 'retry') void this.#retry(message);
    else if (action === 'delete') this.confirming = message;
    else if (action === 'pay' && message.kind === 'tribute-request') void this.#pay(message);
  };

  async #retry(message: Message): Promise<void> {
    const client = this.client;
    if (!client || !this.dispatchEvent(new VolleyRetryEvent(message.conversationId, message.id))) return;
    this.error = undefined;
    try {
      await client.retry(message.conversationId, message.id);
    } catch (error) {
      this.#fail(error);
    }
  }

  async #confirmDelete(): Promise<void> {
    const message = this.confirming;
    this.confirming = undefined;
    this.renderRoot.querySelector('dialog')?.close();
    // The message (and its Delete button) goes away: keep the focus in the thread.
    this.#log()?.focus();
    const client = this.client;
    if (!client || !message || !this.dispatchEvent(new VolleyDeleteEvent(message.conversationId, message.id))) return;
    this.error = undefined;
    try {
      await client.deleteMessage(message.conversationId, message.id);
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Closing the dialog (Cancel, Escape) gives the focus back to the Delete button. */
  #cancelDelete = (): void => this.renderRoot.querySelector('dialog')?.close();

  #closeDialog = (): void => {
    this.confirming = undefined;
  };

  async #pay(request: Of<'tribute-request'>): Promise<void> {
    const client = this.client;
    const { conversationId, amountCents, note, id } = request;
    if (!client || this.payments[id]?.busy || !this.dispatchEvent(new VolleyTributeEvent(conversationId, amountCents, note, id))) return;
    this.payments = { ...this.payments, [id]: { busy: true } };
    try {
      await client.sendTribute(conversationId, { amountCents, requestId: id });
      this.payments = { ...this.payments, [id]: {} };
    } catch (error) {
      const message = this.errorText(error);
      this.payments = { ...this.payments, [id]: { error: message } };
      this.dispatchEvent(new VolleyErrorEvent((error as { code?: string })?.code ?? 'unavailable', message));
    }
  }

  // ---- rendering --------------------------------------------------------------------------------

  protected override render() {
    const t = this.t;
    const list = this.#messages.value;
    const pinned = this.#pinChanged ? { pin: this.#pin as never } : {};
    return html`
      ${this.error ? html`<p class="error" role="alert" part="error">${this.error}</p>` : nothing}
      <div class="bar">${this.#hasOlder()
        ? html`<button part="load-earlier" ?disabled=${this.loadingOlder} @click=${this.loadOlder}>${this.loadingOlder ? t.loadingEarlier : t.loadEarlier}</button>`
        : nothing}</div>
      <div part="log" class="log" role="log" aria-live="off" aria-label=${t.label} tabindex="0"
        @scroll=${this.#onScroll} @visibilityChanged=${this.#onVisible} @unpinned=${this.#onUnpinned} @click=${this.#onClick}>
        ${virtualize({ scroller: true, items: list as Message[], keyFunction: (m: Message) => m.id, renderItem: this.#row, layout: flow(pinned) })}
      </div>
      ${list.length === 0 ? html`<p class="empty muted">${t.empty}</p>` : nothing}
      ${this.unseen ? html`<button part="jump" class="jump" @click=${this.scrollToLatest}>${t.newMessages(this.unseen)}</button>` : nothing}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${this.confirming
        ? html`<dialog part="dialog" aria-labelledby="question" @close=${this.#closeDialog}>
            <p id="question">${t.deleteQuestion}</p>
            <div class="actions">
              <button @click=${this.#cancelDelete} autofocus>${t.cancel}</button>
              <button class="danger" @click=${this.#confirmDelete}>${t.deleteConfirm}</button>
            </div>
          </dialog>`
        : nothing}
    `;
  }

  #row = (m: Message, index: number): TemplateResult => {
    const t = this.t;
    const previous = this.#shownList[index - 1];
    const key = dayKey(m.at);
    let label = this.#days.get(key);
    if (label === undefined) this.#days.set(key, (label = formatDay(m.at)));
    const day = !previous || dayKey(previous.at) !== key ? html`<div part="day" class="day">${label}</div>` : nothing;
    if (m.kind === 'system' || m.kind === 'tribute') {
      const text = m.kind === 'system' ? t.notices[m.code] ?? m.text : t.tributeReceived(formatMoney(m.amountCents), this.#name(m.authorId));
      const note = m.kind === 'tribute' && m.note ? html`<br />${m.note}` : nothing;
      return html`<div class="row system" part="message" data-id=${m.id}>${day}<div part="notice" class=${m.kind === 'tribute' ? 'notice tribute' : 'notice'}>${text}${note}</div></div>`;
    }
    const mine = m.authorId === this.#me.value?.id;
    const author = this.#name(m.authorId);
    return html`<div class=${`row ${mine ? 'mine' : 'theirs'}${m.status === 'failed' ? ' failed' : ''}`} part="message" data-id=${m.id}>
      ${day}
      <div class="meta">
        ${!previous || previous.authorId !== m.authorId || day !== nothing ? author : html`<span class="visually-hidden">${author}</span>`}
        · ${this.#time(m)}
        ${m.volley ? html`<span part="volley" class="volley" role="img" aria-label=${t.volleyLabel}>${t.volleyBadge}</span>` : nothing}
        ${mine ? this.#status(m) : nothing}
        ${m.seq > 0 ? html`<button class="delete" data-action="delete" aria-label=${t.deleteLabel(author)}>${t.delete}</button>` : nothing}
      </div>
      <div part="bubble" class="bubble">${this.#content(m, mine)}</div>
    </div>`;
  };

  #status(m: Message) {
    const t = this.t;
    if (m.status === 'failed') {
      return html`<span part="status" class="failed">${t.failed(this.errorText(m.error))}</span><button data-action="retry">${t.retry}</button>`;
    }
    return html`<span part="status" class=${m.status ?? 'sent'}>${m.status === 'pending' ? t.pending : t.sent}</span>`;
  }

  #content(m: Message, mine: boolean): unknown {
    const t = this.t;
    const text = 'text' in m && m.text ? richText(m.text) : nothing;
    switch (m.kind) {
      case 'text':
        return text;
      case 'attachment':
        return [this.#attachment(m.attachment), m.text ? html`<div>${text}</div>` : nothing];
      case 'payment-button':
        return [text, this.#card(t.paymentButton, m.button.title, m.button.amountCents, undefined, m.button.url)];
      case 'goodie':
        return [text, this.#card(t.goodie, m.goodie.title, m.goodie.amountCents, undefined, m.goodie.url)];
      case 'engagement':
        return [text, this.#card(t.engagement[m.engagement.type] ?? m.engagement.type, m.engagement.title, undefined, m.engagement.code, m.engagement.url)];
      case 'order':
        return this.#card(t.order, m.order.title, m.order.amountCents);
      case 'tribute-request':
        return this.#request(m, mine);
      default:
        return nothing;
    }
  }

  #card(kind: string, title: string, amountCents?: number, code?: string, url?: string, extra: unknown = nothing): TemplateResult {
    const t = this.t;
    const link = httpUrl(url);
    return html`<div part="card" class="card">
      <span class="kind">${kind}</span>
      ${title ? html`<strong>${title}</strong>` : nothing}
      ${amountCents !== undefined ? html`<span class="amount">${formatMoney(amountCents)}</span>` : nothing}
      ${code ? html`<span>${t.code}: <code>${code}</code></span>` : nothing}
      ${link ? html`<a href=${link} target="_blank" rel="noopener noreferrer">${t.open}</a>` : nothing}
      ${extra}
    </div>`;
  }

  #request(m: Of<'tribute-request'>, mine: boolean): TemplateResult {
    const t = this.t;
    const amount = formatMoney(m.amountCents);
    const paid = this.#paidRequests().has(m.id);
    const payment = this.payments[m.id];
    const customer = !mine && this.#me.value?.id === this.#conversation.value?.customerId;
    let action: unknown = nothing;
    if (paid) action = html`<span class="paid">${t.paid}</span>`;
    else if (customer && m.seq > 0) {
      action = html`<button class="primary" data-action="pay" ?disabled=${payment?.busy}>${payment?.busy ? t.paying : t.pay(amount)}</button>
        ${payment?.error ? html`<span class="error" role="alert">${payment.error}</span>` : nothing}`;
    } else if (m.seq > 0) action = html`<span class="muted">${t.awaitingPayment}</span>`;
    return this.#card(t.tributeRequest, m.note ?? '', m.amountCents, undefined, undefined, action);
  }

  #attachment(file: Attachment): TemplateResult {
    const family = file.mime?.startsWith('image/') ? 'image' : file.mime?.startsWith('video/') ? 'video'
      : this.#policy.value ? familyOf(extensionOf(file.name), this.#policy.value.attachments) : null;
    const media = mediaUrl(file.url);
    if (media && family === 'image') return html`<img part="media" class="media" src=${media} alt=${file.name} loading="lazy" />`;
    if (media && family === 'video') return html`<video part="media" class="media" src=${media} controls preload="metadata" aria-label=${file.name}></video>`;
    const label = this.t.file(file.name, file.size);
    return media
      ? html`<a part="file" class="file" href=${media} target="_blank" rel="noopener noreferrer" download=${file.name}>${label}</a>`
      : html`<span part="file" class="file">${label}</span>`;
  }

  /** Request ids that a tribute has paid, recomputed only when the list changes. */
  #paidRequests(): Set<string> {
    const list = this.#shownList;
    if (this.#paid?.list !== list) {
      const ids = new Set<string>();
      for (const m of list) if (m.kind === 'tribute' && m.requestId) ids.add(m.requestId);
      this.#paid = { list, ids };
    }
    return this.#paid.ids;
  }

  #time(m: Message): string {
    let time = this.#times.get(m);
    if (time === undefined) this.#times.set(m, (time = formatTime(m.at)));
    return time;
  }

  #name(userId: string): string {
    return this.#conversation.value?.names[userId] ?? this.t.someone;
  }

  /** What the live region reads for a new message. */
  #announce(m: Message): string {
    const t = this.t;
    switch (m.kind) {
      case 'system': return t.notices[m.code] ?? m.text;
      case 'tribute': return t.tributeReceived(formatMoney(m.amountCents), this.#name(m.authorId));
      case 'tribute-request': return t.announce(this.#name(m.authorId), `${t.tributeRequest} ${formatMoney(m.amountCents)}`);
      default: {
        const title = m.kind === 'attachment' ? m.attachment.name : m.kind === 'payment-button' ? m.button.title
          : m.kind === 'goodie' ? m.goodie.title : m.kind === 'engagement' ? m.engagement.title : m.kind === 'order' ? m.order.title : '';
        return t.announce(this.#name(m.authorId), [m.kind === 'order' || !m.text ? '' : m.text, title].filter(Boolean).join(' '));
      }
    }
  }
}
