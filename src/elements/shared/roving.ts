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
