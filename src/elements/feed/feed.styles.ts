import { css } from 'lit';

export const feedStyles = css`
  :host { contain: content; display: flex; flex-direction: column; gap: var(--_gap); min-block-size: 0; }
  .log, ol { flex: 1; min-block-size: 0; display: flex; flex-direction: column; }
  ol { gap: 6px; overflow: auto; }
  li { display: grid; gap: 2px; padding: 6px 10px; border-radius: var(--_radius); background: var(--_theirs); color: var(--_theirs-fg); max-inline-size: 85%; align-self: flex-start; }
  .mine { align-self: flex-end; background: var(--_mine); color: var(--_mine-fg); }
  .mine a { color: inherit; }
  .system { background: none; align-self: center; font-size: 0.9em; text-align: center; }
  li:has(> .order) { background: none; padding: 0; max-inline-size: none; align-self: stretch; }
  .author, .badge, .title { font-weight: 600; }
  .author { font-size: 0.85em; }
  .text { white-space: pre-wrap; overflow-wrap: anywhere; }
  .order { text-align: start; border-radius: var(--_radius); padding: 8px 12px; }
  .badge { background: var(--_accent); color: var(--_accent-fg); }
  .title { flex: 1; }
`;
