import { css } from 'lit';

export const tributeButtonStyles = css`
  :host { display: inline-block; position: relative; }
  p { margin: 4px 0 0; }
  .success { color: var(--_success); }
`;
