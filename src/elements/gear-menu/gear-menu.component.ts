import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import type { CustomerDetails } from '../../model/types.js';
import { StoreController } from '../shared/store-controller.js';
import { baseStyles } from '../shared/styles.js';
import { ConversationElement } from '../shared/command-element.js';
import { FirstUse } from '../shared/first-use.js';
import { TopLayer } from '../shared/layer.js';
import { kitStyles } from '../shared/parts.js';
import type { MenuHost, Panel } from './gear-menu.menu.js';
import { gearMenuStyles } from './gear-menu.styles.js';
import { gearMenuStrings } from './gear-menu.strings.js';

/** The menu and its panels, loaded when the menu is first opened. */
const gearMenu = () => import('./gear-menu.menu.js');

/**
 * The gear menu of one chat (P5–P7). Provider side: customer details with history and a private
 * note, block or unblock, close. Customer side: "call instead" (the host's link), block or
 * unblock, close. Both see their blocked list with unblock. A menu button opens a menu operated
 * by arrow keys, Home/End and Escape (which closes it and returns focus to the button). The
 * menu and its panels (details, blocked list) load when the menu is first opened.
 *
 * @csspart button - the menu button
 * @csspart menu - the menu
 * @csspart item - a menu item
 * @csspart details - the customer details panel
 * @csspart figures - the customer's history in the details panel
 * @csspart time - a date in the details panel
 * @csspart note - the private note's textarea
 * @csspart blocked - the blocked list panel
 * @csspart error - why the last command was refused
 * @cssprop --volley-bg - the menu's background
 * @cssprop --volley-border - the menu's border
 * @event volley-block - before someone is blocked or unblocked (`userId`, `block`)
 * @event volley-close - before the chat is closed for me (`conversationId`)
 * @event volley-error - a command was refused (`code`, `message`)
 */
export class VolleyGearMenu extends ConversationElement<typeof gearMenuStrings> {
  static override styles = [baseStyles, kitStyles, gearMenuStyles];
  static override properties: PropertyDeclarations = {
    callUrl: { attribute: 'call-url' },
    open: { state: true },
    panel: { state: true },
    details: { state: true },
    status: { state: true },
  };
  protected override defaults = gearMenuStrings;

  /** The host's "call instead" page for customers (http or https only). */
  callUrl?: string;

  private open = false;
  private panel?: Panel;
  private details?: CustomerDetails;
  private status = '';

  #blocked = new StoreController(this, (s) => s.blocked, [] as readonly string[]);
  readonly #menu = new FirstUse(this, gearMenu);

  constructor() {
    super();
    // The menu and the panels open in the top layer: the chat's header clips nothing.
    new TopLayer(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another chat: nothing of the previous one stays open.
    if (changed.has('conversationId') && changed.get('conversationId') !== undefined) {
      this.open = false;
      this.panel = this.details = this.error = undefined;
      this.status = '';
    }
  }

  /** The display name of a person or party, from any chat that names them (names are read, not watched). */
  #name(id: string): string {
    return Object.values(this.client?.state.conversations ?? {}).find((c) => c.names[id])?.names[id] ?? id;
  }

  protected override render() {
    const t = this.t;
    const c = this.conversation.value;
    const customer = this.me?.role === 'customer';
    const other = c && (customer ? c.providerId : c.customerId);
    const menu = this.#menu.module;
    const panel = this.panel && menu;
    const feedback = html`${this.errorAlert()}<p role="status" class="status">${this.status}</p>`;
    const host: MenuHost | undefined = c && other ? {
      t, customer, other, customerId: c.customerId, conversationId: this.conversationId, blocked: this.#blocked.value, callUrl: this.callUrl,
      panel: this.panel, maxNoteLength: this.policy?.messages.maxNoteLength, details: (show) => this.loaded(this.details, show),
      name: (id) => this.#name(id), el: this, set: (state) => Object.assign(this, state), run: (event, command) => this.run(event, command), feedback,
    } : undefined;
    return html`
      <div class="wrap" @focusout=${this.#onFocusOut}>
        <button part="button" id="button" aria-haspopup="menu" aria-expanded=${this.open} aria-controls="menu" aria-label=${t.menu}
          ?disabled=${!c} @click=${() => this.#setOpen(!this.open)} @keydown=${this.#onButtonKey}><span aria-hidden="true">⚙</span></button>
        ${this.open && host ? this.loaded(menu, () => menu!.renderMenu(host)) : nothing}
      </div>
      ${panel && host ? menu.renderPanel(host) : feedback}
    `;
  }

  /** Opens or closes the menu; an opened menu focuses its first item, or its last. */
  async #setOpen(open: boolean, last = false): Promise<void> {
    this.open = open;
    if (open) await this.#menu.load();
    await this.updateComplete;
    if (open) [...this.renderRoot.querySelectorAll<HTMLElement>('[role=menuitem]')].at(last ? -1 : 0)?.focus();
  }

  #onButtonKey(event: KeyboardEvent): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    void this.#setOpen(true, event.key === 'ArrowUp');
  }

  #onFocusOut(event: FocusEvent): void {
    if (!this.renderRoot.contains(event.relatedTarget as Node | null)) this.open = false;
  }
}
