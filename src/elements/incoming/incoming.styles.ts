import { css } from 'lit';

export const incomingStyles = css`
  :host { contain: content; display: grid; gap: var(--_gap); }
  .notices { display: grid; gap: var(--_gap); }
  .notices:empty { display: none; }
  .card { background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); padding: 12px; display: grid; gap: 6px; }
  .card p, h2 { margin: 0; }
  h2 { font-size: 1.05em; }
  .meta { display: flex; flex-wrap: wrap; gap: var(--_gap); color: var(--_muted); font-size: 0.9em; }
  .kind { font-weight: 600; }
  .timer { display: flex; align-items: baseline; gap: var(--_gap); }
  .countdown { font-variant-numeric: tabular-nums; font-weight: 600; }
  .urgent { color: var(--_danger); }
  .actions { display: flex; flex-wrap: wrap; gap: var(--_gap); }
  .closed { background: var(--_surface); display: flex; flex-wrap: wrap; align-items: center; gap: var(--_gap); }
  .closed p { flex: 1; }
  .missed p { color: var(--_danger); }
  .availability { display: flex; flex-wrap: wrap; align-items: center; gap: var(--_gap); padding: 10px 12px; border-radius: var(--_radius); background: var(--_surface); }
  .availability p { margin: 0; flex: 1; }
`;
