import { css } from 'lit';

export const gearMenuStyles = css`
  :host { position: relative; display: inline-block; }
  .wrap { position: relative; display: inline-block; }
  #button { min-inline-size: 36px; font-size: 1.1em; line-height: 1; }
  [role='menu'] {
    position: absolute; inset-block-start: calc(100% + 4px); inset-inline-end: 0; z-index: 10; min-inline-size: 12rem;
    display: flex; flex-direction: column; padding: 4px; background: var(--_bg); border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2); box-shadow: 0 4px 16px rgb(0 0 0 / 0.15);
  }
  [role='menuitem'] {
    display: block; text-align: start; border: 0; background: none; color: var(--_fg); text-decoration: none;
    padding: 8px 10px; border-radius: 4px; white-space: nowrap; min-height: 32px;
  }
  [role='menuitem']:hover, [role='menuitem']:focus { background: var(--_surface); }
  .status:empty { display: none; }
  .status, .error { margin: 4px 0 0; font-size: 0.9em; }
  .panel { margin-block-start: var(--_gap); padding: 12px; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_bg); min-inline-size: 16rem; }
  .panel-head { display: flex; align-items: center; justify-content: space-between; gap: var(--_gap); }
  h3 { font-size: 1em; margin: 0; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; margin: var(--_gap) 0; }
  dl div { display: contents; }
  dt { color: var(--_muted); }
  dd { margin: 0; }
  form { display: grid; gap: 6px; }
  textarea { inline-size: 100%; resize: vertical; border: 1px solid var(--_border); border-radius: 6px; padding: 6px; background: var(--_bg); }
  form button { justify-self: end; }
  ul { list-style: none; margin: var(--_gap) 0 0; padding: 0; display: grid; gap: 6px; }
  li { display: flex; align-items: center; justify-content: space-between; gap: var(--_gap); }
`;
