import { css } from 'lit';

export const chatStyles = css`
  :host {
    container-type: inline-size;
    contain: content;
    height: var(--volley-height, 100%);
    min-height: 320px;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  .layout { display: grid; grid-template-columns: minmax(14rem, 18rem) 1fr; height: 100%; }
  aside { border-inline-end: 1px solid var(--_border); overflow: auto; display: flex; flex-direction: column; }
  main { display: flex; flex-direction: column; min-width: 0; min-height: 0; }
  header {
    display: flex; align-items: center; gap: var(--_gap); padding: 8px 12px;
    border-block-end: 1px solid var(--_border); min-height: 48px;
  }
  header h2 { font-size: 1em; margin: 0; flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .back { display: none; }
  volley-thread, volley-feed { flex: 1; min-height: 0; }
  volley-composer { border-block-start: 1px solid var(--_border); }
  .empty { margin: auto; padding: 24px; text-align: center; color: var(--_muted); }
  .tabs { display: flex; gap: 4px; }
  .tabs button[aria-pressed='true'] { background: var(--_accent); color: var(--_accent-fg); border-color: var(--_accent); }
  /* One pane at a time on narrow hosts: the list, or the open chat with a way back. */
  @container (max-width: 600px) {
    .layout { grid-template-columns: 1fr; }
    .layout.open aside { display: none; }
    .layout:not(.open) main { display: none; }
    .back { display: inline-flex; }
  }
`;
