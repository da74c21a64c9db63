import { css, html, nothing, type CSSResult } from 'lit';
import type { ChatClient } from '../../client/client.js';
import type { VolleySelectEvent } from '../events/events.js';

// The launcher loads this module, with volley-chat's definition, on first open; it has no effect of its own.

/** What the panel shows and calls back; the launcher hands it over on each render. */
export interface PanelHost {
  client?: ChatClient;
  strings: object;
  theme?: string;
  conversationId?: string;
  title: string;
  closeLabel: string;
  close(): void;
  select(event: VolleySelectEvent): void;
}

// On wide screens the panel rises above the bubble; small visible areas (the launcher's size is
// the visual viewport's) get all of it.
export const styles: CSSResult = css`
  [part='panel'] {
    position: absolute; pointer-events: auto; inset-block-end: calc(var(--_size) + var(--_offset) + 12px); inset-inline-end: var(--_offset);
    display: flex; flex-direction: column; overflow: hidden;
    inline-size: min(var(--volley-panel-width, 380px), 100% - 2 * var(--_offset));
    block-size: min(var(--volley-panel-height, 600px), 100% - var(--_size) - 2 * var(--_offset) - 12px);
    background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); box-shadow: 0 8px 32px rgb(0 0 0 / 0.25);
  }
  :host([position='start']) [part='panel'] { inset-inline: var(--_offset) auto; }
  [part='panel']:focus { outline: none; }
  [part='header'] { display: flex; align-items: center; padding-inline-start: 12px; border-block-end: 1px solid var(--_border); }
  h2 { flex: 1; margin: 0; font-size: 1em; }
  [part='close'] { border: 0; background: none; min-inline-size: 44px; min-block-size: 44px; }
  volley-chat { flex: 1; min-block-size: 0; border: 0; border-radius: 0; }
  @container (max-width: 600px) or (max-height: 500px) {
    [part='panel'], :host([position]) [part='panel'] { inset: 0; inline-size: 100%; block-size: 100%; border: 0; border-radius: 0; }
    [part='panel'] ~ .bubble { display: none; }
  }
`;

/** The launcher's keys while its panel is open: Escape closes it, unless it closed something inside (a pop-over, a dialog). */
export function escape(event: KeyboardEvent): void {
  const inDialog = event.composedPath().some((node) => node instanceof HTMLDialogElement && node.open);
  if (event.key === 'Escape' && !event.defaultPrevented && !inDialog) {
    event.preventDefault();
    (event.currentTarget as HTMLElement & { hide(): void }).hide();
  }
}

export const renderPanel = (host: PanelHost) => html`<div part="panel" id="panel" role="dialog" aria-labelledby="title" tabindex="-1">
  <div part="header"><h2 id="title">${host.title}</h2><button part="close" aria-label=${host.closeLabel} @click=${host.close}>✕</button></div>
  <volley-chat part="chat" .client=${host.client} .strings=${host.strings} theme=${host.theme ?? nothing}
    conversation-id=${host.conversationId ?? nothing} @volley-select=${host.select}></volley-chat>
</div>`;
