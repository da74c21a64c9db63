import { css } from 'lit';

export const composerStyles = css`
  :host { position: relative; padding: var(--_gap); background: var(--_bg); border-block-start: 1px solid var(--_border); }
  p { margin: 0 0 var(--_gap); }
  textarea {
    display: block; inline-size: 100%; min-block-size: 2.6em; max-block-size: 10em; field-sizing: content; resize: none;
    /* 16px at least: iOS zooms into smaller inputs. */
    font-size: max(16px, 1em); padding: 8px 10px; background: var(--_bg);
    border: 1px solid var(--_border); border-radius: var(--_radius);
  }
  textarea:disabled { background: var(--_surface); cursor: not-allowed; }
  .toolbar { display: flex; flex-wrap: wrap; align-items: flex-start; gap: var(--_gap); margin-block-start: var(--_gap); }
  volley-attachment-picker { flex: 1; min-inline-size: 0; }
  .popover {
    position: absolute; inset-block-end: 100%; inset-inline-start: var(--_gap); z-index: 2; max-inline-size: calc(100% - 2 * var(--_gap));
    background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); padding: var(--_gap);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.18);
  }
  [role='menu'] { display: flex; flex-direction: column; gap: 2px; min-inline-size: 14rem; max-block-size: 20rem; overflow-y: auto; }
  [role='group'] { display: flex; flex-direction: column; gap: 2px; }
  .group-label { color: var(--_muted); font-size: 0.85em; padding: 4px 8px 0; }
  [role='menuitem'] { text-align: start; border-color: transparent; background: transparent; }
  [role='menuitem']:hover, [role='menuitem']:focus { background: var(--_surface); }
  form { display: grid; gap: var(--_gap); min-inline-size: 14rem; }
  label { display: grid; gap: 2px; }
  input { font-size: max(16px, 1em); padding: 6px 8px; border: 1px solid var(--_border); border-radius: calc(var(--_radius) / 2); background: var(--_bg); }
  .actions { display: flex; justify-content: flex-end; gap: var(--_gap); }
  .warning { color: var(--_danger); }
  emoji-picker { --background: var(--_bg); --border-color: var(--_border); --input-font-color: var(--_fg); }
`;
