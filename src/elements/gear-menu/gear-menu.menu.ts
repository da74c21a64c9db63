import { css, html, nothing, type CSSResult, type ReactiveElement } from 'lit';
import type { ChatClient } from '../../client/client.js';
import type { CustomerDetails } from '../../model/types.js';
import { VolleyBlockEvent, VolleyCloseEvent } from '../events/events.js';
import { formatMoney } from '../shared/format.js';
import { figures, timeTag } from '../shared/parts.js';
import { safeUrl } from '../shared/rich-text.js';
import { popoverKeys } from '../shared/roving.js';
import type { CommonStrings } from '../shared/strings.js';
import type { gearMenuStrings } from './gear-menu.strings.js';

// The gear menu loads this module, its menu and panels (customer details, the blocked list) with
// what their items do, when the menu is first opened. It has no effect of its own.

export type Panel = 'details' | 'blocked';

/** What the menu and a panel show and call back; the element hands it over on each render. */
export interface MenuHost {
  t: typeof gearMenuStrings & CommonStrings;
  customer: boolean;
  /** The other side of the chat. */
  other: string;
  /** The chat's customer, whose details show. */
  customerId: string;
  conversationId: string;
  blocked: readonly string[];
  callUrl?: string;
  panel?: Panel;
  /** The details once read (the element's `loaded()` shows "Loading…" until then). */
  details: (show: (details: CustomerDetails) => unknown) => unknown;
  maxNoteLength?: number;
  name(id: string): string;
  /** The element: its shadow root, where the focus goes, and its updates. */
  el: ReactiveElement;
  /** Changes the element's state: the menu open or not, the open panel, the details read, the outcome shown. */
  set(state: { open?: boolean; panel?: Panel; details?: CustomerDetails; status?: string }): void;
  /** The element's way to run a command: its intent event first, then busy state and refusal. */
  run(event: Event | undefined, command: (client: ChatClient) => Promise<unknown>): Promise<void> | undefined;
  /** The last command's refusal and outcome: in the open panel, since the modal panel covers the rest. */
  feedback: unknown;
}

const items = ({ el }: MenuHost) => [...el.renderRoot.querySelectorAll<HTMLElement>('[role=menuitem]')];

/** The menu's keys: the arrows, Home and End move between the items; Escape and Tab close it. */
function menuKey(host: MenuHost, event: KeyboardEvent): void {
  popoverKeys(event, (focusButton) => {
    if (focusButton) host.el.renderRoot.querySelector<HTMLElement>('#button')!.focus();
    host.set({ open: false });
  }, items(host));
}

/** Opens a panel and focuses its heading (or, closing it, gives the focus back to the menu button); the details are read then. */
async function openPanel(host: MenuHost, panel?: Panel): Promise<void> {
  const { el, customerId } = host;
  host.set({ panel, details: undefined, status: '' });
  await el.updateComplete;
  el.renderRoot.querySelector<HTMLElement>(panel ? 'h3' : '#button')?.focus();
  if (panel === 'details') await host.run(undefined, async (client) => host.set({ details: await client.customerDetails(customerId) }));
}

function saveNote(host: MenuHost, event: SubmitEvent): void {
  event.preventDefault();
  const note = new FormData(event.target as HTMLFormElement).get('note') as string;
  void host.run(undefined, async (client) => host.set({ details: await client.setNote(host.customerId, note), status: host.t.noteSaved }));
}

function block(host: MenuHost, userId: string, block: boolean): void {
  void host.run(new VolleyBlockEvent(userId, block), async (client) => {
    await client[block ? 'block' : 'unblock'](userId);
    host.set({ status: (block ? host.t.blockedDone : host.t.unblockedDone)(host.name(userId)) });
  });
}

function closeChat(host: MenuHost): void {
  const { conversationId } = host;
  void host.run(new VolleyCloseEvent(conversationId), async (client) => {
    await client.closeConversation(conversationId);
    host.set({ status: host.t.closedDone });
  });
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
  return html`<div part="menu" id="menu" popover="manual" data-anchor="button" role="menu" aria-labelledby="button" @keydown=${(e: KeyboardEvent) => menuKey(host, e)} @click=${() => host.set({ open: false })}>
    ${host.customer
      ? call ? html`<a part="item" role="menuitem" tabindex="-1" href=${call} target="_blank" rel="noopener noreferrer">${t.callInstead}</a>` : nothing
      : item(t.details, () => openPanel(host, 'details'))}
    ${item((isBlocked ? t.unblock : t.block)(host.name(other)), () => block(host, other, !isBlocked))}
    ${blocked.length ? item(t.blockedList(blocked.length), () => openPanel(host, 'blocked')) : nothing}
    ${item(t.closeChat, () => closeChat(host))}
  </div>`;
}

/**
 * The open panel (its part is its name): a modal dialog, titled by a heading the menu focuses when
 * it opens. Escape or Close shut it and give the focus back to the menu button.
 */
export function renderPanel(host: MenuHost) {
  const { t, panel, blocked, name } = host;
  const details = panel === 'details';
  return html`<dialog part=${panel!} aria-labelledby="panel-title" @close=${() => openPanel(host)}>
    <div class="row"><h3 id="panel-title" tabindex="-1">${details ? t.detailsTitle(name(host.customerId)) : t.blockedList(blocked.length)}</h3>
      <button @click=${() => openPanel(host)}>${t.close}</button></div>
    ${details ? detailsBody(host)
      : blocked.length
        ? html`<ul>${blocked.map((id) => html`<li class="row"><span>${name(id)}</span>
            <button aria-label=${t.unblock(name(id))} @click=${() => block(host, id, false)}>${t.unblockShort}</button></li>`)}</ul>`
        : html`<p class="muted">${t.noneBlocked}</p>`}
    ${host.feedback}
  </dialog>`;
}

function detailsBody(host: MenuHost) {
  const { t, details, maxNoteLength } = host;
  const when = (at?: number) => (at === undefined ? t.none : timeTag(at));
  return details((d) => html`
    ${figures([
      [t.firstContact, when(d.firstContactAt)],
      [t.volleys, d.volleys],
      [t.tributes, t.tributeSummary(d.tributes.count, formatMoney(d.tributes.totalCents))],
      [t.lastMessage, when(d.lastMessageAt)],
    ])}
    <form @submit=${(e: SubmitEvent) => saveNote(host, e)}>
      <label for="note">${t.note}</label>
      <textarea id="note" name="note" part="note" rows="3" maxlength=${maxNoteLength ?? nothing} .value=${d.note}></textarea>
      <button type="submit" class="primary">${t.saveNote}</button>
    </form>`);
}
