import { css } from 'lit';

export const careStatsStyles = css`
  :host { contain: content; }
  .row { margin-block-end: var(--_gap); }
`;
