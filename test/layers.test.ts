import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import type { ChatClient, Message } from '../src/index.js';
import '../src/elements/composer/composer.js';
import '../src/elements/gear-menu/gear-menu.js';
import '../src/elements/launcher/launcher.js';
import '../src/elements/thread/thread.js';
import '../src/elements/tribute-button/tribute-button.js';
import type { VolleyLauncher } from '../src/elements/launcher/launcher.js';
import { hitAt, makeWorld, until } from './helpers.js';

// Every dialog, menu and pop-over must be usable wherever a host puts the element: inside a box
// with `overflow: hidden` and little height, under a sibling with a high z-index, at desktop and
// phone sizes. Each control of each must be inside the viewport and be what the pointer reaches.

const EMOJI_DATA = new URL('./fixtures/emoji-data.json', import.meta.url).href;
const SIZES = [{ width: 1280, height: 800 }, { width: 390, height: 844 }];

/** Mounts `content` in a box `height` px high at the top or bottom of the viewport, clipped, with a cover over the rest. */
async function cramped(content: TemplateResult, at: 'top' | 'bottom', height: number): Promise<HTMLElement> {
  const page = await fixture<HTMLElement>(html`<div>
    <div style=${`position: fixed; inset-inline: 0; ${at}: 0; height: ${height}px; overflow: hidden; z-index: 1; background: #fff`}>${content}</div>
    <div class="cover" style=${`position: fixed; inset-inline: 0; ${at === 'top' ? `top: ${height}px; bottom: 0` : `top: 0; bottom: ${height}px`}; z-index: 2147483647; background: #ddd`}></div>
  </div>`);
  return page.firstElementChild as HTMLElement;
}

/** Whether `node` is `ancestor` or inside it, across shadow roots. */
function within(node: Node | null, ancestor: Node): boolean {
  for (; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null) if (node === ancestor) return true;
  return false;
}

/** The control is fully inside the viewport and the pointer reaches it at its centre. */
function expectReachable(control: Element): void {
  const box = control.getBoundingClientRect();
  const name = `${control.localName} "${control.textContent?.trim() || control.getAttribute('aria-label') || control.getAttribute('name') || ''}"`;
  expect(box.width > 0 && box.height > 0, `${name} has a size`).to.equal(true);
  expect(box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.bottom <= innerHeight,
    `${name} inside the ${innerWidth}×${innerHeight} viewport: ${JSON.stringify(box)}`).to.equal(true);
  const x = box.left + box.width / 2;
  const y = box.top + box.height / 2;
  expect(within(hitAt(x, y), control), `${name} is what the pointer reaches at its centre (found ${hitAt(x, y)?.outerHTML.slice(0, 80)})`).to.equal(true);
}

const CONTROLS = 'button, input, textarea, a[href], [role=menuitem]';
function expectAllReachable(layer: Element): void {
  const controls = [...layer.querySelectorAll(CONTROLS)];
  expect(controls.length, `controls in ${layer.localName}[part=${layer.getAttribute('part')}]`).to.be.greaterThan(0);
  controls.forEach(expectReachable);
}

/** Clicks at the centre of `element` as a user does (the pointer, not `click()`). */
async function clickOn(element: Element): Promise<void> {
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
}

const shadow = (el: Element) => el.shadowRoot!;
const byText = (root: ParentNode, selector: string, text: string) =>
  [...root.querySelectorAll<HTMLElement>(selector)].find((e) => e.textContent!.trim() === text)!;

async function chat() {
  const world = makeWorld();
  const cam = await world.client('cam');
  const ivy = await world.client('ivy');
  const { id } = await cam.startConversation({ with: 'ivy' });
  await cam.send(id, { kind: 'text', text: 'Hello Ivy' });
  await until(() => ivy.state.conversations[id]);
  return { world, cam, ivy, id };
}

const tributes = (client: ChatClient, id: string) => (client.state.messages[id] ?? []).filter((m: Message) => m.kind === 'tribute');

for (const size of SIZES) {
  describe(`dialogs, menus and pop-overs at ${size.width}×${size.height}, in a clipped box under a cover`, () => {
    before(() => setViewport(size));
    after(() => setViewport({ width: 800, height: 600 }));

    it('the tribute dialog shows whole, and a tribute is sent by real clicks', async () => {
      const { cam, ivy, id } = await chat();
      const box = await cramped(html`<volley-tribute-button .client=${cam} conversation-id=${id}></volley-tribute-button>`, 'top', 56);
      const el = box.firstElementChild!;
      await clickOn(shadow(el).querySelector('[part=button]')!);
      await until(() => shadow(el).querySelector('[part=dialog]'));
      const dialog = shadow(el).querySelector('[part=dialog]')!;
      expectAllReachable(dialog);
      await clickOn(byText(dialog, 'button', '$10.00'));
      await until(() => shadow(el).querySelector('[part=confirm]')?.textContent?.trim() === 'Send $10.00');
      await clickOn(shadow(el).querySelector('[part=confirm]')!);
      await until(() => tributes(ivy, id).length === 1);
      expect(shadow(el).querySelector('[part=status]')!.textContent).to.equal('Tribute sent');
    });

    it("the gear menu and its panels show whole: the customer details' note can be written and saved", async () => {
      const { ivy, id } = await chat();
      const box = await cramped(html`<div style="display: flex; justify-content: flex-end"><volley-gear-menu .client=${ivy} conversation-id=${id}></volley-gear-menu></div>`, 'top', 56);
      const el = box.querySelector('volley-gear-menu')!;
      await clickOn(shadow(el).querySelector('[part=button]')!);
      await until(() => shadow(el).querySelector('[part=menu] [role=menuitem]'));
      expectAllReachable(shadow(el).querySelector('[part=menu]')!);
      await clickOn(byText(shadow(el), '[role=menuitem]', 'Customer details'));
      await until(() => shadow(el).querySelector('[part=details] textarea'));
      const details = shadow(el).querySelector('[part=details]')!;
      expectAllReachable(details);
      await clickOn(details.querySelector('textarea')!);
      await sendKeys({ type: 'Prefers evenings' });
      await clickOn(byText(details, 'button', 'Save note'));
      await until(() => details.textContent!.includes('Note saved.'));
      await clickOn(byText(details, 'button', 'Close'));
      await until(() => !shadow(el).querySelector('[part=details]'));

      // Blocked: the blocked list opens from the menu, as a dialog too.
      await clickOn(shadow(el).querySelector('[part=button]')!);
      await until(() => shadow(el).querySelector('[role=menuitem]'));
      await clickOn(byText(shadow(el), '[role=menuitem]', 'Block Cam'));
      await until(() => ivy.state.blocked.includes('cam'));
      await clickOn(shadow(el).querySelector('[part=button]')!);
      await until(() => shadow(el).querySelector('[role=menuitem]'));
      await clickOn(byText(shadow(el), '[role=menuitem]', 'Blocked (1)'));
      await until(() => shadow(el).querySelector('[part=blocked] li'));
      expectAllReachable(shadow(el).querySelector('[part=blocked]')!);
    });

    it("the composer's Insert menu, tribute request form and emoji panel show whole", async () => {
      const { ivy, id } = await chat();
      const catalogs = {
        paymentButtons: [{ id: 'pb1', title: 'Portrait session', amountCents: 4500 }],
        goodies: [{ id: 'g1', title: 'Wallpaper pack' }],
        engagements: [{ id: 'e1', title: '10% off' }],
      };
      const box = await cramped(html`<volley-composer .client=${ivy} conversation-id=${id} emoji-data-url=${EMOJI_DATA}
        .paymentButtons=${catalogs.paymentButtons} .goodies=${catalogs.goodies} .engagements=${catalogs.engagements}></volley-composer>`, 'bottom', 140);
      const el = box.firstElementChild!;
      await until(() => shadow(el).querySelector('[part=insert-button]'));
      await clickOn(shadow(el).querySelector('[part=insert-button]')!);
      await until(() => shadow(el).querySelector('[part=menu] [role=menuitem]'));
      expectAllReachable(shadow(el).querySelector('[part=menu]')!);
      await clickOn(shadow(el).querySelector('[part=insert-button]')!);
      await until(() => !shadow(el).querySelector('[part=menu]'));

      await clickOn(shadow(el).querySelector('[part=request-button]')!);
      await until(() => shadow(el).querySelector('[part=tribute-form] input'));
      expectAllReachable(shadow(el).querySelector('[part=tribute-form]')!);
      await clickOn(shadow(el).querySelector('[part=request-button]')!);
      await until(() => !shadow(el).querySelector('[part=tribute-form]'));

      await clickOn(shadow(el).querySelector('[part=emoji-button]')!);
      await until(() => shadow(el).querySelector('[part=emoji-panel]')?.shadowRoot?.querySelector('[role=gridcell]'));
      const picker = shadow(el).querySelector('[part=emoji-panel]')!;
      // Its search, its tabs and the first emoji (the grid scrolls the others into view).
      for (const control of picker.shadowRoot!.querySelectorAll('input, [role=tab], [role=gridcell]:first-of-type')) expectReachable(control);
    });

    it("the thread's delete confirmation shows whole", async () => {
      const { cam, id } = await chat();
      const box = await cramped(html`<volley-thread .client=${cam} conversation-id=${id} style="height: 100%"></volley-thread>`, 'top', 160);
      const el = box.firstElementChild!;
      await until(() => shadow(el).querySelector('button[data-action=delete]'));
      shadow(el).querySelector<HTMLButtonElement>('button[data-action=delete]')!.click();
      await until(() => shadow(el).querySelector('dialog')?.open);
      expectAllReachable(shadow(el).querySelector('dialog')!);
    });
  });
}

describe('volley-launcher on a page wider than the phone', () => {
  const real = Object.getOwnPropertyDescriptor(window, 'visualViewport')!;
  afterEach(async () => {
    Object.defineProperty(window, 'visualViewport', real);
    await setViewport({ width: 800, height: 600 });
  });

  it('keeps the bubble and the open panel inside the visual viewport, following it as it moves', async () => {
    await setViewport({ width: 390, height: 844 });
    // A phone showing part of a wide page: the layout viewport is wider than what is on screen
    // (as Chromium on Android does with a long <pre>); the visual viewport says what is visible.
    const visual = Object.assign(new EventTarget(), { offsetLeft: 0, offsetTop: 0, width: 300, height: 500, scale: 1 });
    Object.defineProperty(window, 'visualViewport', { configurable: true, get: () => visual });
    const { cam, id } = await chat();
    const page = await fixture<HTMLElement>(html`<div><pre>${'x'.repeat(400)}</pre>
      <volley-launcher .client=${cam} conversation-id=${id}></volley-launcher></div>`);
    const launcher = page.querySelector<VolleyLauncher>('volley-launcher')!;
    const inside = (element: Element) => {
      const box = element.getBoundingClientRect();
      const { offsetLeft: x, offsetTop: y, width, height } = visual;
      expect(box.left >= x && box.top >= y && box.right <= x + width && box.bottom <= y + height,
        `${element.getAttribute('part')} ${JSON.stringify(box)} inside the visual viewport ${JSON.stringify({ x, y, width, height })}`).to.equal(true);
    };
    const bubble = shadow(launcher).querySelector('[part=bubble]')!;
    await until(() => bubble.getBoundingClientRect().right <= visual.width);
    inside(bubble);

    // Panned right and shrunk by an on-screen keyboard.
    Object.assign(visual, { offsetLeft: 60, offsetTop: 20, height: 400 });
    visual.dispatchEvent(new Event('scroll'));
    visual.dispatchEvent(new Event('resize'));
    await launcher.updateComplete;
    inside(bubble);

    launcher.show();
    await until(() => shadow(launcher).querySelector('[part=panel]'));
    const panel = shadow(launcher).querySelector('[part=panel]')!;
    inside(panel);
    expect(Math.round(panel.getBoundingClientRect().width)).to.equal(300);
  });
});
