// The journey harness: plays the composed product the way people use it. One world per journey
// file — the chat server of `npm start` hosting the demo world (on a temporary folder and free
// ports, time moved by the test) and the page server with its strict CSP — and Chromium, in
// which each person opens the host page (demo/host.html: the script tag, mounted over WebSocket)
// at a desktop or phone size. A step counts only when a person could do it: the control is inside
// the viewport and is what the browser finds at its centre. Any CSP violation, console error,
// uncaught exception, failed request or HTTP error fails the journey.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { HostCall, User } from '../src/index.js';
import { findChromium } from '../scripts/find-chromium.mjs';
import { startDemo } from '../scripts/start.mjs';
import { startPostgres, type ThrowawayPostgres } from '../test-node/postgres.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Screenshots of every journey, to look at (git ignores the folder). */
export const SHOTS = join(root, '.journeys');
const TIMEOUT = 10_000;

/** Flags for headless Chromium as root on a closed network: the same as web-test-runner.config.mjs. */
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export const SIZES = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
} as const;
export type Size = keyof typeof SIZES;

export interface OpenOptions {
  /** `inline` (default): `volley-chat` mounted into the page; `bubble`: the script tag's launcher. */
  surface?: 'inline' | 'bubble';
  size?: Size;
  /** A provider, team or channel id: the chat with it opens (a customer starts it). */
  with?: string;
  /** Problems this journey expects (an outage's failed socket): matched against each problem's text. */
  allow?: RegExp[];
  /** Extra query for the host page (`wide=1` …). */
  query?: Record<string, string>;
}

type Running = Awaited<ReturnType<typeof startDemo>>;

export class World {
  readonly #browser: Browser;
  readonly #running: Running;
  readonly #dataDir: string;
  #postgres: ThrowawayPostgres | undefined;
  /** The people of the journey running now: closed (and checked) when it ends. */
  #people: Person[] = [];
  #serial = 0;

  private constructor(browser: Browser, running: Running, dataDir: string) {
    this.#browser = browser;
    this.#running = running;
    this.#dataDir = dataDir;
  }

  /** The demo world on a new data folder (and, with `postgres`, a throwaway PostgreSQL) and free ports, and a browser. */
  static async start(options: { postgres?: boolean } = {}): Promise<World> {
    for (const file of ['dist/volley.js', 'dist/demo/host.js']) {
      if (!existsSync(join(root, file))) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does).`);
    }
    const executablePath = findChromium();
    if (!executablePath) throw new Error('Chromium is missing: run `node scripts/find-chromium.mjs` (or set CHROME_PATH).');
    const dataDir = mkdtempSync(join(tmpdir(), 'volley-journey-'));
    const postgres = options.postgres ? await startPostgres() : undefined;
    const running = await startDemo({ chatPort: 0, demoPort: 0, host: '127.0.0.1', dataDir, postgres: await postgres?.database('journey') });
    const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
    mkdirSync(SHOTS, { recursive: true });
    const world = new World(browser, running, dataDir);
    world.#postgres = postgres;
    return world;
  }

  /** The page server's address (`http://127.0.0.1:port`). */
  get url(): string {
    return this.#running.url.replace(/\/$/, '');
  }

  get server() {
    return this.#running.chat;
  }

  /** Opens any page of the page server (`/` is the designers' demo) as a visitor. */
  async visit(path: string, options: { size?: Size | { width: number; height: number }; allow?: RegExp[]; name?: string } = {}): Promise<Person> {
    const size = options.size ?? 'desktop';
    const person = await this.#person(options.name ?? 'visitor', size, options.allow);
    await person.page.goto(`${this.url}${path}`);
    return person;
  }

  async #person(user: string, size: Size | { width: number; height: number }, allow: RegExp[] = []): Promise<Person> {
    const named = typeof size === 'string';
    const context = await this.#browser.newContext(named ? { ...SIZES[size] } : { viewport: size });
    const page = await context.newPage();
    const person = new Person(user, named ? size : `${size.width}x${size.height}`, context, page, allow);
    this.#people.push(person);
    await person.watch();
    return person;
  }

  /** Opens the host page as `user` (a demo person or one made by `customer()`); resolves once the chat is mounted. */
  async open(user: string, options: OpenOptions = {}): Promise<Person> {
    const person = await this.#person(user, options.size ?? 'desktop', options.allow);
    const { page } = person;
    const query = new URLSearchParams({ user, ...(options.surface === 'bubble' ? { surface: 'bubble' } : {}), ...(options.with ? { with: options.with } : {}), ...options.query });
    await page.goto(`${this.url}/host.html?${query}`);
    await page.locator('body[data-mounted="true"]').waitFor({ state: 'attached' });
    return person;
  }

  /** A new customer of the world (journeys stay apart by each using their own): their id. */
  async customer(name = 'Dee'): Promise<string> {
    const id = `${name.toLowerCase().replace(/\W+/g, '-')}-${++this.#serial}`;
    await this.host({ name: 'upsertUser', args: [{ id, role: 'customer', name } satisfies User] });
    return id;
  }

  /** A host call on the chat server, journaled (accounts, reviews, orders, users). */
  async host(call: HostCall): Promise<unknown> {
    const answer = await fetch(`${this.server.url}/dev/host`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(call) });
    const body = await answer.json() as { result?: unknown; message?: string };
    if (!answer.ok) throw new Error(`host call ${call.name} refused: ${body.message}`);
    return body.result;
  }

  /** Moves the server's time ahead: countdowns that fall due run. */
  async advance(ms: number): Promise<void> {
    const answer = await fetch(`${this.server.url}/dev/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: ms }) });
    if (!answer.ok) throw new Error(`the server refused to move its clock: ${answer.status}`);
    await this.server.journal.idle();
  }

  /** An outage: the chat server stops; the pages stay open. */
  stopServer(): Promise<void> {
    return this.#running.stopChat();
  }

  /** The chat server starts again on the same port and data. */
  startServer(): Promise<void> {
    return this.#running.startChat();
  }

  /**
   * Ends a journey: with `failure`, a screenshot of every page and their problems are added to it;
   * else each page must be clean (no problem reported). Every page is closed.
   */
  async endJourney(name: string, failure?: unknown): Promise<void> {
    const people = this.#people;
    this.#people = [];
    const notes: string[] = [];
    for (const person of people) {
      if (failure) {
        notes.push(`${person.user} (${person.size}): ${await person.shot(`failed-${name}`).catch(() => 'no screenshot')}`);
        if (person.problems.length) notes.push(`  reported: ${person.problems.join('\n  ')}`);
      } else if (person.problems.length) {
        failure ??= new Error(`${person.user}'s page (${person.size}) reported:\n  ${person.problems.join('\n  ')}`);
      }
      await person.context.close().catch(() => undefined);
    }
    if (failure instanceof Error && notes.length) failure.message += `\nScreenshots and problems:\n${notes.join('\n')}`;
    if (failure) throw failure;
  }

  /** Closes every page, the browser and the servers, and deletes the data folder. */
  async close(): Promise<void> {
    await this.#browser.close();
    await this.#running.close();
    await this.#postgres?.stop();
    rmSync(this.#dataDir, { recursive: true, force: true });
  }
}

/** One person's page. Locators reach into open shadow roots (Playwright's CSS and role engines pierce them). */
export class Person {
  readonly problems: string[] = [];

  constructor(
    readonly user: string,
    /** `desktop`, `phone`, or `<width>x<height>`. */
    readonly size: string,
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly allow: RegExp[],
  ) {
    page.setDefaultTimeout(TIMEOUT);
  }

  /** Records every problem the page reports: CSP violations, console errors, uncaught exceptions, failed requests. */
  async watch(): Promise<void> {
    const { page } = this;
    const report = (text: string) => {
      if (!this.allow.some((pattern) => pattern.test(text))) this.problems.push(text);
    };
    await page.exposeFunction('reportViolation', (directive: string, source: string, blocked: string) => report(`CSP violation: ${directive} refused ${blocked || 'inline'} (${source || 'the page'})`));
    // tsx compiles this file keeping function names (`__name(fn, …)`); functions sent to the page need the helper there.
    await page.addInitScript({ content: 'window.__name = (fn) => fn;' });
    await page.addInitScript(() => {
      const w = window as unknown as { reportViolation(d: string, s: string, b: string): void };
      window.addEventListener('securitypolicyviolation', (event) => w.reportViolation(event.violatedDirective, event.sourceFile, event.blockedURI));
    });
    page.on('console', (message) => {
      if (message.type() === 'error') report(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => report(`uncaught: ${error.stack ?? error.message}`));
    page.on('requestfailed', (request) => report(`request failed: ${request.url()} (${request.failure()?.errorText})`));
    page.on('response', (response) => {
      if (response.status() >= 400) report(`HTTP ${response.status()}: ${response.url()}`);
    });
  }

  /** A locator by CSS (through shadow roots), or a locator as it is. */
  find(target: string | Locator): Locator {
    return typeof target === 'string' ? this.page.locator(target) : target;
  }

  /** A button by its accessible name (a string matches the whole name). */
  button(name: string | RegExp): Locator {
    return this.page.getByRole('button', { name, exact: typeof name === 'string' });
  }

  /**
   * Waits for the control, scrolls only what a person can scroll (ancestors with `overflow: auto`
   * or `scroll`, never the window past a clipped box), then checks that it is fully inside the
   * viewport and is what the browser finds at its centre. Returns that centre.
   */
  async reach(target: string | Locator): Promise<{ x: number; y: number }> {
    // Strict: a target that matches two controls is a mistake in the journey.
    const locator = this.find(target);
    await locator.waitFor({ state: 'visible' });
    const deadline = Date.now() + TIMEOUT;
    for (;;) {
      const verdict = await locator.evaluate(reachable);
      if (typeof verdict !== 'string') return verdict;
      // Animations and layout settle within a few frames; a control that stays unreachable fails.
      if (Date.now() > deadline) {
        await this.shot(`unreachable-${Date.now()}`);
        throw new Error(`${this.user} (${this.size}) cannot reach ${locator}: ${verdict}`);
      }
      await this.page.waitForTimeout(50);
    }
  }

  /** Clicks (taps on a phone) the control where a person would: at its centre, once it is reachable. */
  async press(target: string | Locator): Promise<void> {
    const { x, y } = await this.reach(target);
    if (this.size === 'phone') await this.page.touchscreen.tap(x, y);
    else await this.page.mouse.click(x, y);
  }

  /** Focuses a field by pressing it, then types as a person does (key by key). */
  async type(target: string | Locator, text: string): Promise<void> {
    await this.press(target);
    await this.page.keyboard.type(text);
  }

  /** Waits until the target is visible (scrolled into view where a person would scroll). */
  async see(target: string | Locator, timeout = TIMEOUT): Promise<Locator> {
    const locator = this.find(target).first();
    await locator.waitFor({ state: 'visible', timeout });
    return locator;
  }

  /** Waits for a text anywhere on the page (shadow roots included). */
  seeText(text: string | RegExp, timeout = TIMEOUT): Promise<Locator> {
    return this.see(this.page.getByText(text), timeout);
  }

  /** Saves a screenshot of what the person sees under .journeys/. */
  async shot(name: string): Promise<string> {
    const path = join(SHOTS, `${name}-${this.user}-${this.size}.png`);
    await this.page.screenshot({ path });
    return path;
  }

}

/**
 * Runs in the page: whether a person can reach `element`. Scrolls user-scrollable ancestors to
 * bring it into their view, then answers its centre, or why it cannot be reached.
 */
function reachable(element: Element): { x: number; y: number } | string {
  const parentOf = (node: Node): Node | null => (node.parentNode instanceof ShadowRoot ? node.parentNode.host : node.parentNode);
  for (let node = parentOf(element); node instanceof Element; node = parentOf(node)) {
    const { overflowY, overflowX } = getComputedStyle(node);
    const box = node.getBoundingClientRect();
    const rect = element.getBoundingClientRect();
    if (/auto|scroll/.test(overflowY) && node.scrollHeight > node.clientHeight) {
      if (rect.top < box.top) node.scrollTop -= box.top - rect.top;
      else if (rect.bottom > box.bottom) node.scrollTop += Math.min(rect.bottom - box.bottom, rect.top - box.top);
    }
    if (/auto|scroll/.test(overflowX) && node.scrollWidth > node.clientWidth) {
      if (rect.left < box.left) node.scrollLeft -= box.left - rect.left;
      else if (rect.right > box.right) node.scrollLeft += Math.min(rect.right - box.right, rect.left - box.left);
    }
  }
  const rect = element.getBoundingClientRect();
  const view = window.visualViewport;
  const [left, top] = [view?.offsetLeft ?? 0, view?.offsetTop ?? 0];
  const [right, bottom] = [left + (view?.width ?? innerWidth), top + (view?.height ?? innerHeight)];
  const describe = (node: Element | null) => (node ? `<${node.localName}${node.id ? `#${node.id}` : ''}${node.getAttribute('part') ? ` part=${node.getAttribute('part')}` : ''}> "${(node.textContent ?? '').trim().slice(0, 40)}"` : 'nothing');
  if (rect.width < 1 || rect.height < 1) return `it has no size (${rect.width}×${rect.height})`;
  if ((element as HTMLButtonElement).disabled || element.getAttribute('aria-disabled') === 'true') return 'it is disabled';
  if (rect.left < left - 0.5 || rect.top < top - 0.5 || rect.right > right + 0.5 || rect.bottom > bottom + 0.5) {
    return `it is not inside the viewport: [${Math.round(rect.left)}, ${Math.round(rect.top)}, ${Math.round(rect.right)}, ${Math.round(rect.bottom)}] in [${Math.round(left)}, ${Math.round(top)}, ${Math.round(right)}, ${Math.round(bottom)}]`;
  }
  const x = rect.left + rect.width / 2;
  const y = rect.top + rect.height / 2;
  let hit = document.elementFromPoint(x, y);
  while (hit?.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  for (let node: Node | null = hit; node; node = parentOf(node)) if (node === element) return { x, y };
  return `${describe(hit)} is on top of it at its centre`;
}

/**
 * A journey file's world and its journeys: `journeys((world) => { journey(…) })` starts one world
 * for the file; each `journey` is a test that ends with its pages checked and closed, and on
 * failure leaves a screenshot of every page under .journeys/ (named in the error).
 */
let current: World | undefined;
let store: 'sqlite' | 'postgres' = 'sqlite';
/** Called at the top of a journey file: its world's server keeps its data in a throwaway PostgreSQL instead of SQLite. */
export function onPostgres(): void {
  store = 'postgres';
}
before(async () => { current = await World.start({ postgres: store === 'postgres' }); });
after(() => current?.close());

export function journey(name: string, body: (world: World) => Promise<void>): void {
  test(name, async () => {
    const world = current!;
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
    let failure: unknown;
    try {
      await body(world);
    } catch (error) {
      failure = error ?? new Error('the journey failed');
    }
    await world.endJourney(slug, failure);
  });
}
