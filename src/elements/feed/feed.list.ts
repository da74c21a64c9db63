import { css, html, nothing, type CSSResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { FeedEntry, Message, Order } from '../../model/types.js';
import { formatMoney } from '../shared/format.js';
import { timeTag } from '../shared/parts.js';
import { richText } from '../shared/rich-text.js';
import { messagePreview } from '../shared/preview.js';
import type { feedStrings } from './feed.strings.js';

// The feed loads this module, its list of entries, with the first of them (the feed shows
// "Loading…" until both are there). It has no effect of its own.

export const styles: CSSResult = css`
  ol { gap: 6px; overflow: auto; }
  li { display: grid; gap: 2px; padding: 6px 10px; border-radius: var(--_radius); background: var(--_theirs); color: var(--_theirs-fg); max-inline-size: 85%; align-self: flex-start; }
  .mine { align-self: flex-end; background: var(--_mine); color: var(--_mine-fg); }
  .mine a { color: inherit; }
  .system { background: none; align-self: center; font-size: 0.9em; text-align: center; }
  li:has(> .order) { background: none; padding: 0; max-inline-size: none; align-self: stretch; }
  .author, .badge, .title { font-weight: 600; }
  .author { font-size: 0.85em; }
  .text { white-space: pre-wrap; overflow-wrap: anywhere; }
  .order { text-align: start; border-radius: var(--_radius); padding: 8px 12px; }
  .badge { background: var(--_accent); color: var(--_accent-fg); }
  .title { flex: 1; }
`;

/** What the list needs of its feed. */
export interface FeedListHost {
  t: typeof feedStrings;
  /** My id: my messages are mine. */
  me?: string;
  busy: boolean;
  names: Record<string, string>;
  /** An order was chosen: its chat opens (M1). */
  open(order: Order): void;
}

/** The entries, oldest first: orders as buttons, messages as text. */
export function renderEntries(host: FeedListHost, entries: readonly FeedEntry[]) {
  return html`<ol part="list">${repeat(entries, (e) => (e.type === 'order' ? `o:${e.order.id}` : `m:${e.message.id}`),
    (e) => (e.type === 'order' ? order(host, e.order) : message(host, e.message)))}</ol>`;
}

function order(host: FeedListHost, order: Order) {
  return html`<li><button part="order" class="row order" ?disabled=${host.busy} @click=${() => host.open(order)}>
    <span class="badge">${host.t.orderBadge}</span><span class="title">${order.title}</span><span class="amount">${formatMoney(order.amountCents)}</span>${timeTag(order.at)}
  </button></li>`;
}

function message({ t, me, names }: FeedListHost, m: Message) {
  const system = m.kind === 'system';
  const mine = m.authorId === me;
  return html`<li part="message" class=${system ? 'system muted' : mine ? 'mine' : ''}>
    ${system ? nothing : html`<span class="author">${mine ? t.you : names[m.authorId] ?? m.authorId}</span>`}
    <span class="text">${m.kind === 'text' ? richText(m.text) : messagePreview(m, t)}</span>${timeTag(m.at)}
  </li>`;
}
