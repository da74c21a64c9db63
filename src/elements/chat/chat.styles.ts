import { css } from 'lit';

// On narrow hosts one pane at a time: the list, or the open chat with a way back.
export const chatStyles = css`
  :host {
    container-type: inline-size; contain: content; height: var(--volley-height, 100%); min-height: 320px;
    background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); overflow: hidden;
  }
  .layout { display: grid; grid-template-columns: minmax(14rem, 18rem) 1fr; grid-template-rows: fit-content(50%) minmax(0, 1fr); height: 100%; }
  /* Offers span both panes, whichever is shown, and take at most half the height (they scroll beyond it). */
  volley-incoming { grid-column: 1 / -1; min-block-size: 0; overflow: auto; }
  aside, main { grid-row: 2; }
  aside { border-inline-end: 1px solid var(--_border); overflow: auto; }
  aside, main { display: flex; flex-direction: column; }
  main, volley-thread, volley-feed { min-width: 0; min-height: 0; }
  volley-thread, volley-feed { flex: 1; }
  header { flex-wrap: nowrap; padding: 8px 12px; border-block-end: 1px solid var(--_border); min-height: 48px; }
  h2 { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  h2 .order { font-weight: normal; font-size: 0.85em; color: var(--_muted); }
  .back { display: none; }
  volley-composer { border-block-start: 1px solid var(--_border); }
  main > .error { margin: 6px 12px; }
  .empty { margin: auto; padding: 24px; text-align: center; color: var(--_muted); }
  @container (max-width: 600px) {
    .layout { grid-template-columns: 1fr; }
    .open aside, .layout:not(.open) main { display: none; }
    .back { display: inline-flex; }
  }
`;
