import { html, nothing, type PropertyDeclarations } from 'lit';
import { selectHasUnread } from '../../client/state.js';
import { VolleyToggleEvent, type VolleySelectEvent } from '../events/events.js';
import { FirstUse } from '../shared/first-use.js';
import { followVisibleArea, visibleArea } from '../shared/layer.js';
import { StoreController } from '../shared/store-controller.js';
import { baseStyles } from '../shared/styles.js';
import { VolleyElement } from '../shared/volley-element.js';
import { launcherStyles } from './launcher.styles.js';
import { launcherStrings } from './launcher.strings.js';

/** The panel with the chat it holds, loaded on first open. */
const panelPart = () => Promise.all([import('./launcher.panel.js'), import('../chat/chat.js')]).then(([panel]) => panel);

/**
 * A chat bubble for any page: a round button at the bottom corner with a dot while a chat is
 * unread, opening a panel with `volley-chat` inside (its elements load on first open). Escape or
 * the close button shut the panel and give the focus back to the bubble. Bubble and panel follow
 * the visual viewport (what is on screen: a page wider than a phone, a pinch zoom, an on-screen
 * keyboard move and shrink it); on narrow screens the panel covers all of it.
 *
 * @csspart bubble - the round button that opens and closes the panel
 * @csspart unread - the dot on the bubble while a chat is unread
 * @csspart panel - the panel (a non-modal dialog)
 * @csspart header - the panel's title bar
 * @csspart close - the panel's close button
 * @csspart chat - the `volley-chat` inside the panel
 * @cssprop --volley-launcher-size - the bubble's diameter (default 56px)
 * @cssprop --volley-launcher-offset - the distance from the viewport's edges (default 16px)
 * @cssprop --volley-launcher-z-index - the stacking order of bubble and panel
 * @cssprop --volley-panel-width - the panel's width on wide screens (default 380px)
 * @cssprop --volley-panel-height - the panel's height on wide screens (default 600px)
 * @event volley-toggle - the panel opened or closed (`open`)
 */
export class VolleyLauncher extends VolleyElement<typeof launcherStrings> {
  static override styles = [baseStyles, launcherStyles];
  static override properties: PropertyDeclarations = {
    theme: { reflect: true },
    position: { reflect: true },
    conversationId: { attribute: 'conversation-id' },
    opened: { state: true },
  };
  protected override defaults = launcherStrings;

  /** `light` (default), `dark`: the built-in palettes, handed to the chat inside. */
  theme?: 'light' | 'dark';
  /** Which bottom corner: `end` (default; the right in left-to-right pages) or `start`. */
  position?: 'start' | 'end';
  /** The chat to open first. */
  conversationId?: string;

  private opened = false;
  /** The chat last opened in the panel: it opens again there. */
  #lastChat?: string;
  /** What the last show/hide asked for: the panel may still be loading. */
  #wanted = false;
  readonly #unread = new StoreController(this, selectHasUnread, false);
  /** The panel, with the chat it holds, loads on first open (or as the pointer or focus reaches the bubble). */
  readonly #panel = new FirstUse(this, panelPart);
  #stopViewport?: () => void;

  /** Whether the panel is open. */
  get isOpen(): boolean {
    return this.opened;
  }

  /** Opens the panel and moves the focus into it; with a conversation id, on that chat (a chat card's way in). */
  show(conversationId?: string): void {
    if (conversationId) this.#lastChat = conversationId;
    void this.#toggle(true).then(() => {
      // Already open on another chat (or the list): this one, even when it was the last asked for.
      const chat = conversationId && this.renderRoot.querySelector('volley-chat');
      if (chat) {
        chat.conversationId = undefined;
        chat.conversationId = conversationId;
      }
    });
  }

  /** Closes the panel and gives the focus back to the bubble. */
  hide(): void {
    void this.#toggle(false);
  }

  /** Opens the panel when closed, closes it when open (what the bubble does). */
  toggle(): void {
    void this.#toggle(!this.opened);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Bubble and panel stay in the visual viewport: the launcher covers it (launcher.styles.ts).
    this.#stopViewport = followVisibleArea(() => {
      const area = visibleArea();
      for (const [name, value] of Object.entries(area)) this.style.setProperty(`--_area-${name}`, `${value}px`);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopViewport?.();
  }

  readonly #loadPanel = () => this.#panel.load();

  async #toggle(open: boolean): Promise<void> {
    this.#wanted = open;
    // Escape closes the panel: its handler comes with it (one function: added once).
    if (open) this.addEventListener('keydown', (await this.#loadPanel()).escape);
    if (open !== this.#wanted || open === this.opened) return;
    this.opened = open;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(open ? '[part=panel]' : '[part=bubble]')?.focus();
    this.dispatchEvent(new VolleyToggleEvent(open));
  }

  protected override render() {
    const t = this.t;
    const open = this.opened;
    return html`
      ${open ? this.#panel.module!.renderPanel({
        client: this.client, strings: this.strings, theme: this.theme, conversationId: this.#lastChat ?? this.conversationId,
        title: t.panelTitle, closeLabel: t.closeLauncher, close: () => this.hide(),
        select: (event: VolleySelectEvent) => (this.#lastChat = event.conversationId),
      }) : nothing}
      <button part="bubble" class="bubble" aria-expanded=${open} aria-controls="panel" @click=${this.toggle}
        @pointerenter=${this.#loadPanel} @focus=${this.#loadPanel}>
        <svg viewBox="0 0 24 24" aria-hidden="true"><path d=${open ? 'M6 6l12 12M18 6L6 18' : 'M4 5h16v11H9l-5 4z'} /></svg>
        <span class="visually-hidden">${open ? t.closeLauncher : t.openLauncher}</span>
        ${this.#unread.value && !open ? html`<span part="unread" class="dot"><span class="visually-hidden">${t.unreadMessages}</span></span>` : nothing}
      </button>`;
  }
}
