import { css } from 'lit';

export const gearMenuStyles = css`
  :host { display: inline-block; }
  .wrap { position: relative; }
  .status, .error { font-size: 0.9em; }
`;
