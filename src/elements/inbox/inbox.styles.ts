import { css } from 'lit';

export const inboxStyles = css`
  :host { contain: content; }
  .header { display: flex; align-items: center; gap: var(--_gap); margin-block-end: var(--_gap); }
  h2 { font-size: 1em; margin: 0; }
  .dot { display: inline-block; inline-size: 10px; block-size: 10px; border-radius: 50%; background: var(--_accent); flex: none; }
  fieldset { display: flex; flex-wrap: wrap; gap: 4px; border: 0; padding: 0; margin: 0 0 var(--_gap); }
  fieldset label { border: 1px solid var(--_border); border-radius: calc(var(--_radius) / 2); padding: 4px 10px; cursor: pointer; }
  fieldset label:has(:checked) { background: var(--_accent); color: var(--_accent-fg); border-color: var(--_accent); }
  fieldset label:has(:focus-visible) { outline: 2px solid var(--_accent); outline-offset: 2px; }
  fieldset input { position: absolute; opacity: 0; inline-size: 1px; block-size: 1px; margin: 0; }
  [role='listbox'] { display: flex; flex-direction: column; gap: 2px; }
  [role='option'] {
    display: grid; gap: 2px; padding: 8px 10px; border-radius: calc(var(--_radius) / 2); cursor: pointer;
    border-inline-start: 3px solid transparent;
  }
  [role='option']:hover { background: var(--_surface); }
  [role='option'][aria-selected='true'] { background: var(--_surface); border-inline-start-color: var(--_accent); }
  .top { display: flex; align-items: center; gap: var(--_gap); }
  .name { flex: 1; min-inline-size: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .unread .name { font-weight: 600; }
  time { color: var(--_muted); font-size: 0.85em; }
  .preview { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 0.9em; }
  .badges { display: flex; flex-wrap: wrap; gap: 4px; }
  .badge { font-size: 0.8em; padding: 0 6px; border-radius: 999px; border: 1px solid var(--_border); }
  .queued { color: var(--_danger); border-color: currentColor; }
`;
