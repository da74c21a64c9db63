/**
 * The page side of a fling's measurement, shared by `npm run bench:thread` (page.ts) and the
 * browser test test/thread-fling.test.ts: which message sits under the centre of the thread's view,
 * and what the main thread went through meanwhile (long tasks, frame times).
 */

/** The id of the message row under the centre of the thread's scrolling log, if a row is there. */
export function rowAtCentre(thread: HTMLElement): string | undefined {
  const log = thread.shadowRoot!.querySelector<HTMLElement>('[part=log]')!;
  const box = log.getBoundingClientRect();
  const x = box.left + box.width / 2;
  const y = box.top + box.height / 2;
  let hit = document.elementFromPoint(x, y);
  while (hit?.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  // The centre may fall in the gap between two rows' bubbles: the row's box is what counts.
  const row = hit?.closest<HTMLElement>('[part~=message]')
    ?? [...thread.shadowRoot!.querySelectorAll<HTMLElement>('[part~=message]')].find((r) => {
      const b = r.getBoundingClientRect();
      return b.top <= y && b.bottom > y;
    });
  return row?.dataset.id;
}

export interface MainThreadRecord {
  /** Long tasks (over 50 ms, as the browser reports them) and their total duration. */
  longTasks: number;
  longTaskMs: number;
  /** Frame times (ms between animation frames): median, 95th and 99th percentile, and how many. */
  frames: { p50: number; p95: number; p99: number; count: number };
}

const percentile = (sorted: number[], p: number) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] : 0;

/** Starts recording long tasks and frame times; the function returned stops and reports. */
export function recordMainThread(): () => MainThreadRecord {
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  const deltas: number[] = [];
  let last = 0;
  let frame = requestAnimationFrame(function tick(now) {
    if (last) deltas.push(now - last);
    last = now;
    frame = requestAnimationFrame(tick);
  });
  return () => {
    cancelAnimationFrame(frame);
    for (const entry of observer.takeRecords()) tasks.push(entry.duration);
    observer.disconnect();
    const sorted = deltas.sort((a, b) => a - b);
    return {
      longTasks: tasks.length,
      longTaskMs: tasks.reduce((sum, d) => sum + d, 0),
      frames: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), count: sorted.length },
    };
  };
}
