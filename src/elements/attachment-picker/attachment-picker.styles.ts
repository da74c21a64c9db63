import { css } from 'lit';

export const attachmentPickerStyles = css`
  .zone { display: flex; flex-wrap: wrap; align-items: center; gap: var(--_gap); border-radius: var(--_radius); }
  .dragging { outline: 2px dashed var(--_accent); outline-offset: 2px; }
  .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .refused { flex-basis: 100%; }
  p { margin: 0; }
`;
