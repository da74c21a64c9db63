/**
 * Waits until `condition` holds, polling between macrotasks (engine events, lazily loaded chunks,
 * renders and real I/O land meanwhile), and fails with `what` after `ms` of real time. The one
 * wait of the node and the browser tests: a test never polls without a bound.
 */
export async function until(condition: () => unknown, what = 'the awaited condition', ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
