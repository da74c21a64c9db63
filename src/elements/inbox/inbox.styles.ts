import { css } from 'lit';

export const inboxStyles = css`
  :host { contain: content; background: var(--_bg); }
  [part='header'], fieldset { margin-block-end: var(--_gap); }
  /* The status dots at the end of the header keep clear of a clipping edge. */
  [part='header'] { padding-inline-end: 4px; }
  .dot { background: var(--_accent); border-color: var(--_accent); }
  [role='listbox'], [role='option'] { display: grid; gap: 2px; }
  [role='option'] { padding: 8px 10px; border-radius: calc(var(--_radius) / 2); cursor: pointer; border-inline-start: 3px solid transparent; }
  [role='option']:hover, [aria-selected='true'] { background: var(--_surface); }
  [aria-selected='true'] { border-inline-start-color: var(--_accent); }
  .name, .preview, .order { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .name { flex: 1; min-inline-size: 0; }
  .unread .name { font-weight: 600; }
  time { color: var(--_muted); }
  .preview, .order { font-size: 0.9em; }
  .row:empty { display: none; }
  .badge { border: 1px solid var(--_border); }
  .queued { color: var(--_danger); border-color: currentColor; }
`;
