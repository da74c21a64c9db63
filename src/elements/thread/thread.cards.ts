import { css, html, nothing, type CSSResult, type TemplateResult } from 'lit';
import type { ChatClient } from '../../client/client.js';
import type { Policy } from '../../model/policy.js';
import type { Attachment, Message } from '../../model/types.js';
import { extensionOf, familyOf } from '../../rules/attachment-family.js';
import { VolleyBuyEvent, VolleyTributeEvent } from '../events/events.js';
import { formatBytes, formatMoney } from '../shared/format.js';
import { externalLink, safeUrl } from '../shared/rich-text.js';
import { cardOf } from '../shared/preview.js';
import type { threadStrings } from './thread.strings.js';

// The thread loads this module, the content of messages that are more than text (attachment
// previews, tribute requests, payment buttons, goodies, engagements, orders), when the first such
// message is in its list (the bubble shows "Loading…" until then). It has no effect of its own.

export const styles: CSSResult = css`
.card, .file { border: 1px solid var(--_border); background: var(--_bg); color: var(--_fg); }
.card { display: grid; gap: 4px; min-inline-size: 12rem; margin-block-start: 4px; padding: 8px 10px; white-space: normal; }
.card, .media { border-radius: calc(var(--_radius) / 1.5); }
.bubble > .card:first-child { margin-block-start: 0; }
.card a { color: var(--_accent); }
.kind { color: var(--_muted); font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.04em; }
.amount, .paid { font-weight: 600; }
.paid { color: var(--_success); }
.media { display: block; max-inline-size: 100%; max-block-size: 16rem; }
.file { display: inline-block; padding: 4px 10px; border-radius: 999px; }
`;

/** What the cards need of their thread; it hands this over on each render. */
export interface CardsHost {
  t: typeof threadStrings;
  policy?: Policy;
  client?: ChatClient;
  /** I am the chat's customer: I pay and buy. */
  customer: boolean;
  /** Per tribute request being paid or item being bought: busy, or why the payment failed. */
  payments: Readonly<Record<string, { busy?: boolean; error?: string }>>;
  /** The messages shown: their tributes and purchases say which requests are paid and which items bought. */
  list: readonly Message[];
  /** The thread: it announces a payment. */
  el: HTMLElement;
  /** Sets the state of one payment (message `id`): busy, or why it failed; without a state, reads it as it is now. */
  payment(id: string, state?: { busy?: boolean; error?: string }): { busy?: boolean; error?: string } | undefined;
  /** Tells the host that a payment was refused; returns what the user reads. */
  refused(error: unknown): string;
}

/** Pays a tribute request or buys an item (message `id`): announced by `event`; busy until paid, else the refusal on its card. */
async function pay(host: CardsHost, id: string, event: Event, pay: () => Promise<unknown>): Promise<void> {
  // As it is now, not as last rendered: a second click before the next render pays nothing.
  if (host.payment(id)?.busy || !host.el.dispatchEvent(event)) return;
  host.payment(id, { busy: true });
  let error: string | undefined;
  try {
    await pay();
  } catch (refusal) {
    error = host.refused(refusal);
  }
  host.payment(id, { error });
}

type Of<K extends Message['kind']> = Extract<Message, { kind: K }>;
/** What a card shows: a payment button, goodie, engagement, order or tribute request. */
type Card = { title?: string; amountCents?: number; code?: string; url?: string };

/** The content of a message that is not plain text (`text`: its text, rendered by the thread). */
export function content(host: CardsHost, m: Message, text: unknown): unknown {
  if (m.kind === 'attachment') return [attachment(host, m.attachment), m.text ? html`<div>${text}</div>` : nothing];
  if (m.kind === 'tribute-request') return request(host, m);
  const found = cardOf(m);
  const kind = m.kind === 'engagement' ? m.engagement.type : m.kind;
  // P3: a priced payment button or goodie is bought by the customer.
  const price = m.kind === 'payment-button' ? m.button.amountCents : m.kind === 'goodie' ? m.goodie.amountCents : undefined;
  const buy = price === undefined ? nothing : payAction(host, m, 'buy', price, host.t.buy,
    () => pay(host, m.id, new VolleyBuyEvent(m.conversationId, m.id, price), () => host.client!.buy(m.conversationId, m.id)));
  return [text, found ? card(host, host.t.cards[kind] ?? kind, found, buy) : nothing];
}

function card({ t }: CardsHost, kind: string, { title, amountCents, code, url }: Card, extra: unknown = nothing): TemplateResult {
  const link = safeUrl(url);
  return html`<div part="card" class="card">
    <span class="kind">${kind}</span>
    ${title ? html`<strong>${title}</strong>` : nothing}
    ${amountCents !== undefined ? html`<span class="amount">${formatMoney(amountCents)}</span>` : nothing}
    ${code ? html`<span>${t.code}: <code>${code}</code></span>` : nothing}
    ${link ? externalLink(link, t.open) : nothing}
    ${extra}
  </div>`;
}

function request(host: CardsHost, m: Of<'tribute-request'>): TemplateResult {
  const { t } = host;
  const { conversationId, amountCents, note, id } = m;
  const action = payAction(host, m, 'pay', amountCents, t.pay,
    () => pay(host, id, new VolleyTributeEvent(conversationId, amountCents, note, id), () => host.client!.sendTribute(conversationId, { amountCents, requestId: id })),
    html`<span class="muted">${t.awaitingPayment}</span>`);
  return card(host, t.cards[m.kind], { title: note, amountCents }, action);
}

/**
 * What a card the customer pays for shows (a tribute request, P4; an item, P3): Paid, to both
 * sides, once paid; else the customer's button (busy while paying, then the refusal), and the
 * provider side `waiting`.
 */
/** Per list of messages, the tribute requests a tribute in it paid and the items a purchase bought. */
const paidIn = new WeakMap<readonly Message[], Set<string>>();

function payAction({ t, payments, list, customer }: CardsHost, m: Message, action: string, amountCents: number, label: (amount: string) => string, pay: () => void, waiting: unknown = nothing): unknown {
  const payment = payments[m.id];
  let paid = paidIn.get(list);
  if (!paid) paidIn.set(list, (paid = new Set(list.flatMap((m) => (m.kind === 'tribute' && m.requestId ? [m.requestId] : m.kind === 'purchase' ? [m.itemId] : [])))));
  return paid.has(m.id)
    ? html`<span class="paid">${t.paid}</span>`
    : m.seq <= 0
      ? nothing
      : customer
        ? html`<button class="primary" data-action=${action} ?disabled=${payment?.busy} @click=${pay}>${payment?.busy ? t.paying : label(formatMoney(amountCents))}</button>
            ${payment?.error ? html`<span class="error" role="alert">${payment.error}</span>` : nothing}`
        : waiting;
}

function attachment({ t, policy }: CardsHost, file: Attachment): TemplateResult {
  const family = /^(image|video)\//.exec(file.mime ?? '')?.[1] ?? (policy && familyOf(extensionOf(file.name), policy.attachments));
  const media = safeUrl(file.url, true);
  if (media && family === 'image') return html`<img part="media" class="media" src=${media} alt=${file.name} loading="lazy" />`;
  if (media && family === 'video') return html`<video part="media" class="media" src=${media} controls preload="metadata" aria-label=${file.name}></video>`;
  const label = t.file(file.name, formatBytes(file.size));
  return media
    ? html`<a part="file" class="file" href=${media} target="_blank" rel="noopener noreferrer" download=${file.name}>${label}</a>`
    : html`<span part="file" class="file">${label}</span>`;
}
