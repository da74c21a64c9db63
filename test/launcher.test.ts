import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import type { ChatClient } from '../src/index.js';
import '../src/elements/launcher/launcher.js';
import type { VolleyLauncher } from '../src/elements/launcher/launcher.js';
import { makeWorld, settle, until } from './helpers.js';

const part = <E extends HTMLElement = HTMLElement>(host: Element, name: string) => host.shadowRoot!.querySelector<E>(`[part~=${name}]`);
const bubble = (launcher: VolleyLauncher) => part<HTMLButtonElement>(launcher, 'bubble')!;
const chatIn = (launcher: VolleyLauncher) => launcher.shadowRoot!.querySelector('volley-chat');
const inChat = <K extends keyof HTMLElementTagNameMap>(launcher: VolleyLauncher, tag: K) => chatIn(launcher)?.shadowRoot?.querySelector(tag) ?? null;
const threadText = (launcher: VolleyLauncher) => inChat(launcher, 'volley-thread')?.shadowRoot?.textContent ?? '';
/** The element that has the focus, looking through shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Cam wrote to Ivy; `who`'s launcher on the page, closed. */
async function launcherFor(who: 'cam' | 'ivy') {
  const world = makeWorld();
  const cam = await world.client('cam');
  const ivy = await world.client('ivy');
  const conversation = await cam.startConversation({ with: 'ivy' });
  await cam.send(conversation.id, { kind: 'text', text: 'Hello Ivy' });
  await until(() => ivy.state.conversations[conversation.id]);
  const client = who === 'cam' ? cam : ivy;
  const launcher = await fixture<VolleyLauncher>(html`<volley-launcher .client=${client} conversation-id=${conversation.id}></volley-launcher>`);
  return { world, cam, ivy, id: conversation.id, launcher };
}

/** Counts the client's live subscriptions, to prove the launcher lets go of them. */
function countSubscriptions(client: ChatClient) {
  const live = { count: 0 };
  const subscribe = client.subscribe.bind(client);
  client.subscribe = ((...args: Parameters<ChatClient['subscribe']>) => {
    live.count++;
    const stop = subscribe(...args);
    let stopped = false;
    return () => { if (!stopped) { stopped = true; live.count--; } stop(); };
  }) as ChatClient['subscribe'];
  return live;
}

describe('volley-launcher', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('the bubble opens a panel holding the chat, and closes it again', async () => {
    const { launcher } = await launcherFor('cam');
    const toggles: boolean[] = [];
    launcher.addEventListener('volley-toggle', (event) => toggles.push(event.open));
    expect(bubble(launcher).getAttribute('aria-expanded')).to.equal('false');
    expect(part(launcher, 'panel')).to.equal(null);

    bubble(launcher).click();
    await until(() => threadText(launcher).includes('Hello Ivy'));
    expect(bubble(launcher).getAttribute('aria-expanded')).to.equal('true');
    expect(part(launcher, 'panel')!.getAttribute('role')).to.equal('dialog');
    expect(launcher.isOpen).to.equal(true);

    bubble(launcher).click();
    await until(() => !part(launcher, 'panel'));
    expect(bubble(launcher).getAttribute('aria-expanded')).to.equal('false');
    expect(toggles).to.deep.equal([true, false]);
  });

  it('works from the keyboard: Enter opens with the focus in the panel, Escape closes and gives it back to the bubble', async () => {
    const { launcher } = await launcherFor('cam');
    bubble(launcher).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => launcher.shadowRoot!.activeElement?.getAttribute('part') === 'panel');
    await until(() => inChat(launcher, 'volley-composer'));
    inChat(launcher, 'volley-composer')!.shadowRoot!.querySelector('textarea')!.focus();

    await sendKeys({ press: 'Escape' });
    await until(() => !part(launcher, 'panel'));
    expect(launcher.shadowRoot!.activeElement?.getAttribute('part')).to.equal('bubble');
  });

  it('the last of show() and hide() wins, while the panel\'s elements load', async () => {
    const { launcher } = await launcherFor('cam');
    launcher.show();
    launcher.hide();
    launcher.show();
    await until(() => part(launcher, 'panel'));
    launcher.hide();
    launcher.show();
    launcher.hide();
    await until(() => !part(launcher, 'panel'));
    await settle();
    expect([launcher.isOpen, Boolean(part(launcher, 'panel'))]).to.deep.equal([false, false]);
  });

  it('the close button closes the panel and gives the focus back to the bubble', async () => {
    const { launcher } = await launcherFor('cam');
    launcher.show();
    await until(() => part(launcher, 'close'));
    part(launcher, 'close')!.click();
    await until(() => !part(launcher, 'panel'));
    expect(launcher.shadowRoot!.activeElement?.getAttribute('part')).to.equal('bubble');
  });

  it('Escape that closes a menu inside the panel leaves the panel open', async () => {
    const { launcher } = await launcherFor('cam');
    launcher.show();
    await until(() => inChat(launcher, 'volley-gear-menu')?.shadowRoot?.querySelector('[part~=button]'));
    const menu = inChat(launcher, 'volley-gear-menu')!;
    part<HTMLButtonElement>(menu, 'button')!.click();
    await until(() => menu.shadowRoot!.querySelector('[role=menuitem]'));
    menu.shadowRoot!.querySelector<HTMLElement>('[role=menuitem]')!.focus();

    await sendKeys({ press: 'Escape' });
    await until(() => !menu.shadowRoot!.querySelector('[role=menu]'));
    expect(launcher.isOpen).to.equal(true);
    expect(part(launcher, 'panel')).to.not.equal(null);
  });

  it('shows a dot on the bubble while a chat is unread, and none once it is read', async () => {
    const { ivy, id, launcher } = await launcherFor('ivy');
    // Cam's message is unread on Ivy's side.
    await until(() => part(launcher, 'unread'));
    expect(bubble(launcher).textContent).to.include('Unread messages');

    launcher.show();
    await until(() => threadText(launcher).includes('Hello Ivy'));
    expect(part(launcher, 'unread'), 'no dot while open').to.equal(null);
    // The thread on screen marks the chat read.
    await until(() => !ivy.state.conversations[id].unread);
    launcher.hide();
    await until(() => !part(launcher, 'panel'));
    await until(() => !part(launcher, 'unread'));
  });

  it('a message arriving while the panel is closed brings the dot back', async () => {
    const { world, cam, id, launcher } = await launcherFor('cam');
    expect(part(launcher, 'unread')).to.equal(null);
    const { ivy } = { ivy: await world.client('ivy') };
    await ivy.send(id, { kind: 'text', text: 'Hi Cam' });
    await until(() => cam.state.conversations[id]?.unread);
    await until(() => part(launcher, 'unread'));
  });

  it('fills the visual viewport on a phone, and hides the bubble under the panel', async () => {
    await setViewport({ width: 375, height: 667 });
    const { launcher } = await launcherFor('cam');
    launcher.show();
    await until(() => part(launcher, 'panel'));
    const panel = part(launcher, 'panel')!;
    await until(() => Math.round(panel.getBoundingClientRect().height) === Math.round(window.visualViewport!.height));
    const box = panel.getBoundingClientRect();
    expect([Math.round(box.left), Math.round(box.top), Math.round(box.width)]).to.deep.equal([0, 0, window.innerWidth]);
    expect(getComputedStyle(bubble(launcher)).display).to.equal('none');
  });

  it('keeps fields at 16px, and sending leaves the focus (a phone\'s keyboard) in the text field', async () => {
    const { launcher } = await launcherFor('cam');
    launcher.show();
    await until(() => inChat(launcher, 'volley-composer')?.shadowRoot?.querySelector('textarea'));
    const composer = inChat(launcher, 'volley-composer')!;
    const field = composer.shadowRoot!.querySelector('textarea')!;
    expect(parseFloat(getComputedStyle(field).fontSize)).to.be.at.least(16);

    field.focus();
    await sendKeys({ type: 'One more thing' });
    await until(() => !part<HTMLButtonElement>(composer, 'send-button')!.disabled);
    let blurs = 0;
    field.addEventListener('blur', () => blurs++);
    const send = part(composer, 'send-button')!.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(send.x + send.width / 2), Math.round(send.y + send.height / 2)] });
    await until(() => threadText(launcher).includes('One more thing'));
    expect(blurs, 'times the text field lost the focus').to.equal(0);
    expect(deepActive()).to.equal(field);
  });

  it('sits in the end corner, or the start corner with position="start", mirrored right to left', async () => {
    const { cam } = await launcherFor('cam');
    const page = await fixture<HTMLElement>(html`<div>
      <volley-launcher id="end" .client=${cam}></volley-launcher>
      <volley-launcher id="start" position="start" .client=${cam}></volley-launcher>
      <volley-launcher id="rtl" dir="rtl" .client=${cam}></volley-launcher>
    </div>`);
    const x = (id: string) => bubble(page.querySelector<VolleyLauncher>(`#${id}`)!).getBoundingClientRect();
    const middle = window.innerWidth / 2;
    expect(x('end').left, 'end: on the right').to.be.greaterThan(middle);
    expect(x('start').right, 'start: on the left').to.be.lessThan(middle);
    expect(x('rtl').right, 'end, right to left: on the left').to.be.lessThan(middle);
  });

  it('lets go of its client when removed', async () => {
    const { cam, launcher } = await launcherFor('cam');
    launcher.remove();
    const live = countSubscriptions(cam);
    for (let i = 0; i < 5; i++) {
      document.body.append(launcher);
      launcher.show();
      await until(() => inChat(launcher, 'volley-thread') && inChat(launcher, 'volley-composer'));
      expect(live.count).to.be.greaterThan(0);
      launcher.remove();
      launcher.hide();
    }
    await until(() => live.count === 0);
  });

  it('is accessible, closed and open', async () => {
    const { launcher } = await launcherFor('ivy');
    await until(() => part(launcher, 'unread'));
    await expect(launcher).to.be.accessible();
    launcher.show();
    await until(() => threadText(launcher).includes('Hello Ivy'));
    await expect(launcher).to.be.accessible();
  });
});
