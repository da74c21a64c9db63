import { css } from 'lit';

export const attachmentPickerStyles = css`
  .zone { display: flex; flex-wrap: wrap; align-items: center; gap: var(--_gap); border-radius: var(--_radius); }
  .dragging { outline: 2px dashed var(--_accent); outline-offset: 2px; }
  ul { display: contents; }
  li {
    display: inline-flex; align-items: center; gap: 6px; max-inline-size: 16rem; padding: 4px; padding-inline-start: 8px;
    background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius);
  }
  img { inline-size: 48px; block-size: 48px; object-fit: cover; border-radius: calc(var(--_radius) / 2); }
  .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  progress { inline-size: 5rem; accent-color: var(--_accent); }
  li button { min-height: 28px; padding: 2px 8px; }
  .refused { flex-basis: 100%; }
  p { margin: 0; }
`;
