import { css } from 'lit';

export const tributeButtonStyles = css`
  :host { display: inline-block; position: relative; }
  p { margin: 4px 0 0; }
  [role='dialog'] {
    position: absolute; inset-block-end: calc(100% + 4px); inset-inline-start: 0; z-index: 2; inline-size: max-content; max-inline-size: 20rem;
    padding: calc(var(--_gap) * 1.5); background: var(--_bg);
    border: 1px solid var(--_border); border-radius: var(--_radius); box-shadow: 0 4px 16px rgb(0 0 0 / 0.18);
  }
  form { display: grid; gap: var(--_gap); }
  h2 { font-size: 1em; margin: 0; }
  .presets { display: flex; flex-wrap: wrap; gap: 6px; }
  .presets button[aria-pressed='true'] { background: var(--_accent); color: var(--_accent-fg); border-color: var(--_accent); }
  label { display: grid; gap: 2px; }
  input, textarea {
    font-size: max(16px, 1em); padding: 6px 8px; background: var(--_bg);
    border: 1px solid var(--_border); border-radius: calc(var(--_radius) / 2);
  }
  textarea { resize: vertical; min-block-size: 3em; }
  .actions { display: flex; justify-content: flex-end; gap: var(--_gap); }
  .success { color: var(--_success); }
`;
