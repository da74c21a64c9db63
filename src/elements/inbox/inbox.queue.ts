import { css, html, type CSSResult } from 'lit';
import type { Conversation } from '../../model/types.js';
import type { CommonStrings } from '../shared/strings.js';
import type { inboxStrings } from './inbox.strings.js';

// The chat list loads this module, the queue of missed team chats (T4), when the first of them is
// there (until then, or while it loads, "Loading…" where the queue goes). It has no effect of its own.

export const styles: CSSResult = css`
  [part='queue'] { margin-block-end: var(--_gap); display: grid; gap: 4px; }
`;

/** What the queue shows and calls back; the list hands it over on each render. */
export interface QueueHost {
  t: typeof inboxStrings & CommonStrings;
  busy: boolean;
  /** The customer's name in a chat. */
  name(c: Conversation): string;
  pickUp(id: string): void;
}

export const renderQueue = ({ t, busy, name, pickUp }: QueueHost, queue: readonly Conversation[]) =>
  html`<section part="queue" class="card" aria-labelledby="queue"><h3 id="queue">${t.queue}</h3><ul>
    ${queue.map((c) => html`<li class="row"><span class="name">${name(c)}</span><button part="pick-up" class="primary" ?disabled=${busy}
      aria-label=${t.pickUpLabel(name(c))} @click=${() => pickUp(c.id)}>${t.pickUp}</button></li>`)}
  </ul></section>`;
