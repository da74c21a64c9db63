import { css } from 'lit';

// The host covers the visible area (the visual viewport: `followVisibleArea` keeps `--_area-*` on
// it), without taking clicks; the bubble sits in its bottom corner (logical: the end corner is the
// left one right to left) and the panel above it. So neither leaves the screen on a page wider
// than the phone, when zoomed, or above an on-screen keyboard. The panel's styles come with the
// panel, on first open (launcher.panel.ts).
export const launcherStyles = css`
  :host {
    --_size: var(--volley-launcher-size, 56px);
    --_offset: var(--volley-launcher-offset, 16px);
    position: fixed; left: var(--_area-x, 0px); top: var(--_area-y, 0px);
    width: var(--_area-width, 100%); height: var(--_area-height, 100%);
    pointer-events: none; container-type: size;
    z-index: var(--volley-launcher-z-index, 2147483000);
  }
  .bubble { position: absolute; inset-block-end: var(--_offset); inset-inline-end: var(--_offset); pointer-events: auto; }
  :host([position='start']) .bubble { inset-inline: var(--_offset) auto; }
  .bubble {
    display: grid; place-items: center; inline-size: var(--_size); block-size: var(--_size);
    padding: 0; border: 0; border-radius: 50%; background: var(--_accent); color: var(--_accent-fg);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
  }
  svg { inline-size: 55%; fill: none; stroke: currentColor; stroke-width: 2; stroke-linejoin: round; }
  .dot {
    position: absolute; inset-block-start: 2px; inset-inline-end: 2px; inline-size: 14px; block-size: 14px;
    border-radius: 50%; background: var(--_danger); border: 2px solid var(--_accent-fg);
  }
`;
