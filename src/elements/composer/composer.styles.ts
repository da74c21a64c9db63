import { css } from 'lit';

// The picker grows from its own width (not from 0), so a narrow toolbar wraps instead of overlapping.
export const composerStyles = css`
  :host { padding: var(--_gap); background: var(--_bg); border-block-start: 1px solid var(--_border); }
  p { margin: 0 0 var(--_gap); }
  textarea { display: block; inline-size: 100%; min-block-size: 2.6em; max-block-size: 10em; field-sizing: content; resize: none; padding: 8px 10px; border-radius: var(--_radius); }
  .toolbar { display: flex; flex-wrap: wrap; align-items: flex-start; gap: var(--_gap); margin-block-start: var(--_gap); }
  volley-attachment-picker { flex: 1 1 auto; min-inline-size: 0; }
`;
