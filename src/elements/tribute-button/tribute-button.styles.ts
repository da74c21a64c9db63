import { css } from 'lit';

export const tributeButtonStyles = css`
  :host { display: inline-block; position: relative; }
  p { margin: 4px 0 0; }
  .popover { inset-block-end: 100%; inset-inline-start: 0; max-inline-size: 20rem; }
  h2 { font-size: 1em; margin: 0; }
  [part='presets'] { display: flex; flex-wrap: wrap; gap: 6px; }
  .success { color: var(--_success); }
`;
