import { css } from 'lit';

export const careStatsStyles = css`
  :host { contain: content; }
  dl { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: var(--_gap); margin: 0; }
  div { background: var(--_surface); border-radius: var(--_radius); padding: 10px 12px; }
  dt { color: var(--_muted); font-size: 0.85em; }
  dd { margin: 0; font-size: 1.4em; font-weight: 600; }
  .header { display: flex; align-items: center; justify-content: space-between; margin-block-end: var(--_gap); }
  h2 { font-size: 1em; margin: 0; }
`;
