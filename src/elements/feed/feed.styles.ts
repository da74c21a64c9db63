import { css } from 'lit';

export const feedStyles = css`
  :host { contain: content; display: flex; flex-direction: column; gap: var(--_gap); min-block-size: 0; }
  .log, ol { flex: 1; min-block-size: 0; display: flex; flex-direction: column; }
`;
