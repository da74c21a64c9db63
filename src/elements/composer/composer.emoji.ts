import { css, html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { define } from '../shared/define.js';
import { baseStyles } from '../shared/styles.js';
import { VolleyElement } from '../shared/volley-element.js';

// The composer loads this module, its emoji picker, when the emoji button is first pressed: the
// picker and its data never weigh on the first paint. Everything it shows is styled by its
// stylesheet and the DOM it renders carries no style attribute, so a strict CSP (style-src 'self',
// no unsafe-inline) has nothing to refuse.

/** The picker's strings; a host replaces them through the composer's (or the chat's) `.strings`. */
export const emojiStrings = {
  emojiSearch: 'Search emoji',
  emojiCategories: 'Emoji categories',
  /** Emojibase's groups, by number (2, skin tone and hair components, is never shown). */
  emojiGroups: {
    0: 'Smileys and emotion', 1: 'People and body', 3: 'Animals and nature', 4: 'Food and drink',
    5: 'Travel and places', 6: 'Activities', 7: 'Objects', 8: 'Symbols', 9: 'Flags',
  } as Record<number, string>,
  emojiResults: 'Search results',
  emojiNone: 'No emoji found',
  emojiFailed: 'The emoji could not be loaded.',
};

/** The picker as the composer shows it: a pop-over by its emoji button; `pick` gets the chosen emoji. */
export const renderPicker = (composer: { readonly emojiDataUrl: string; readonly strings: Partial<typeof emojiStrings> }, keydown: (event: KeyboardEvent) => void, pick: (emoji: string) => void) =>
  html`<volley-emoji-picker popover="manual" data-anchor="emoji" part="emoji-panel" exportparts="search: emoji-search, tabs: emoji-tabs, tab: emoji-tab, grid: emoji-grid, emoji"
    .dataUrl=${composer.emojiDataUrl} .strings=${composer.strings} @keydown=${keydown} @pick=${(e: CustomEvent<string>) => pick(e.detail)}></volley-emoji-picker>`;

/** One entry of emojibase's data (emoji-picker-element-data's data.json), as far as the picker reads it. */
interface Emoji {
  emoji: string;
  annotation: string;
  group?: number;
  order?: number;
  tags?: string[];
  shortcodes?: string[];
}

/** Each group's tab shows this emoji (else its first). */
const GROUP_ICONS: Record<number, string> = { 0: '😀', 1: '👋', 3: '🐱', 4: '🍎', 5: '✈️', 6: '⚽', 7: '💡', 8: '❤️', 9: '🏁' };
/** Emoji a row: the grid's rows are real rows (role="row"), so the arrows know where up and down are. */
const COLUMNS = 8;

/** The data of each URL, fetched once for the page (a failed fetch is tried again on the next picker). */
const data = new Map<string, Promise<Emoji[]>>();
function load(url: string): Promise<Emoji[]> {
  let list = data.get(url);
  if (!list) {
    list = fetch(url)
      .then((response) => {
        if (!response.ok) throw new Error(`${response.status} ${url}`);
        return response.json() as Promise<Emoji[]>;
      })
      .then((all) => all.filter((e) => typeof e.group === 'number' && e.group !== 2 && e.emoji).sort((a, b) => (a.order ?? 0) - (b.order ?? 0)));
    list.catch(() => data.delete(url));
    data.set(url, list);
  }
  return list;
}

/** Whether an emoji answers a search: its name, a tag or a shortcode holds every word of it. */
function matches(emoji: Emoji, words: string[]): boolean {
  const names = [emoji.annotation, ...(emoji.tags ?? []), ...(emoji.shortcodes ?? [])].map((name) => name.toLowerCase());
  return words.every((word) => names.some((name) => name.includes(word)));
}

/**
 * The composer's emoji picker (`volley-emoji-picker`, defined by the composer once this module has loaded): a search
 * field, a tab per category and a grid of emoji (role="grid": arrows, Home/End, Ctrl+Home/End),
 * with its data from `dataUrl` (emojibase JSON served by the host). A chosen emoji is announced by
 * a `pick` event whose `detail` is the emoji's text.
 *
 * @csspart search - the search field
 * @csspart tabs - @csspart tab - the categories
 * @csspart grid - the emoji grid
 * @csspart emoji - one emoji
 */
export class VolleyEmojiPicker extends VolleyElement<typeof emojiStrings> {
  static override shadowRootOptions = { ...VolleyElement.shadowRootOptions, delegatesFocus: true };
  static override properties: PropertyDeclarations = {
    dataUrl: { attribute: 'data-url' },
    emoji: { state: true },
    failed: { state: true },
    group: { state: true },
    query: { state: true },
    active: { state: true },
  };
  static override styles = [baseStyles, css`
    :host { --_cell: 2.25rem; inline-size: max-content; max-inline-size: 100%; }
    .search { display: block; inline-size: 100%; margin-block-end: var(--_gap); }
    [role='tablist'] { display: flex; border-block-end: 1px solid var(--_border); margin-block-end: 4px; }
    [role='tab'] { flex: 1 1 0; min-inline-size: 0; padding: 4px 0; border: 0; border-block-end: 2px solid transparent; border-radius: 0; background: none; font-size: 1.1em; }
    [role='tab'][aria-selected='true'] { border-block-end-color: var(--_accent); }
    [role='grid'] { block-size: calc(6 * var(--_cell)); min-inline-size: calc(${COLUMNS} * var(--_cell)); overflow-y: auto; overscroll-behavior: contain; }
    [role='row'] { display: flex; }
    [role='gridcell'] {
      flex: 0 0 var(--_cell); block-size: var(--_cell); min-height: 0; padding: 0; border: 0; border-radius: calc(var(--_radius) / 2);
      background: none; font-size: 1.4em; line-height: 1; font-family: 'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji', var(--_font);
    }
    [role='gridcell']:is(:hover, :focus) { background: var(--_surface); }
    [role='gridcell']:focus-visible { outline-offset: -2px; }
    .message { block-size: calc(6 * var(--_cell)); margin: 0; padding: var(--_gap); }
  `];

  /** Where the emoji data is (emojibase's JSON, served by the host). */
  dataUrl = '';
  private emoji?: Emoji[];
  private failed = false;
  /** The category shown while nothing is searched. */
  private group?: number;
  private query = '';
  /** The index (in the grid on screen) of the one emoji reached with Tab. */
  private active = 0;

  protected override defaults = emojiStrings;

  // `PropertyValues<this>` as everywhere, but its keys are public members: `group` and `query` are private.
  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('dataUrl') && this.dataUrl) {
      const url = this.dataUrl;
      this.failed = false;
      this.emoji = undefined;
      load(url).then(
        (emoji) => url === this.dataUrl && ((this.emoji = emoji), (this.group ??= emoji[0]?.group)),
        () => url === this.dataUrl && (this.failed = true),
      );
    }
    if (changed.has('query') || changed.has('group')) this.active = 0;
  }

  /** The emoji on screen: the search's results, else the chosen category's. */
  get #shown(): Emoji[] {
    const words = this.query.toLowerCase().split(/\s+/).filter(Boolean);
    const all = this.emoji ?? [];
    return words.length ? all.filter((e) => matches(e, words)) : all.filter((e) => e.group === this.group);
  }

  get #cells(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('[role=gridcell]')];
  }

  /** Puts the focus in the picker: the search field, or on a touch screen (no keyboard popping up) the first emoji. */
  override focus(): void {
    const touch = matchMedia('(pointer: coarse)').matches;
    (touch ? this.#cells[this.active] : this.renderRoot.querySelector<HTMLElement>('input'))?.focus();
  }

  #pick(emoji: string): void {
    this.dispatchEvent(new CustomEvent('pick', { detail: emoji }));
  }

  async #moveTo(index: number): Promise<void> {
    this.active = index;
    await this.updateComplete;
    this.#cells[index]?.focus();
  }

  /** The grid's keys: the arrows (mirrored right to left), Home/End in a row, Ctrl+Home/End in the grid; up from the top row goes to the search. */
  #gridKey(event: KeyboardEvent): void {
    const from = this.#cells.indexOf(event.composedPath()[0] as HTMLElement);
    if (from < 0) return;
    const last = this.#cells.length - 1;
    const rtl = getComputedStyle(this).direction === 'rtl';
    const row = from - (from % COLUMNS);
    const to = {
      ArrowRight: rtl ? from - 1 : from + 1,
      ArrowLeft: rtl ? from + 1 : from - 1,
      ArrowDown: from + COLUMNS,
      ArrowUp: from - COLUMNS,
      Home: event.ctrlKey ? 0 : row,
      End: event.ctrlKey ? last : Math.min(last, row + COLUMNS - 1),
    }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    if (to < 0 && event.key === 'ArrowUp') this.renderRoot.querySelector('input')!.focus();
    else void this.#moveTo(Math.max(0, Math.min(last, to)));
  }

  /** The tabs' keys: left and right (mirrored right to left) choose the next or previous category, Home/End the first or last. */
  #tabKey(event: KeyboardEvent, groups: number[]): void {
    const from = groups.indexOf(this.group!);
    const rtl = getComputedStyle(this).direction === 'rtl';
    const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[event.key];
    const to = step !== undefined ? (from + step + groups.length) % groups.length : { Home: 0, End: groups.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    void this.#choose(groups[to]);
  }

  async #choose(group: number): Promise<void> {
    this.group = group;
    this.query = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[role=tab][tabindex="0"]')?.focus();
  }

  /** In the search field, Down goes into the results and Enter picks the first. */
  #searchKey(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown' && this.#cells.length) {
      event.preventDefault();
      void this.#moveTo(0);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const first = this.#shown[0];
      if (first) this.#pick(first.emoji);
    }
  }

  protected override render() {
    const t = this.t;
    const all = this.emoji;
    const groups = [...new Set((all ?? []).map((e) => e.group!))];
    const searching = this.query.trim() !== '';
    const shown = this.#shown;
    const rows: Emoji[][] = [];
    for (let i = 0; i < shown.length; i += COLUMNS) rows.push(shown.slice(i, i + COLUMNS));
    const label = searching ? t.emojiResults : t.emojiGroups[this.group!] ?? '';
    return html`
      <input class="search" part="search" type="search" aria-label=${t.emojiSearch} placeholder=${t.emojiSearch} autocomplete="off"
        .value=${this.query} @input=${(e: InputEvent) => (this.query = (e.target as HTMLInputElement).value)} @keydown=${this.#searchKey}>
      <div role="tablist" part="tabs" aria-label=${t.emojiCategories} @keydown=${(e: KeyboardEvent) => this.#tabKey(e, groups)}>
        ${groups.map((group) => {
          const current = group === this.group;
          return html`<button role="tab" part="tab" aria-controls="grid" aria-selected=${current && !searching} tabindex=${current ? 0 : -1}
            aria-label=${t.emojiGroups[group] ?? String(group)} title=${t.emojiGroups[group] ?? nothing} @click=${() => this.#choose(group)}>${GROUP_ICONS[group] ?? all!.find((e) => e.group === group)!.emoji}</button>`;
        })}
      </div>
      ${!all
        ? html`<p class="message ${this.failed ? 'error' : 'muted'}" role="status">${this.failed ? t.emojiFailed : t.loading}</p>`
        : shown.length
          ? html`<div role="grid" part="grid" id="grid" aria-label=${label} @keydown=${this.#gridKey}>
            ${rows.map((row, r) => html`<div role="row">${row.map((e, c) => {
              const index = r * COLUMNS + c;
              return html`<button role="gridcell" part="emoji" tabindex=${index === this.active ? 0 : -1} aria-label=${e.annotation} title=${e.annotation}
                @focus=${() => (this.active = index)} @click=${() => this.#pick(e.emoji)}>${e.emoji}</button>`;
            })}</div>`)}
          </div>`
          : html`<p class="message muted" role="status">${t.emojiNone}</p>`}
    `;
  }
}

/** Defines the picker's tag: the composer calls it once the module is loaded, so this chunk has no side effect of its own. */
export const defineEmojiPicker = () => define('volley-emoji-picker', VolleyEmojiPicker);

declare global {
  interface HTMLElementTagNameMap {
    'volley-emoji-picker': VolleyEmojiPicker;
  }
}
