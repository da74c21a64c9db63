import { css, html } from 'lit';

/** A `<time>` of an instant; its text is the date and time unless given. */
export const timeTag = (at: number, text = new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })) =>
  html`<time part="time" datetime=${new Date(at).toISOString()}>${text}</time>`;

/** The one filter the list shows, from a host's value: unknown values show the first (all). */
export const knownFilter = <F extends string>(filters: readonly F[], value: F): F => (filters.includes(value) ? value : filters[0]);

/** A filter as a radio group of chips (the inbox's status, the feed's kind); styled by `kitStyles`. */
export const filterGroup = <F extends string>(label: string, filters: readonly F[], shown: F, text: Record<F, string>, choose: (filter: F) => void) =>
  html`<fieldset part="filter" @change=${(e: Event) => choose((e.target as HTMLInputElement).value as F)}>
    <legend class="visually-hidden">${label}</legend>
    ${filters.map((f) => html`<label><input type="radio" name="filter" .value=${f} .checked=${f === shown} />${text[f]}</label>`)}
  </fieldset>`;

/**
 * What the inbox, feed, gear menu, incoming offers, care stats and chat share: headings, lists, a
 * row of items, a card, a badge, the filter chips of `filterGroup` and the cards of `figures`.
 */
export const kitStyles = css`
  h2, h3 { flex: 1; font-size: 1em; }
  h2, h3, p, ol, ul, dd, fieldset { margin: 0; }
  ol, ul { list-style: none; padding: 0; }
  .row { display: flex; flex-wrap: wrap; align-items: center; gap: var(--_gap); }
  .card { background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); padding: 12px; }
  .badge { font-size: 0.8em; padding: 0 6px; border-radius: 999px; }
  time { font-size: 0.8em; }
  dl { display: grid; grid-template-columns: repeat(auto-fit, minmax(7rem, 1fr)); gap: var(--_gap); margin: 0; }
  dl div { background: var(--_surface); border-radius: var(--_radius); padding: 10px 12px; }
  dt { color: var(--_muted); font-size: 0.85em; }
  fieldset { display: flex; flex-wrap: wrap; gap: 4px; border: 0; padding: 0; }
  fieldset label { border: 1px solid var(--_border); border-radius: calc(var(--_radius) / 2); padding: 4px 10px; cursor: pointer; }
  fieldset label:has(:checked), [aria-pressed='true'] { background: var(--_accent); color: var(--_accent-fg); border-color: var(--_accent); }
  fieldset label:has(:focus-visible) { outline: 2px solid var(--_accent); outline-offset: 2px; }
  fieldset input { position: absolute; opacity: 0; inline-size: 1px; block-size: 1px; margin: 0; }
`;

/** Labelled figures as a description list (the customer details, the care stats). */
export const figures = (rows: readonly (readonly [string, unknown])[]) =>
  html`<dl part="figures">${rows.map(([term, value]) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`)}</dl>`;
