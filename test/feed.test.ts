import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { presets } from '../src/index.js';
import '../src/elements/feed/feed.js';
import type { VolleyFeed } from '../src/elements/feed/feed.js';
import { makeWorld, until } from './helpers.js';

/** `oneEvent` typed by the event map, so the Volley event's fields are checked. */
const once = <K extends keyof GlobalEventHandlersEventMap>(target: EventTarget, name: K) =>
  oneEvent(target, name) as unknown as Promise<GlobalEventHandlersEventMap[K]>;

const XSS = '<img src=x onerror=alert(1)>';
const MINUTE = 60_000;

/** Each row as one line: "order <title>" or "<author>: <text>". */
const rows = (el: VolleyFeed) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part=list] > li')].map((li) => {
  const order = li.querySelector('[part=order]');
  return order ? `order ${order.querySelector('.title')!.textContent}` : `${li.querySelector('.author')!.textContent}: ${li.querySelector('.text')!.textContent}`;
});
const radios = (el: VolleyFeed) => [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part=filter] input[type=radio]')];

/** Cam and Ivy's DMs: a message, an order, a reply, then a second order, a minute apart. */
async function dms() {
  const world = makeWorld({ policy: presets.clientDMs() });
  const cam = await world.client('cam');
  const ivy = await world.client('ivy');
  const { id } = await cam.startConversation({ with: 'ivy' });
  await cam.send(id, { kind: 'text', text: 'Can you make a blue lamp?' });
  world.clock.advance(MINUTE);
  world.engine.recordOrder({ id: 'o1', customerId: 'cam', providerId: 'ivy', title: 'Blue lamp', amountCents: 4500 });
  world.clock.advance(MINUTE);
  await ivy.send(id, { kind: 'text', text: 'On it!' });
  world.clock.advance(MINUTE);
  world.engine.recordOrder({ id: 'o2', customerId: 'cam', providerId: 'ivy', title: 'Shade', amountCents: 1200 });
  await until(() => ivy.state.conversations[id]);
  return { world, cam, ivy, id };
}

describe('volley-feed (D1)', () => {
  it('lists orders and messages in one chronological list, newest at the bottom, and follows new ones live', async () => {
    const { world, cam, ivy, id } = await dms();
    const el = await fixture<VolleyFeed>(html`<volley-feed .client=${ivy} conversation-id=${id}></volley-feed>`);
    await until(() => rows(el).length === 4);
    expect(rows(el)).to.deep.equal(['Cam: Can you make a blue lamp?', 'order Blue lamp', 'You: On it!', 'order Shade']);
    const order = el.shadowRoot!.querySelector('[part=order]')!;
    expect(order.querySelector('.amount')!.textContent).to.equal('$45.00');
    expect(order.querySelector('time')!.getAttribute('datetime')).to.equal(new Date(world.clock.now() - 2 * MINUTE).toISOString());

    world.clock.advance(MINUTE);
    await cam.send(id, { kind: 'text', text: 'Thanks!' });
    await until(() => rows(el).length === 5);
    expect(rows(el).at(-1)).to.equal('Cam: Thanks!');

    world.clock.advance(MINUTE);
    world.engine.recordOrder({ id: 'o3', customerId: 'cam', providerId: 'ivy', title: 'Bulb', amountCents: 300 });
    await until(() => rows(el).length === 6);
    expect(rows(el).at(-1)).to.equal('order Bulb');
    await expect(el).to.be.accessible();
  });

  it('filters to orders only or messages only; the filter attribute sets the first view', async () => {
    const { ivy, id } = await dms();
    const el = await fixture<VolleyFeed>(html`<volley-feed .client=${ivy} conversation-id=${id} filter="orders"></volley-feed>`);
    await until(() => rows(el).length === 2);
    expect(rows(el)).to.deep.equal(['order Blue lamp', 'order Shade']);
    expect(radios(el).map((r) => [r.value, r.checked])).to.deep.equal([['all', false], ['orders', true], ['messages', false]]);

    radios(el)[2].click();
    await until(() => rows(el)[0]?.startsWith('Cam'));
    expect(rows(el)).to.deep.equal(['Cam: Can you make a blue lamp?', 'You: On it!']);
    expect(el.filter).to.equal('orders', 'the public property is not changed by the element');

    radios(el)[0].click();
    await until(() => rows(el).length === 4);

    el.filter = 'messages';
    await until(() => rows(el).length === 2);
    expect(radios(el).map((r) => r.checked)).to.deep.equal([false, false, true]);
    await expect(el).to.be.accessible();
  });

  it('an order row is a button that asks the host to open the order', async () => {
    const { ivy, id } = await dms();
    const el = await fixture<VolleyFeed>(html`<volley-feed .client=${ivy} conversation-id=${id}></volley-feed>`);
    await until(() => rows(el).length === 4);
    const buttons = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button[part=order]')];
    expect(buttons).to.have.length(2);
    const opened = once(el, 'volley-order-open');
    buttons[1].click();
    const event = await opened;
    expect(event.orderId).to.equal('o2');
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('shows a refusal for a chat that is not mine', async () => {
    const { world, id } = await dms();
    world.engine.upsertUser({ id: 'dee', role: 'customer', name: 'Dee' });
    const dee = await world.client('dee');
    const failed = new Promise<string>((resolve) => document.addEventListener('volley-error', (e) => resolve(e.code), { once: true }));
    const el = await fixture<VolleyFeed>(html`<volley-feed .client=${dee} conversation-id=${id}></volley-feed>`);
    expect(await failed).to.equal('not-found');
    await el.updateComplete;
    // The engine's reason, as the ChatError carries it.
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.equal('That conversation was not found.');
  });

  it('keeps names, message text and order titles inert; only http(s) links become links (E3)', async () => {
    const world = makeWorld({ policy: presets.clientDMs() });
    world.engine.upsertUser({ id: 'cam', role: 'customer', name: XSS });
    const cam = await world.client('cam');
    const ivy = await world.client('ivy');
    const { id } = await cam.startConversation({ with: 'ivy' });
    await cam.send(id, { kind: 'text', text: `${XSS} javascript:alert(1) see https://example.com/lamp` });
    world.engine.recordOrder({ id: 'o1', customerId: 'cam', providerId: 'ivy', title: `<script>alert(1)</script>${XSS}`, amountCents: 100 });
    const el = await fixture<VolleyFeed>(html`<volley-feed .client=${ivy} conversation-id=${id}></volley-feed>`);
    await until(() => rows(el).length === 2);
    // At the same instant an order comes before the messages about it.
    expect(rows(el)).to.deep.equal([`order <script>alert(1)</script>${XSS}`, `${XSS}: ${XSS} javascript:alert(1) see https://example.com/lamp`]);
    expect(el.shadowRoot!.querySelectorAll('img, script').length).to.equal(0);
    const links = [...el.shadowRoot!.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.rel]);
    expect(links).to.deep.equal([['https://example.com/lamp', 'noopener noreferrer']]);
  });
});
