import { disposeWorlds } from '../test-support/world.js';
import { until } from '../test-support/until.js';

export { START, PEOPLE, makeWorld, type World } from '../test-support/world.js';
export { until } from '../test-support/until.js';

// Every world a test made is disposed after it, passed or failed.
afterEach(disposeWorlds);

/** Lets queued events (a microtask apart on LocalTransport) and Lit renders land. */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** The element a pointer reaches at (x, y) in `root` (a document, the page's by default), looking into open shadow roots. */
export function hitAt(x: number, y: number, root: Document | ShadowRoot = document): Element | null {
  let hit = root.elementFromPoint(x, y);
  while (hit?.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  return hit;
}

/** The element a pointer reaches at the centre of `target`. */
export function reachedAt(target: Element): Element | null {
  const box = target.getBoundingClientRect();
  return hitAt(box.x + box.width / 2, box.y + box.height / 2, target.ownerDocument);
}

/** A page of test/csp/ (served under the strict CSP) in an iframe, once its chats are ready. */
export async function openCspPage(): Promise<{ frame: HTMLIFrameElement; doc: Document; page: Window & CspPage }> {
  const frame = document.createElement('iframe');
  frame.style.width = '1000px';
  frame.style.height = '700px';
  frame.src = '/test/csp/page.html';
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const page = frame.contentWindow as unknown as Window & CspPage;
  await until(() => page.volleyCsp);
  await page.volleyCsp.ready;
  return { frame, doc: frame.contentDocument!, page };
}

/** What test/csp/page.ts puts on its window. */
export interface CspPage {
  volleyCsp: { ready: Promise<unknown>; violations: string[] };
}
