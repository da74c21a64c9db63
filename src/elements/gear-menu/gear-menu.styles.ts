import { css } from 'lit';

export const gearMenuStyles = css`
  :host { display: inline-block; }
  .wrap { position: relative; }
  [role='menu'] { position: absolute; inset-block-start: calc(100% + 4px); inset-inline-end: 0; z-index: 10; display: grid; padding: 4px; box-shadow: 0 4px 16px rgb(0 0 0 / 0.15); }
  [role='menuitem'] { text-align: start; border: 0; background: none; color: inherit; text-decoration: none; padding: 8px 10px; white-space: nowrap; }
  [role='menuitem']:is(:hover, :focus) { background: var(--_surface); }
  .status, .error { font-size: 0.9em; }
  .panel { margin-block-start: var(--_gap); min-inline-size: 16rem; }
  form, ul { display: grid; gap: 6px; }
  dl, form, ul { margin: var(--_gap) 0 0; }
  textarea { resize: vertical; border: 1px solid var(--_border); border-radius: 6px; padding: 6px; background: var(--_bg); }
  form button { justify-self: end; }
  li span { flex: 1; }
`;
