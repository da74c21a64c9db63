/**
 * Roving focus for a menu or a listbox: ArrowDown/ArrowUp move to the next or previous item
 * (wrapping around when `wrap`, else stopping at the ends), Home/End jump to the first or last.
 * Other keys are left alone. `items` are the focusable items in order; the event's target is one.
 */
export function rove(event: KeyboardEvent, items: readonly HTMLElement[], wrap = false): void {
  const n = items.length;
  const from = items.indexOf(event.target as HTMLElement);
  const to = { ArrowDown: from + 1, ArrowUp: from - 1, Home: 0, End: n - 1 }[event.key];
  if (to === undefined) return;
  event.preventDefault();
  items[wrap ? (to + n) % n : Math.max(0, Math.min(n - 1, to))].focus();
}

/**
 * The keys of a pop-over: Escape closes it, giving the focus back to its button, and goes no
 * further (an enclosing dialog stays open). In a menu (`items` given) Tab closes it as the focus
 * moves on, and the arrows, Home and End move between the items, wrapping around.
 */
export function popoverKeys(event: KeyboardEvent, close: (focusButton: boolean) => unknown, items?: readonly HTMLElement[]): void {
  if (event.key === 'Escape') {
    event.preventDefault();
    event.stopPropagation();
    close(true);
  } else if (items) {
    if (event.key === 'Tab') close(false);
    else rove(event, items, true);
  }
}
