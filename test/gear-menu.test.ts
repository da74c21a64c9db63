import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { selectConversationList } from '../src/index.js';
import '../src/elements/gear-menu/gear-menu.js';
import type { VolleyGearMenu } from '../src/elements/gear-menu/gear-menu.js';
import { START, makeWorld, settle, until } from './helpers.js';

/** `oneEvent` typed by the event map, so the Volley event's fields are checked. */
const once = <K extends keyof GlobalEventHandlersEventMap>(target: EventTarget, name: K) =>
  oneEvent(target, name) as unknown as Promise<GlobalEventHandlersEventMap[K]>;

const XSS = '<img src=x onerror=alert(1)>';
const HOUR = 3_600_000;

const root = (el: VolleyGearMenu) => el.shadowRoot!;
const menuButton = (el: VolleyGearMenu) => root(el).querySelector<HTMLButtonElement>('[part=button]')!;
const items = (el: VolleyGearMenu) => [...root(el).querySelectorAll<HTMLElement>('[role=menuitem]')];
const labels = (el: VolleyGearMenu) => items(el).map((i) => i.textContent);
const focused = (el: VolleyGearMenu) => root(el).activeElement?.textContent;
async function choose(el: VolleyGearMenu, label: string): Promise<void> {
  if (!items(el).length) menuButton(el).click();
  await until(() => items(el).length);
  const item = items(el).find((i) => i.textContent === label);
  expect(Boolean(item), `menu item "${label}" among ${JSON.stringify(labels(el))}`).to.equal(true);
  item!.click();
  await settle();
  await el.updateComplete;
}

/** Cam wrote to Ivy: the chat both sides' menus act on. */
async function chat() {
  const world = makeWorld();
  const cam = await world.client('cam');
  const ivy = await world.client('ivy');
  const conversation = await cam.startConversation({ with: 'ivy' });
  await cam.send(conversation.id, { kind: 'text', text: 'Hello Ivy' });
  await until(() => ivy.state.conversations[conversation.id]);
  return { world, cam, ivy, id: conversation.id };
}

describe('volley-gear-menu (P5–P7)', () => {
  // First in the file: the menu's module is not loaded yet.
  it('loads its menu on first open: "Loading…" until it is there, then the menu with the focus on its first item', async () => {
    const { ivy, id } = await chat();
    const el = await fixture<VolleyGearMenu>(html`<volley-gear-menu .client=${ivy} conversation-id=${id}></volley-gear-menu>`);
    menuButton(el).click();
    await el.updateComplete;
    expect(menuButton(el).getAttribute('aria-expanded')).to.equal('true');
    expect(items(el).length).to.equal(0);
    expect(root(el).querySelector('p.muted')!.textContent).to.equal('Loading…');
    await until(() => focused(el) === 'Customer details');
    expect(labels(el)).to.deep.equal(['Customer details', 'Block Cam', 'Close chat']);
    await expect(el).to.be.accessible();
  });

  it('is a menu button operated by keyboard: arrows, Home/End, Escape returns focus', async () => {
    const { ivy, id } = await chat();
    const el = await fixture<VolleyGearMenu>(html`<volley-gear-menu .client=${ivy} conversation-id=${id}></volley-gear-menu>`);
    const button = menuButton(el);
    expect(button.getAttribute('aria-haspopup')).to.equal('menu');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(button.getAttribute('aria-label')).to.equal('Chat options');

    button.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    await until(() => focused(el) === 'Customer details');
    expect(labels(el)).to.deep.equal(['Customer details', 'Block Cam', 'Close chat']);
    expect(focused(el)).to.equal('Customer details');
    await sendKeys({ press: 'ArrowDown' });
    expect(focused(el)).to.equal('Block Cam');
    await sendKeys({ press: 'End' });
    expect(focused(el)).to.equal('Close chat');
    await sendKeys({ press: 'ArrowDown' });
    expect(focused(el)).to.equal('Customer details', 'wraps around');
    await sendKeys({ press: 'ArrowUp' });
    expect(focused(el)).to.equal('Close chat');
    await sendKeys({ press: 'Home' });
    expect(focused(el)).to.equal('Customer details');
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(items(el)).to.have.length(0);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(root(el).activeElement === button, 'focus returns to the button').to.equal(true);

    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(focused(el)).to.equal('Customer details', 'Enter opens it too');
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(focused(el)).to.equal('Close chat', 'ArrowUp opens on the last item');
  });

  it('customer details: first contact, volleys, tributes and last message from the engine; a private note is saved', async () => {
    const { world, cam, ivy, id } = await chat();
    world.clock.advance(HOUR);
    await ivy.send(id, { kind: 'text', text: 'Hi Cam!' });
    await cam.sendTribute(id, { amountCents: 500 });
    await cam.sendTribute(id, { amountCents: 250 });
    world.clock.advance(HOUR);
    await cam.send(id, { kind: 'text', text: 'Thanks' });
    const el = await fixture<VolleyGearMenu>(html`<volley-gear-menu .client=${ivy} conversation-id=${id}></volley-gear-menu>`);
    await choose(el, 'Customer details');
    await until(() => root(el).querySelector('[part=details] dl'));
    const panel = root(el).querySelector<HTMLElement>('[part=details]')!;
    expect(panel.querySelector('h3')!.textContent).to.equal('About Cam');
    expect(root(el).activeElement === panel.querySelector('h3'), 'focus moves to the panel').to.equal(true);
    const figure = (label: string) => [...panel.querySelectorAll('dl div')].find((d) => d.querySelector('dt')!.textContent === label)!.querySelector('dd')!;
    expect(figure('First contact').querySelector('time')!.getAttribute('datetime')).to.equal(new Date(START).toISOString());
    expect(figure('Volleys').textContent).to.equal('1');
    expect(figure('Tributes').textContent).to.equal('2 · $7.50');
    expect(figure('Last message').querySelector('time')!.getAttribute('datetime')).to.equal(new Date(START + 2 * HOUR).toISOString());

    const note = panel.querySelector<HTMLTextAreaElement>('[part=note]')!;
    expect(note.value).to.equal('');
    expect(note.labels![0].textContent).to.contain('Private note');
    note.value = `Prefers mornings ${XSS}`;
    note.dispatchEvent(new Event('input'));
    panel.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await until(() => root(el).querySelector('[role=status]')!.textContent === 'Note saved.');
    expect((await ivy.customerDetails('cam')).note).to.equal(`Prefers mornings ${XSS}`);
    expect(root(el).querySelectorAll('img').length).to.equal(0);
    await expect(el).to.be.accessible();

    // Opened again, the panel shows the saved note from the engine.
    const again = await fixture<VolleyGearMenu>(html`<volley-gear-menu .client=${ivy} conversation-id=${id}></volley-gear-menu>`);
    await choose(again, 'Customer details');
    await until(() => root(again).querySelector<HTMLTextAreaElement>('[part=note]')?.value === `Prefers mornings ${XSS}`);
  });

  it('block: the customer can no longer send; the blocked list unblocks (P6)', async () => {
    const { cam, ivy, id } = await chat();
    const el = await fixture<VolleyGearMenu>(html`<volley-gear-menu .client=${ivy} conversation-id=${id}></volley-gear-menu>`);
    const blocking = once(el, 'volley-block');
    await choose(el, 'Block Cam');
    const event = await blocking;
    expect([event.userId, event.block]).to.deep.equal(['cam', true]);
    await until(() => ivy.state.blocked.length === 1);
    expect(ivy.state.blocked).to.deep.equal(['cam']);
    const refused = await cam.send(id, { kind: 'text', text: 'Hello?' }).catch((e) => e);
    expect(refused.code).to.equal('blocked');
    expect(root(el).querySelector('[role=status]')!.textContent).to.equal('Cam is blocked.');

    menuButton(el).click();
    await el.updateComplete;
    expect(labels(el)).to.deep.equal(['Customer details', 'Unblock Cam', 'Blocked (1)', 'Close chat']);
    await choose(el, 'Blocked (1)');
    await until(() => root(el).querySelector('[part=blocked]'));
    const list = root(el).querySelector<HTMLElement>('[part=blocked]')!;
    expect([...list.querySelectorAll('li span')].map((s) => s.textContent)).to.deep.equal(['Cam']);
    await expect(el).to.be.accessible();
    const unblocking = once(el, 'volley-block');
    list.querySelector<HTMLButtonElement>('li button')!.click();
    expect((await unblocking).block).to.equal(false);
    await until(() => ivy.state.blocked.length === 0);
    await el.updateComplete;
    expect(root(el).querySelector('[part=blocked]')!.textContent).to.contain('Nobody is blocked.');
    const sent = await cam.send(id, { kind: 'text', text: 'Thanks for unblocking' });
    expect(sent.seq).to.be.greaterThan(0);
  });

  it('a canceled block event leaves the block to the host', async () => {
    const { ivy, id } = await chat();
    const el = await fixture<VolleyGearMenu>(html`<volley-gear-menu .client=${ivy} conversation-id=${id}></volley-gear-menu>`);
    el.addEventListener('volley-block', (e) => e.preventDefault());
    await choose(el, 'Block Cam');
    await settle();
    expect(ivy.state.blocked).to.deep.equal([]);
  });

  it('close hides the chat for me only (P7)', async () => {
    const { cam, ivy, id } = await chat();
    const el = await fixture<VolleyGearMenu>(html`<volley-gear-menu .client=${ivy} conversation-id=${id}></volley-gear-menu>`);
    expect(selectConversationList(ivy.state).map((c) => c.id)).to.deep.equal([id]);
    const closing = once(el, 'volley-close');
    await choose(el, 'Close chat');
    expect((await closing).conversationId).to.equal(id);
    await until(() => ivy.state.conversations[id].closed);
    expect(selectConversationList(ivy.state)).to.deep.equal([]);
    expect(cam.state.conversations[id].closed).to.equal(false, 'still open for the customer');
  });

  it('the customer has "call instead" (http(s) only, safe link), block and close; no customer details', async () => {
    const { cam, id } = await chat();
    const el = await fixture<VolleyGearMenu>(html`<volley-gear-menu .client=${cam} conversation-id=${id} call-url="https://example.com/ivy/call"></volley-gear-menu>`);
    menuButton(el).click();
    await el.updateComplete;
    expect(labels(el)).to.deep.equal(['Call instead', 'Block Ivy', 'Close chat']);
    const link = items(el)[0] as HTMLAnchorElement;
    expect([link.tagName, link.href, link.rel, link.target]).to.deep.equal(['A', 'https://example.com/ivy/call', 'noopener noreferrer', '_blank']);
    await expect(el).to.be.accessible();

    await choose(el, 'Block Ivy');
    await until(() => cam.state.blocked.length === 1);
    expect(cam.state.blocked).to.deep.equal(['ivy']);
    expect((await cam.send(id, { kind: 'text', text: 'x' }).catch((e) => e)).code).to.equal('blocked');
    await choose(el, 'Unblock Ivy');
    await until(() => cam.state.blocked.length === 0);

    const hostile = await fixture<VolleyGearMenu>(html`<volley-gear-menu .client=${cam} conversation-id=${id} call-url="javascript:alert(1)"></volley-gear-menu>`);
    menuButton(hostile).click();
    await hostile.updateComplete;
    expect(labels(hostile)).to.deep.equal(['Block Ivy', 'Close chat']);
    expect(root(hostile).querySelectorAll('a').length).to.equal(0);
  });

  it('a refused command shows the reason and dispatches volley-error', async () => {
    const { ivy, id } = await chat();
    const el = await fixture<VolleyGearMenu>(html`<volley-gear-menu .client=${ivy} conversation-id=${id}></volley-gear-menu>`);
    ivy.disconnect();
    const failed = once(el, 'volley-error');
    await choose(el, 'Close chat');
    expect((await failed).code).to.equal('unavailable');
    await el.updateComplete;
    expect(root(el).querySelector('[role=alert]')!.textContent).to.equal('The chat service cannot be reached.');
  });

  it('keeps names inert (E3)', async () => {
    const world = makeWorld();
    world.engine.upsertUser({ id: 'cam', role: 'customer', name: XSS });
    const cam = await world.client('cam');
    const ivy = await world.client('ivy');
    const { id } = await cam.startConversation({ with: 'ivy' });
    await cam.send(id, { kind: 'text', text: 'hi' });
    await until(() => ivy.state.conversations[id]);
    const el = await fixture<VolleyGearMenu>(html`<volley-gear-menu .client=${ivy} conversation-id=${id}></volley-gear-menu>`);
    menuButton(el).click();
    await el.updateComplete;
    expect(labels(el)).to.include(`Block ${XSS}`);
    await choose(el, 'Customer details');
    await until(() => root(el).querySelector('[part=details] dl'));
    expect(root(el).querySelector('[part=details] h3')!.textContent).to.equal(`About ${XSS}`);
    expect(root(el).querySelectorAll('img').length).to.equal(0);
  });
});
