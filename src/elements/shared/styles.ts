import { css } from 'lit';

/**
 * Theme tokens. A host themes every element at once by setting `--volley-*` custom properties on
 * any ancestor or on the element; `theme="dark"` switches the built-in palette, and since it sets the
 * `--volley-*` properties themselves, the elements inside a dark `volley-chat` follow it.
 * Colours meet WCAG 2.2 AA contrast on their backgrounds in both themes.
 */
export const baseStyles = css`
  :host {
    --_bg: var(--volley-bg, #ffffff);
    --_fg: var(--volley-fg, #1b1f24);
    --_muted: var(--volley-muted, #57606a);
    --_surface: var(--volley-surface, #f3f4f6);
    --_border: var(--volley-border, #c9d1d9);
    --_accent: var(--volley-accent, #0b5cad);
    --_accent-fg: var(--volley-accent-fg, #ffffff);
    --_danger: var(--volley-danger, #b42318);
    --_success: var(--volley-success, #146c2e);
    --_mine: var(--volley-bubble-mine, #0b5cad);
    --_mine-fg: var(--volley-bubble-mine-fg, #ffffff);
    --_theirs: var(--volley-bubble-theirs, #eef1f4);
    --_theirs-fg: var(--volley-bubble-theirs-fg, #1b1f24);
    --_radius: var(--volley-radius, 12px);
    --_gap: var(--volley-gap, 8px);
    --_font: var(--volley-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    display: block;
    box-sizing: border-box;
    color: var(--_fg);
    font: var(--volley-font-size, 15px) / 1.4 var(--_font);
  }
  :host([theme='dark']) {
    --volley-bg: #0f1419;
    --volley-fg: #e6edf3;
    --volley-muted: #9da7b3;
    --volley-surface: #1b222b;
    --volley-border: #3d4753;
    --volley-accent: #6cb6ff;
    --volley-accent-fg: #0f1419;
    --volley-danger: #ff7b72;
    --volley-success: #56d364;
    --volley-bubble-mine: #1f6feb;
    --volley-bubble-mine-fg: #ffffff;
    --volley-bubble-theirs: #262e38;
    --volley-bubble-theirs-fg: #e6edf3;
  }
  :host([hidden]) { display: none; }
  *, *::before, *::after { box-sizing: inherit; }
  button, input, textarea { font: inherit; color: inherit; }
  button {
    cursor: pointer;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    padding: 6px 12px;
    min-height: 32px;
  }
  button.primary { background: var(--_accent); color: var(--_accent-fg); border-color: var(--_accent); }
  button.danger { background: var(--_danger); color: #fff; border-color: var(--_danger); }
  button:disabled { cursor: not-allowed; opacity: 0.6; }
  /* Fields get 16px at least: iOS zooms into smaller ones. */
  input:not([type='radio']), textarea {
    font-size: max(16px, 1em);
    padding: 6px 8px;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
  }
  :is(input, textarea):disabled { background: var(--_surface); cursor: not-allowed; }
  form { display: grid; gap: var(--_gap); }
  form label { display: grid; gap: 2px; }
  .actions { display: flex; justify-content: flex-end; gap: var(--_gap); }
  /* Pop-overs (menus, small forms) and modal dialogs: in the top layer, placed by TopLayer (layer.ts). */
  [popover], dialog {
    position: fixed; inset: auto; margin: 0; overflow: auto; padding: var(--_gap);
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.18);
  }
  [popover] { inline-size: max-content; }
  [popover]:not(:popover-open), dialog:not([open]) { display: none; }
  dialog::backdrop { background: rgb(0 0 0 / 0.35); }
  [role='menu'] { display: grid; gap: 2px; }
  [role='menuitem'] { text-align: start; border: 0; background: none; color: inherit; text-decoration: none; }
  [role='menuitem']:is(:hover, :focus) { background: var(--_surface); }
  :focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
  .muted { color: var(--_muted); }
  .error { color: var(--_danger); }
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
`;
