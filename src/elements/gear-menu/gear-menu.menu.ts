import { css, html, nothing, type CSSResult } from 'lit';
import type { CustomerDetails } from '../../model/types.js';
import { formatMoney } from '../shared/format.js';
import { figures, timeTag } from '../shared/parts.js';
import { safeUrl } from '../shared/rich-text.js';
import type { CommonStrings } from '../shared/strings.js';
import type { gearMenuStrings } from './gear-menu.component.js';

// The gear menu loads this module, its menu and panels (customer details, the blocked list), when
// the menu is first opened. It has no effect of its own.

export type Panel = 'details' | 'blocked';

/** What the menu and a panel show and call back; the element hands it over on each render. */
export interface MenuHost {
  t: typeof gearMenuStrings & CommonStrings;
  customer: boolean;
  /** The other side of the chat. */
  other: string;
  /** The chat's customer, whose details show. */
  customerId: string;
  blocked: readonly string[];
  callUrl?: string;
  panel?: Panel;
  /** The details once read (the element's `loaded()` shows "Loading…" until then). */
  details: (show: (details: CustomerDetails) => unknown) => unknown;
  maxNoteLength?: number;
  name(id: string): string;
  menuKey(event: KeyboardEvent): void;
  /** A menu item was chosen: the menu closes. */
  chosen(): void;
  openPanel(panel?: Panel): void;
  block(id: string, block: boolean): void;
  closeChat(): void;
  saveNote(event: SubmitEvent): void;
  /** The last command's refusal and outcome: in the open panel, since the modal panel covers the rest. */
  feedback: unknown;
}

export const styles: CSSResult = css`
  [role='menu'] { padding: 4px; }
  [role='menuitem'] { padding: 8px 10px; white-space: nowrap; }
  dialog { inline-size: 22rem; padding: 12px; }
  ul { display: grid; gap: 6px; }
  dl, form, ul { margin: var(--_gap) 0 0; }
  textarea { resize: vertical; }
  form button { justify-self: end; }
  li span { flex: 1; }
`;

/**
 * Provider side: customer details, block or unblock, the blocked list, close. Customer side: "call
 * instead" (the host's link), block or unblock, the blocked list, close.
 */
export function renderMenu(host: MenuHost) {
  const { t, other, blocked } = host;
  const isBlocked = blocked.includes(other);
  // Only absolute http(s) links, so a host's "call instead" URL can never run script.
  const call = safeUrl(host.callUrl);
  const item = (label: string, action: () => unknown) => html`<button part="item" role="menuitem" tabindex="-1" @click=${action}>${label}</button>`;
  return html`<div part="menu" id="menu" popover="manual" data-anchor="button" role="menu" aria-labelledby="button" @keydown=${host.menuKey} @click=${host.chosen}>
    ${host.customer
      ? call ? html`<a part="item" role="menuitem" tabindex="-1" href=${call} target="_blank" rel="noopener noreferrer">${t.callInstead}</a>` : nothing
      : item(t.details, () => host.openPanel('details'))}
    ${item((isBlocked ? t.unblock : t.block)(host.name(other)), () => host.block(other, !isBlocked))}
    ${blocked.length ? item(t.blockedList(blocked.length), () => host.openPanel('blocked')) : nothing}
    ${item(t.closeChat, host.closeChat)}
  </div>`;
}

/**
 * The open panel (its part is its name): a modal dialog, titled by a heading the menu focuses when
 * it opens. Escape or Close shut it and give the focus back to the menu button.
 */
export function renderPanel(host: MenuHost) {
  const { t, panel, blocked, name } = host;
  const details = panel === 'details';
  return html`<dialog part=${panel!} aria-labelledby="panel-title" @close=${() => host.openPanel()}>
    <div class="row"><h3 id="panel-title" tabindex="-1">${details ? t.detailsTitle(name(host.customerId)) : t.blockedList(blocked.length)}</h3>
      <button @click=${() => host.openPanel()}>${t.close}</button></div>
    ${details ? detailsBody(host)
      : blocked.length
        ? html`<ul>${blocked.map((id) => html`<li class="row"><span>${name(id)}</span>
            <button aria-label=${t.unblock(name(id))} @click=${() => host.block(id, false)}>${t.unblockShort}</button></li>`)}</ul>`
        : html`<p class="muted">${t.noneBlocked}</p>`}
    ${host.feedback}
  </dialog>`;
}

function detailsBody({ t, details, maxNoteLength, saveNote }: MenuHost) {
  const when = (at?: number) => (at === undefined ? t.none : timeTag(at));
  return details((d) => html`
    ${figures([
      [t.firstContact, when(d.firstContactAt)],
      [t.volleys, d.volleys],
      [t.tributes, t.tributeSummary(d.tributes.count, formatMoney(d.tributes.totalCents))],
      [t.lastMessage, when(d.lastMessageAt)],
    ])}
    <form @submit=${saveNote}>
      <label for="note">${t.note}</label>
      <textarea id="note" name="note" part="note" rows="3" maxlength=${maxNoteLength ?? nothing} .value=${d.note}></textarea>
      <button type="submit" class="primary">${t.saveNote}</button>
    </form>`);
}
