import { css } from 'lit';

export const incomingStyles = css`
  :host { contain: content; }
  :host, .notices { display: grid; gap: var(--_gap); }
  .notices:empty { display: none; }
  article { display: grid; gap: 6px; }
  .row > p { flex: 1; }
  .meta { color: var(--_muted); font-size: 0.9em; }
  .countdown { font-weight: 600; font-variant-numeric: tabular-nums; }
  .urgent, .missed p { color: var(--_danger); }
  .closed, .away { background: var(--_surface); }
`;
