import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SizeCache } from './size-cache.js';

export interface WindowOptions<T> {
  /** A row's stable key (also its `data-id` in the DOM). */
  key(item: T): string;
  /** The scrolling element; its first child holds the rows, offsets are from its top. */
  scroller(): HTMLElement | null;
  /** Keeps the view at the bottom (new rows followed), rather than on the row the reader reads. */
  follow(): boolean;
  /** Renders the host at once, in this frame (while scrolling, before the frame is painted). */
  renderNow(): void;
  /** Rows rendered beyond each edge of the view (px); rendered again once less than half is left. */
  overscan: number;
  /** Height (px) assumed for a row before any row was measured. */
  estimate: number;
}

/**
 * Windowing for a list in a scrolling element, newest at the bottom: only the rows in view (and
 * `overscan` px beyond) are in the DOM, between paddings sized from a {@link SizeCache} (measured
 * heights; their average for the rows not measured yet). Rows are found by key through a Map.
 *
 * Holds the reader's place as browsers' scroll anchoring does: the row under the top of the view
 * and its distance from it are remembered whenever the view moves, and when rows above change
 * height (measured, re-estimated, loaded above) the scroll position moves by the anchor's change of
 * offset, in the same frame, so the row stays where the reader saw it. Following, the view stays
 * at the bottom instead. Measurements are applied in the ResizeObserver's callback (after layout,
 * before paint), paddings included, so no frame shows the rows moved.
 *
 * The host calls `update(items)` before rendering `items.slice(first, end)`, `rendered()` after,
 * and `scrolled()` from its scroll listener.
 */
export class WindowController<T> implements ReactiveController {
  /** Rows [first, end) are rendered. */
  first = 0;
  end = 0;
  readonly #host: ReactiveControllerHost;
  readonly #o: WindowOptions<T>;
  readonly #sizes: SizeCache;
  /** Measured heights by key: they outlive list changes. */
  readonly #measured = new Map<string, number>();
  #items: readonly T[] = [];
  /** Index of each row by key, made when first needed for a list (rows rendered and the anchor are found without it). */
  #index?: Map<string, number>;
  /** The row under the top of the view (its index and, while rendered, its element) and the view's distance below its top (px), while not following. */
  #anchor?: { key: string; index: number; delta: number; row?: HTMLElement };
  /** The scroll position the anchor was taken at (or set to): another one means the view moved since. */
  #anchoredAt = -1;
  /** The pending frame that scrolls to the bottom. */
  #frame = 0;
  readonly #resizes = new ResizeObserver((entries) => this.#measure(entries));

  constructor(host: ReactiveControllerHost, options: WindowOptions<T>) {
    this.#host = host;
    this.#o = options;
    this.#sizes = new SizeCache(options.estimate);
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#resizes.disconnect();
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  /** Forgets the rows' heights and the reader's place (another list altogether). */
  clear(): void {
    this.#measured.clear();
    this.#anchor = undefined;
    this.#anchoredAt = -1;
  }

  /** The list to show, before a render: sizes the rows (O(N) only when the list changed) and picks those to render. */
  update(items: readonly T[]): void {
    if (items !== this.#items) {
      const scroller = this.#o.scroller();
      // The view moved since the anchor was taken (a scroll not yet reported): take it again, on the old list.
      if (scroller) this.#track(scroller);
      this.#resize(this.#items, items);
      // The row read is gone: hold the position the view has.
      const anchor = this.#anchor;
      const index = anchor && this.#indexOf(anchor.key, anchor.index + this.#shift);
      if (anchor) {
        if (index === undefined) this.#anchor = undefined;
        else anchor.index = index;
      }
    }
    [this.first, this.end] = this.#range(this.#o.overscan);
  }

  /** Rows added at the start by the last change of list (older messages loaded), when it only added rows at either end. */
  #shift = 0;

  /**
   * Sizes a new list: heights carried over by position when rows were only added at either end
   * (history loaded, messages arriving), else looked up by key; the estimate becomes the average.
   */
  #resize(old: readonly T[], items: readonly T[]): void {
    const { key } = this.#o;
    const sizes = this.#sizes;
    const added = items.length - old.length;
    const same = (i: number, j: number) => key(items[i]) === key(old[j]);
    const shift = !old.length || added < 0 ? -1
      : same(0, 0) && same(old.length - 1, old.length - 1) ? 0
      : same(added, 0) && same(items.length - 1, old.length - 1) ? added : -1;
    const heights = shift < 0 ? undefined : Float64Array.from({ length: old.length }, (_, j) => sizes.measured(j));
    const measured = this.#measured;
    this.#items = items;
    this.#index = undefined;
    this.#shift = Math.max(shift, 0);
    sizes.reset(items.length, (i) => {
      const j = i - shift;
      if (heights && j >= 0 && j < heights.length) return heights[j];
      return measured.size ? measured.get(key(items[i])) : undefined;
    });
    sizes.estimate = sizes.average;
  }

  /** The index of the row with `key`: at `hint`, among the rows rendered, else through the index (made once per list). */
  #indexOf(key: string, hint = -1): number | undefined {
    const items = this.#items;
    const keyOf = this.#o.key;
    if (hint >= 0 && hint < items.length && keyOf(items[hint]) === key) return hint;
    for (let i = this.first; i < Math.min(this.end, items.length); i++) if (keyOf(items[i]) === key) return i;
    this.#index ??= new Map(items.map((item, i) => [keyOf(item), i]));
    return this.#index.get(key);
  }

  /** After a render: sizes the paddings, observes the rows rendered, holds the view in place. */
  rendered(): void {
    const scroller = this.#o.scroller();
    const rows = scroller?.firstElementChild as HTMLElement | null;
    if (!scroller || !rows) return;
    this.#pad(rows);
    // Observe the rows rendered now, and the view; rows gone from the DOM are let go.
    this.#resizes.disconnect();
    this.#resizes.observe(scroller);
    for (const row of rows.children) this.#resizes.observe(row);
    this.#hold(scroller);
  }

  /** From the host's scroll listener (after it decided whether to follow): notes the reader's place, renders rows coming into view at once. */
  scrolled(): void {
    const scroller = this.#o.scroller();
    if (!scroller) return;
    this.#take(scroller);
    this.#cover(true);
  }

  #measure(entries: ResizeObserverEntry[]): void {
    const scroller = this.#o.scroller();
    const rows = scroller?.firstElementChild as HTMLElement | null;
    if (!scroller || !rows) return;
    // Where the reader is, on the sizes as they were (script may have scrolled since the last scroll event).
    this.#track(scroller);
    for (const { target, borderBoxSize: [{ blockSize }] } of entries) {
      const key = (target as HTMLElement).dataset.id;
      // A row leaving the DOM measures 0: keep its height.
      if (key === undefined || !blockSize) continue;
      this.#measured.set(key, blockSize);
      const i = this.#indexOf(key);
      if (i !== undefined) this.#sizes.set(i, blockSize);
    }
    // The first rows measured stand for all the others (once: a changing estimate would move every row).
    if (this.#sizes.estimate === this.#o.estimate) this.#sizes.estimate = this.#sizes.average;
    this.#pad(rows);
    // Following: at the bottom before this frame is painted.
    if (this.#o.follow()) scroller.scrollTop = scroller.scrollHeight;
    this.#hold(scroller);
    this.#cover(false);
  }

  /** The rows to render, with `overscan` px beyond each edge of the view. */
  #range(overscan: number): [number, number] {
    const n = this.#items.length;
    if (!n) return [0, 0];
    const scroller = this.#o.scroller();
    const sizes = this.#sizes;
    // Not held to a height, the element would render every row: the window's height at most.
    const view = Math.min(scroller?.clientHeight || innerHeight, innerHeight);
    const top = this.#o.follow() || !scroller ? sizes.total - view : this.#target(scroller);
    const first = sizes.indexAt(top - overscan);
    const end = Math.min(n, sizes.indexAt(top + view + overscan) + 1);
    return [first, Math.max(end, first + 1)];
  }

  /**
   * Where the view belongs while reading: the anchor's offset plus the view's distance into it (the
   * row's place in the DOM while it is rendered, as the reader sees it; else its offset in the cache).
   */
  #target(scroller: HTMLElement): number {
    const anchor = this.#anchor;
    if (anchor?.row?.isConnected) return anchor.row.offsetTop + anchor.delta;
    return anchor ? this.#sizes.offset(anchor.index) + anchor.delta : scroller.scrollTop;
  }

  /** Takes the anchor again if the view moved since it was taken. */
  #track(scroller: HTMLElement): void {
    if (scroller.scrollTop !== this.#anchoredAt) this.#take(scroller);
  }

  /**
   * Remembers the row under the top of the view and how far into it the view starts: a rendered
   * row as the DOM has it (a handful to look at), else the row the cache puts there.
   */
  #take(scroller: HTMLElement): void {
    const top = scroller.scrollTop;
    this.#anchoredAt = top;
    if (!this.#items.length) return void (this.#anchor = undefined);
    const rows = (scroller.firstElementChild?.children ?? []) as HTMLCollectionOf<HTMLElement>;
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k];
      const offset = row.offsetTop;
      if (offset + row.offsetHeight > top) {
        const key = row.dataset.id;
        const index = key === undefined ? undefined : this.#indexOf(key, this.first + k);
        if (offset <= top && index !== undefined) return void (this.#anchor = { key: key!, index, delta: top - offset, row });
        break;
      }
    }
    const index = this.#sizes.indexAt(top);
    this.#anchor = { key: this.#o.key(this.#items[index]), index, delta: top - this.#sizes.offset(index) };
  }

  #pad(rows: HTMLElement): void {
    const sizes = this.#sizes;
    rows.style.paddingBlock = `${sizes.offset(this.first)}px ${sizes.total - sizes.offset(this.end)}px`;
  }

  /**
   * Keeps the view where it belongs: at the bottom while following (at the next frame, once however
   * many changes come before it), else with the anchor row where the reader saw it, moving the
   * scroll position only by the change of the anchor's offset.
   */
  #hold(scroller: HTMLElement): void {
    if (this.#o.follow()) {
      this.#frame ||= requestAnimationFrame(() => {
        this.#frame = 0;
        if (this.#o.follow()) scroller.scrollTop = scroller.scrollHeight;
      });
      return;
    }
    if (!this.#anchor) return;
    const shift = this.#target(scroller) - this.#anchoredAt;
    if (Math.abs(shift) >= 0.5) scroller.scrollTop += shift;
    this.#anchoredAt = scroller.scrollTop;
  }

  /** Renders again once the rows rendered leave less than half the overscan beyond the view; `now`: in this frame. */
  #cover(now: boolean): void {
    const [first, end] = this.#range(this.#o.overscan / 2);
    if (first < this.first || end > this.end) {
      if (now) this.#o.renderNow();
      else this.#host.requestUpdate();
    }
  }
}
