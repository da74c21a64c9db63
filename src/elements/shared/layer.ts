import type { ReactiveController, ReactiveElement } from 'lit';

/** The room kept between a layer and the edges of the visible area, and between a pop-over and its opener. */
const MARGIN = 8;

/**
 * The visible part of the page, in the coordinates of `position: fixed` (the layout viewport):
 * on a phone the visual viewport, which a page wider than the screen, a pinch zoom or an
 * on-screen keyboard make smaller than the layout viewport and move inside it.
 */
export function visibleArea(): { x: number; y: number; width: number; height: number } {
  const v = window.visualViewport;
  return v ? { x: v.offsetLeft, y: v.offsetTop, width: v.width, height: v.height } : { x: 0, y: 0, width: innerWidth, height: innerHeight };
}

/** Calls `fit` now and whenever the visible area resizes or moves; returns the function that stops it. */
export function followVisibleArea(fit: () => void): () => void {
  const stop = new AbortController();
  const options = { signal: stop.signal, passive: true };
  for (const target of [window.visualViewport, window]) {
    target?.addEventListener('resize', fit, options);
    target?.addEventListener('scroll', fit, { ...options, capture: true });
  }
  fit();
  return () => stop.abort();
}

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(value, max));

/**
 * Places a layer in the visible area: under its opener (above it when there is more room there),
 * aligned with the opener's start, or centred without one; never past an edge (its size is capped
 * to the area, and it scrolls inside). Physical `left`/`top`, since they come from the viewport's.
 */
function place(layer: HTMLElement, anchor: Element | null): void {
  const area = visibleArea();
  const set = (name: string, px: number) => layer.style.setProperty(name, `${Math.round(px)}px`);
  set('max-width', area.width - 2 * MARGIN);
  set('max-height', area.height - 2 * MARGIN);
  const { width, height } = layer.getBoundingClientRect();
  let x = area.x + (area.width - width) / 2;
  let y = area.y + (area.height - height) / 2;
  if (anchor) {
    const a = anchor.getBoundingClientRect();
    const below = area.y + area.height - a.bottom;
    x = getComputedStyle(anchor).direction === 'rtl' ? a.right - width : a.left;
    y = height + MARGIN <= below || below >= a.top - area.y ? a.bottom + 4 : a.top - 4 - height;
  }
  set('left', clamp(x, area.x + MARGIN, area.x + area.width - MARGIN - width));
  set('top', clamp(y, area.y + MARGIN, area.y + area.height - MARGIN - height));
}

/**
 * Puts an element's pop-overs and dialogs in the top layer, where no ancestor's `overflow`,
 * `z-index` or transform can clip or cover them, and keeps them inside the visible area.
 * After each render of the element:
 * - a `<dialog>` not open yet opens with `showModal()` (the platform traps the focus, Escape sends
 *   `cancel` then `close`, the rest of the page is inert) and is centred;
 * - an element with the `popover` attribute (`popover="manual"`: the element closes it itself) is
 *   shown, unless `hidden`, and placed next to its opener, the element of the shadow root whose id
 *   its `data-anchor` names.
 * While any is shown they follow the visible area (resize, scroll, pinch zoom, on-screen keyboard)
 * and their own size. Their looks are `baseStyles`' (`[popover], dialog`). Rendering them, and
 * taking them away, stays the element's: this only shows and places them.
 */
export class TopLayer implements ReactiveController {
  #stop?: () => void;
  readonly #resized = new ResizeObserver(() => this.#placeAll());

  constructor(private readonly host: ReactiveElement) {
    host.addController(this);
  }

  #layers(): HTMLElement[] {
    return [...(this.host.renderRoot?.querySelectorAll<HTMLElement>('dialog, [popover]') ?? [])];
  }

  hostUpdated(): void {
    const layers = this.#layers().filter((layer) => {
      if (layer instanceof HTMLDialogElement) {
        if (!layer.open && layer.isConnected) layer.showModal();
        return layer.open;
      }
      const open = layer.matches(':popover-open');
      if (layer.hidden) {
        if (open) layer.hidePopover();
        return false;
      }
      if (!open && layer.isConnected) layer.showPopover();
      return true;
    });
    this.#resized.disconnect();
    for (const layer of layers) this.#resized.observe(layer);
    if (!layers.length) return this.hostDisconnected();
    this.#stop ??= followVisibleArea(() => this.#placeAll());
    this.#placeAll();
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = undefined;
    this.#resized.disconnect();
  }

  #placeAll(): void {
    const root = this.host.renderRoot as ShadowRoot;
    for (const layer of this.#layers()) {
      if (layer.matches(':modal, :popover-open')) place(layer, layer.dataset.anchor ? root.getElementById(layer.dataset.anchor) : null);
    }
  }
}
