import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { presets, type ChatClient } from '../src/index.js';
import '../src/elements/incoming/incoming.js';
import type { VolleyIncoming } from '../src/elements/incoming/incoming.js';
import { makeWorld, settle, until } from './helpers.js';

/** `oneEvent` typed by the event map, so the Volley event's fields are checked. */
const once = <K extends keyof GlobalEventHandlersEventMap>(target: EventTarget, name: K) =>
  oneEvent(target, name) as unknown as Promise<GlobalEventHandlersEventMap[K]>;

const XSS = '<img src=x onerror=alert(1)>';

/** The element, once its offers' cards (loaded on first use) are there. */
async function mounted(client: ChatClient) {
  const el = await fixture<VolleyIncoming>(html`<volley-incoming .client=${client}></volley-incoming>`);
  await until(() => cards(el).length > 0);
  return el;
}
const cards = (el: VolleyIncoming) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part=card]')];
const notices = (el: VolleyIncoming) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role=status] [part~=closed]')];
const countdown = (card: HTMLElement) => card.querySelector('[part~=countdown]')!.textContent;
const button = (root: ParentNode, label: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === label)!;
const offersOf = (client: ChatClient) => Object.values(client.state.offers);

/** A team inbox where Cam writes to Ivy's team: Ana, Bo and Ada get the offer. */
async function offered() {
  const world = makeWorld({ policy: presets.teamInbox() });
  const ana = await world.client('ana');
  const bo = await world.client('bo');
  const cam = await world.client('cam');
  const chat = await cam.startConversation({ with: 'ivy' });
  await cam.send(chat.id, { kind: 'text', text: 'Where is my parcel?' });
  await until(() => offersOf(ana).length === 1 && offersOf(bo).length === 1);
  return { world, ana, bo, cam, chat, offer: offersOf(ana)[0] };
}

describe('volley-incoming (T1–T5)', () => {
  it('shows a new customer by name, how many members got the offer, and a countdown that reaches 0 and turns into "missed"', async () => {
    const { world, ana, chat } = await offered();
    const el = await mounted(ana);
    const [card] = cards(el);
    expect(card.querySelector('h2')!.textContent).to.equal('Cam');
    expect(card.textContent).to.contain('New customer').and.contain('Offered to 3 members');
    expect(countdown(card)).to.equal('15 s');

    world.clock.advance(1000);
    await el.updateComplete;
    expect(countdown(cards(el)[0])).to.equal('14 s');
    world.clock.advance(13_000);
    await el.updateComplete;
    expect(countdown(cards(el)[0])).to.equal('1 s');

    world.clock.advance(1000);
    await until(() => cards(el).length === 0);
    const [notice] = notices(el);
    expect(notice.textContent).to.contain("Missed: nobody claimed Cam's chat in time.");
    expect(countdown(notice)).to.equal('0 s');
    expect(ana.state.conversations[chat.id].queued).to.equal(true, 'the engine put the chat in the queue');
    await expect(el).to.be.accessible();

    world.clock.advance(8000);
    await el.updateComplete;
    expect(notices(el)).to.have.length(0, 'the notice is short');
  });

  it('a returning customer is announced as returning', async () => {
    const { world, ana, cam } = await offered();
    await ana.claim(offersOf(ana)[0].id);
    world.engine.recordOrder({ id: 'o1', customerId: 'cam', providerId: 'ivy', title: 'Lamp', amountCents: 4500 });
    const second = await cam.startConversation({ with: 'ivy', orderId: 'o1' });
    await cam.send(second.id, { kind: 'text', text: 'About my lamp order' });
    await until(() => offersOf(ana).length === 1);
    const el = await mounted(ana);
    expect(cards(el)[0].textContent).to.contain('Returning customer').and.not.contain('New customer');
  });

  it('claim: the first claim wins and opens the chat; the other members are told it was claimed by someone else', async () => {
    const { ana, bo, chat, offer } = await offered();
    const mine = await mounted(ana);
    const theirs = await fixture<VolleyIncoming>(html`<volley-incoming .client=${bo}></volley-incoming>`);
    const claimed = once(mine, 'volley-claim');
    const opened = once(mine, 'volley-select');
    cards(mine)[0].querySelector<HTMLButtonElement>('[part=claim]')!.click();
    expect((await claimed).offerId).to.equal(offer.id);
    expect((await opened).conversationId).to.equal(chat.id);
    expect(ana.state.conversations[chat.id].ownerId).to.equal('ana');

    await until(() => cards(theirs).length === 0);
    expect(notices(theirs).map((n) => n.querySelector('p')!.textContent)).to.deep.equal(["Cam's chat was claimed by someone else."]);
    await until(() => cards(mine).length === 0);
    expect(notices(mine)).to.have.length(0, 'no notice for my own claim');
  });

  it('a canceled claim event leaves the claim to the host', async () => {
    const { ana, offer } = await offered();
    const el = await mounted(ana);
    el.addEventListener('volley-claim', (e) => e.preventDefault());
    cards(el)[0].querySelector<HTMLButtonElement>('[part=claim]')!.click();
    await settle();
    expect(offersOf(ana).map((o) => o.id)).to.deep.equal([offer.id]);
    expect(cards(el)).to.have.length(1);
  });

  it('decline stays available; decline and go unavailable shows the reason and a working "Go available"', async () => {
    const { ana, bo, offer } = await offered();
    const staying = await fixture<VolleyIncoming>(html`<volley-incoming .client=${bo}></volley-incoming>`);
    const declined = once(staying, 'volley-decline');
    button(cards(staying)[0], 'Decline').click();
    const event = await declined;
    expect([event.offerId, event.goUnavailable]).to.deep.equal([offer.id, false]);
    await until(() => cards(staying).length === 0);
    expect(bo.state.availability.available).to.equal(true);
    expect(staying.shadowRoot!.querySelectorAll('[part=availability]').length).to.equal(0);

    const el = await mounted(ana);
    const away = once(el, 'volley-decline');
    button(cards(el)[0], 'Decline and go unavailable').click();
    expect((await away).goUnavailable).to.equal(true);
    await until(() => el.shadowRoot!.querySelector('[part=availability]'));
    const notice = el.shadowRoot!.querySelector<HTMLElement>('[part=availability]')!;
    expect(Boolean(notice.closest('[role=status]')), 'inside the live region').to.equal(true);
    expect(notice.querySelector('p')!.textContent).to.equal('You declined a chat and went unavailable.');
    expect(ana.state.availability).to.deep.equal({ available: false, reason: 'declined' });
    await expect(el).to.be.accessible();

    const back = once(el, 'volley-availability');
    button(notice, 'Go available').click();
    expect((await back).available).to.equal(true);
    await until(() => !el.shadowRoot!.querySelector('[part=availability]'));
    expect(ana.state.availability.available).to.equal(true);
  });

  it('after 3 missed offers in a row says why the member is unavailable (T5)', async () => {
    const world = makeWorld({ policy: presets.teamInbox() });
    const ana = await world.client('ana');
    const el = await fixture<VolleyIncoming>(html`<volley-incoming .client=${ana}></volley-incoming>`);
    for (const id of ['c1', 'c2', 'c3']) {
      world.engine.upsertUser({ id, role: 'customer', name: id });
      const customer = await world.client(id);
      const chat = await customer.startConversation({ with: 'ivy' });
      await customer.send(chat.id, { kind: 'text', text: 'Hello?' });
      await until(() => cards(el).length === 1);
      world.clock.advance(15_000);
      await until(() => cards(el).length === 0);
    }
    await until(() => el.shadowRoot!.querySelector('[part=availability]'));
    expect(el.shadowRoot!.querySelector('[part=availability] p')!.textContent).to.equal('You missed 3 chats in a row, so you were made unavailable.');
    expect(notices(el)).to.have.length(1, 'earlier notices went after a few seconds');
  });

  it('a refused command shows the reason and dispatches volley-error', async () => {
    const { bo } = await offered();
    const el = await fixture<VolleyIncoming>(html`<volley-incoming .client=${bo}></volley-incoming>`);
    bo.disconnect();
    const failed = once(el, 'volley-error');
    cards(el)[0].querySelector<HTMLButtonElement>('[part=claim]')!.click();
    expect((await failed).code).to.equal('unavailable');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.equal('The chat service cannot be reached.');
  });

  it('runs the shared ticker only while mounted with offers, and leaves no timer behind', async () => {
    const { world, ana } = await offered();
    const before = world.clock.pendingTimers;
    const el = await mounted(ana);
    expect(cards(el)).to.have.length(1);
    expect(world.clock.pendingTimers).to.equal(before + 1, 'one ticker while the card counts down');
    el.remove();
    expect(world.clock.pendingTimers).to.equal(before);
  });

  it('starts no ticker without offers', async () => {
    const world = makeWorld({ policy: presets.teamInbox() });
    const ana = await world.client('ana');
    const before = world.clock.pendingTimers;
    await fixture<VolleyIncoming>(html`<volley-incoming .client=${ana}></volley-incoming>`);
    expect(world.clock.pendingTimers).to.equal(before);
  });

  it('keeps a customer name inert (E3)', async () => {
    const world = makeWorld({ policy: presets.teamInbox() });
    world.engine.upsertUser({ id: 'cam', role: 'customer', name: XSS });
    const ana = await world.client('ana');
    const cam = await world.client('cam');
    const chat = await cam.startConversation({ with: 'ivy' });
    await cam.send(chat.id, { kind: 'text', text: 'hi' });
    const el = await mounted(ana);
    await until(() => cards(el).length === 1);
    expect(cards(el)[0].querySelector('h2')!.textContent).to.equal(XSS);
    world.clock.advance(15_000);
    await until(() => notices(el).length === 1);
    expect(notices(el)[0].textContent).to.contain(XSS);
    expect(el.shadowRoot!.querySelectorAll('img').length).to.equal(0);
  });
});
