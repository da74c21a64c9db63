import { css } from 'lit';

export const feedStyles = css`
  :host { contain: content; display: flex; flex-direction: column; gap: var(--_gap); min-block-size: 0; }
  fieldset { display: flex; flex-wrap: wrap; gap: 4px; border: 0; padding: 0; margin: 0; }
  fieldset label { border: 1px solid var(--_border); border-radius: calc(var(--_radius) / 2); padding: 4px 10px; cursor: pointer; }
  fieldset label:has(:checked) { background: var(--_accent); color: var(--_accent-fg); border-color: var(--_accent); }
  fieldset label:has(:focus-visible) { outline: 2px solid var(--_accent); outline-offset: 2px; }
  fieldset input { position: absolute; opacity: 0; inline-size: 1px; block-size: 1px; margin: 0; }
  .log { flex: 1; min-block-size: 0; display: flex; flex-direction: column; }
  ol { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; overflow: auto; flex: 1; }
  li { display: grid; gap: 2px; padding: 6px 10px; border-radius: var(--_radius); background: var(--_theirs); color: var(--_theirs-fg); max-inline-size: 85%; align-self: flex-start; }
  li.mine { align-self: flex-end; background: var(--_mine); color: var(--_mine-fg); }
  li.mine a { color: inherit; }
  li.system { background: none; align-self: center; font-size: 0.9em; text-align: center; }
  li:has(> .order) { background: none; padding: 0; max-inline-size: none; align-self: stretch; }
  .author { font-weight: 600; font-size: 0.85em; }
  .text { white-space: pre-wrap; overflow-wrap: anywhere; }
  time { font-size: 0.8em; }
  .order {
    display: flex; flex-wrap: wrap; align-items: baseline; gap: var(--_gap); inline-size: 100%; text-align: start;
    background: var(--_surface); border-radius: var(--_radius); padding: 8px 12px;
  }
  .badge { font-size: 0.8em; font-weight: 600; padding: 0 6px; border-radius: 999px; background: var(--_accent); color: var(--_accent-fg); }
  .title { flex: 1; font-weight: 600; }
`;
