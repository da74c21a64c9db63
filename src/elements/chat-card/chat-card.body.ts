import { css, html, nothing, type CSSResult } from 'lit';
import type { ProviderCard } from '../../model/types.js';
import { formatMoney } from '../shared/format.js';
import { safeUrl } from '../shared/rich-text.js';
import type { CommonStrings } from '../shared/strings.js';
import type { chatCardStrings } from './chat-card.strings.js';

// The chat card loads this module, the card's body, with the provider's card (until both are
// there it shows "Loading…" in the card's frame, chat-card.styles.ts). It has no effect of its own.

export const styles: CSSResult = css`
  [part='name'] { font-weight: 600; overflow-wrap: anywhere; }
  [part='status'], [part='price'], [part='note'] { color: var(--_muted); font-size: 0.9em; }
  .presence { margin-inline-end: 6px; vertical-align: -1px; }
`;

/** What the body shows and calls back; the card hands it over on each render. */
export interface CardHost {
  t: typeof chatCardStrings & CommonStrings;
  card: ProviderCard;
  avatar?: string;
  /** The chat this card opens, when there is one. */
  chat?: string;
  blocked: boolean;
  onlineOnly: boolean;
  busy: boolean;
  error: unknown;
  start(): void;
}

/** Up to two letters standing for a name (its first words' first letters). */
const initials = (name: string) => name.split(/\s+/).map((word) => [...word][0] ?? '').join('').slice(0, 2).toUpperCase();

export const renderCard = ({ t, card, chat, blocked, onlineOnly, busy, error, start, ...host }: CardHost) => {
  const name = card.name ?? card.id;
  const avatar = safeUrl(host.avatar);
  // Offline means nobody answers: neither the provider nor, when she has one, her team.
  const offline = card.status === 'offline' && (card.teamStatus ?? 'offline') === 'offline';
  const team = card.teamStatus && card.teamStatus !== card.status ? ` · ${t.teamPresence[card.teamStatus]}` : '';
  // Why a new chat cannot start, or what to expect. A chat that exists always opens (read only
  // when the provider un-enrolled or a block stands: the chat itself says so).
  const note = blocked ? t.cardBlocked(name) : !card.enrolled ? t.notEnrolled(name)
    : offline ? (onlineOnly && !chat ? t.offlineClosed(name) : t.offlineNote(name)) : '';
  const closed = !chat && (blocked || !card.enrolled || (offline && onlineOnly));
  return html`<article part="card">
    ${avatar ? html`<img part="avatar" src=${avatar} alt="" />` : html`<span part="avatar" aria-hidden="true">${initials(name)}</span>`}
    <div>
      <p part="name">${name}</p>
      <p part="status"><span class="presence ${card.status}"></span>${t.presence[card.status]}${team}</p>
      ${card.volleyCents ? html`<p part="price">${t.perReply(formatMoney(card.volleyCents))}</p>` : nothing}
    </div>
    ${note ? html`<p part="note">${note}</p>` : nothing}
    <button part="chat" class="primary" ?disabled=${closed || busy} @click=${start}>${(chat ? t.openChat : t.startChat)(name)}</button>
    ${error}
  </article>`;
};
