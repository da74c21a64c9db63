import { css } from 'lit';

export const gearMenuStyles = css`
  :host { display: inline-block; }
  .wrap { position: relative; }
  .popover { inset-block-start: calc(100% + 4px); inset-inline-end: 0; padding: 4px; }
  [role='menuitem'] { padding: 8px 10px; white-space: nowrap; }
  .status, .error { font-size: 0.9em; }
  .panel { margin-block-start: var(--_gap); min-inline-size: 16rem; }
  ul { display: grid; gap: 6px; }
  dl, form, ul { margin: var(--_gap) 0 0; }
  textarea { resize: vertical; }
  form button { justify-self: end; }
  li span { flex: 1; }
`;
