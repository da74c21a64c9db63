import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SizeCache } from './size-cache.js';

/** Rows rendered beyond each edge of the view (px); they are rendered again once less than half is left. */
const OVERSCAN = 400;
/** The height (px) assumed for a row before any row was measured. */
const ROW_ESTIMATE = 60;

export interface WindowOptions {
  /** The scrolling element; its first child holds the rows, offsets are from its top. */
  scroller(): HTMLElement | null;
  /** Keeps the view at the bottom (new rows followed), rather than on the row the reader reads. */
  follow(): boolean;
}

/**
 * Windowing for a list in a scrolling element, newest at the bottom: only the rows in view (and
 * OVERSCAN px beyond) are in the DOM, between paddings sized from a {@link SizeCache} (measured
 * heights; their average for the rows not measured yet). Rows are found by id (their `data-id` in the DOM) through a Map.
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
export class WindowController<T extends { id: string }> implements ReactiveController {
  /** Rows [first, end) are rendered. */
  first = 0;
  end = 0;
  /** The host element (a Lit element: `performUpdate` renders it at once). */
  readonly #host: ReactiveControllerHost;
  readonly #o: WindowOptions;
  readonly #sizes = new SizeCache();
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

  constructor(host: ReactiveControllerHost, options: WindowOptions) {
    this.#host = host;
    this.#o = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#resizes.disconnect();
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  /** The list to show, before a render: sizes the rows (O(N) only when the list changed) and picks those to render. */
  update(items: readonly T[]): void {
    if (items !== this.#items) {
      const scroller = this.#o.scroller();
      // The view moved since the anchor was taken (a scroll not yet reported): take it again, on the old list.
      if (scroller) this.#track(scroller);
      this.#items = items;
      this.#index = undefined;
      this.#fill();
      // The row read: where it was (messages arriving below), else found by key; gone, the view holds its position.
      const anchor = this.#anchor;
      const index = anchor && this.#indexOf(anchor.key, anchor.index);
      if (anchor) {
        if (index === undefined) this.#anchor = undefined;
        else anchor.index = index;
      }
    }
    [this.first, this.end] = this.#range(OVERSCAN);
  }

  /** Sizes every row: measured, else the average of those measured (the first estimate while none is). */
  #fill(): void {
    const items = this.#items;
    const measured = this.#measured;
    let sum = 0;
    for (const height of measured.values()) sum += height;
    this.#sizes.reset(items.length, sum / measured.size || ROW_ESTIMATE, (i) => (measured.size ? measured.get(items[i].id) : undefined));
  }

  /** The index of the row with `key`: at `hint`, among the rows rendered, else through the index (made once per list). */
  #indexOf(key: string, hint = -1): number | undefined {
    const items = this.#items;
    if (items[hint]?.id === key) return hint;
    for (let i = this.first; i < Math.min(this.end, items.length); i++) if (items[i].id === key) return i;
    this.#index ??= new Map(items.map((item, i) => [item.id, i]));
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
    const first = !this.#measured.size;
    for (const { target, borderBoxSize: [{ blockSize }] } of entries) {
      const key = (target as HTMLElement).dataset.id;
      // A row leaving the DOM measures 0: keep its height.
      if (key === undefined || !blockSize) continue;
      this.#measured.set(key, blockSize);
      const i = this.#indexOf(key);
      if (i !== undefined) this.#sizes.set(i, blockSize);
    }
    // The first rows measured stand for all the others at once (later, only a new list re-estimates).
    if (first && this.#measured.size) this.#fill();
    this.#pad(rows);
    // Following: at the bottom before this frame is painted.
    if (this.#o.follow()) scroller.scrollTop = scroller.scrollHeight;
    this.#hold(scroller);
    this.#cover(false);
  }

  /** The rows to render, with `overscan` px beyond each edge of the view. */
  #range(overscan: number): [number, number] {
    const scroller = this.#o.scroller();
    const sizes = this.#sizes;
    // Not held to a height, the element would render every row: the window's height at most.
    const view = Math.min(scroller?.clientHeight || innerHeight, innerHeight);
    const top = this.#o.follow() || !scroller ? sizes.total - view : this.#target(scroller);
    const first = sizes.indexAt(top - overscan);
    const end = sizes.indexAt(top + view + overscan) + 1;
    return [first, end];
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
    this.#anchor = { key: this.#items[index].id, index, delta: top - this.#sizes.offset(index) };
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
    const [first, end] = this.#range(OVERSCAN / 2);
    if (first < this.first || end > this.end) {
      this.#host.requestUpdate();
      // At once while scrolling: the rows are there before the frame is painted, not a task later.
      if (now) (this.#host as unknown as { performUpdate(): void }).performUpdate();
    }
  }
}
