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

// On wide screens the panel rises above the bubble; narrow screens get the whole visual viewport
// (set by `followViewport` while open) or, without that API, the dynamic viewport.
export const styles: CSSResult = css`
  [part='panel'] {
    position: absolute; inset-block-end: calc(var(--_size) + 12px); inset-inline-end: 0;
    display: flex; flex-direction: column; overflow: hidden;
    inline-size: min(var(--volley-panel-width, 380px), calc(100vw - 2 * var(--_offset)));
    block-size: min(var(--volley-panel-height, 600px), calc(100dvh - var(--_size) - 2 * var(--_offset) - 12px));
    background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); box-shadow: 0 8px 32px rgb(0 0 0 / 0.25);
  }
  :host([position='start']) [part='panel'] { inset-inline: 0 auto; }
  [part='panel']:focus { outline: none; }
  [part='header'] { display: flex; align-items: center; padding-inline-start: 12px; border-block-end: 1px solid var(--_border); }
  h2 { flex: 1; margin: 0; font-size: 1em; }
  [part='close'] { border: 0; background: none; min-inline-size: 44px; min-block-size: 44px; }
  volley-chat { flex: 1; min-block-size: 0; border: 0; border-radius: 0; }
  @media (max-width: 600px), (max-height: 500px) {
    [part='panel'] {
      position: fixed; inset: var(--_viewport-top, 0) 0 auto; inline-size: 100%; block-size: var(--_viewport-height, 100dvh);
      border: 0; border-radius: 0;
    }
    [part='panel'] ~ .bubble { display: none; }
  }
`;

export const renderPanel = (host: PanelHost) => html`<div part="panel" id="panel" role="dialog" aria-labelledby="title" tabindex="-1">
  <div part="header"><h2 id="title">${host.title}</h2><button part="close" aria-label=${host.closeLabel} @click=${host.close}>✕</button></div>
  <volley-chat part="chat" .client=${host.client} .strings=${host.strings} theme=${host.theme ?? nothing}
    conversation-id=${host.conversationId ?? nothing} @volley-select=${host.select}></volley-chat>
</div>`;

/**
 * Keeps `element`'s `--_viewport-height` and `--_viewport-top` on the visual viewport: on phones
 * the panel shrinks above the on-screen keyboard instead of hiding the composer under it (`100dvh`
 * alone does not, on iOS). Returns the function that stops it.
 */
export function followViewport(element: HTMLElement): () => void {
  const viewport = window.visualViewport;
  if (!viewport) return () => undefined;
  const fit = () => {
    element.style.setProperty('--_viewport-height', `${viewport.height}px`);
    element.style.setProperty('--_viewport-top', `${viewport.offsetTop}px`);
  };
  const stop = new AbortController();
  viewport.addEventListener('resize', fit, stop);
  viewport.addEventListener('scroll', fit, stop);
  fit();
  return () => stop.abort();
}
