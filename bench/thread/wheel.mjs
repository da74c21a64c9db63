/**
 * Wheel input as a person's fling gives it: `steps` mouse-wheel events of `deltaY` px at (x, y),
 * spread evenly over `durationMs`, dispatched through the Chrome DevTools Protocol
 * (`Input.dispatchMouseEvent`, type `mouseWheel`) so the browser scrolls natively, as it does for a
 * real wheel (on the compositor, with its own scroll animation). `cdp` is a CDP session of
 * playwright (`newCDPSession`) or puppeteer (`createCDPSession`): both have `send(method, params)`.
 * Used by `npm run bench:thread` and by the browser test test/thread-fling.test.ts (through the
 * web-test-runner plugin in test/wheel-plugin.mjs).
 */
export async function fling(cdp, { x, y, deltaY, steps = 181, durationMs = 3000 }) {
  const started = Date.now();
  const interval = durationMs / (steps - 1);
  const sent = [];
  for (let i = 0; i < steps; i++) {
    // On time, not one after the other: a slow answer does not stretch the fling.
    const wait = started + i * interval - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sent.push(cdp.send('Input.dispatchMouseEvent', { type: 'mouseWheel', x, y, deltaX: 0, deltaY }));
  }
  await Promise.all(sent);
  return { steps, ms: Date.now() - started };
}
