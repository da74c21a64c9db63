import { expect } from '@open-wc/testing';
import { ChatClient, ChatEngine, LocalTransport, ManualClock, MemoryNotifier, MemoryPayments, presets, type Policy } from '../src/index.js';

export const START = Date.parse('2026-01-01T09:00:00Z');

/** Lets queued events (a microtask apart on LocalTransport) and Lit renders land. */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Waits for engine events, lazily loaded rule chunks and renders to land, then asserts the condition. */
export async function until(condition: () => unknown): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await settle(1);
  expect(condition(), 'the awaited condition').to.be.ok;
}

/** An engine on a ManualClock with the people of the seed products, and a client maker. */
export function makeWorld(policy: Policy = presets.paidChat()) {
  const clock = new ManualClock(START);
  const payments = new MemoryPayments();
  const notifier = new MemoryNotifier();
  const engine = new ChatEngine({ policy, clock, payments, notifier });
  engine.upsertUser({ id: 'cam', role: 'customer', name: 'Cam' });
  engine.upsertUser({ id: 'ivy', role: 'provider', name: 'Ivy', teamId: 'team' });
  engine.upsertUser({ id: 'ana', role: 'agent', name: 'Ana', teamId: 'team' });
  engine.upsertUser({ id: 'bo', role: 'agent', name: 'Bo', teamId: 'team' });
  engine.upsertUser({ id: 'adm', role: 'admin', name: 'Ada', teamId: 'team' });
  const clients: ChatClient[] = [];
  async function client(userId: string): Promise<ChatClient> {
    const made = new ChatClient({ transport: new LocalTransport(engine, { userId }), clock });
    await made.connect();
    clients.push(made);
    return made;
  }
  return { clock, payments, notifier, engine, client, dispose: () => { clients.forEach((c) => c.disconnect()); engine.dispose(); } };
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
