import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { presets } from '../src/index.js';
import '../src/elements/inbox/inbox.js';
import type { VolleyInbox } from '../src/elements/inbox/inbox.js';
import { makeWorld, settle, until } from './helpers.js';

/** `oneEvent` typed by the event map, so the Volley event's fields are checked. */
const once = <K extends keyof GlobalEventHandlersEventMap>(target: EventTarget, name: K) =>
  oneEvent(target, name) as unknown as Promise<GlobalEventHandlersEventMap[K]>;

const XSS = '<img src=x onerror=alert(1)>';

const rows = (el: VolleyInbox) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~=row]')];
const names = (el: VolleyInbox) => rows(el).map((r) => r.querySelector('[part~=name]')!.textContent);
const row = (el: VolleyInbox, name: string) => rows(el).find((r) => r.querySelector('[part~=name]')!.textContent === name)!;
const rowUnread = (r: HTMLElement) => r.querySelector('[part~=unread]');
const headerUnread = (el: VolleyInbox) => el.shadowRoot!.querySelector('[part~=header] [part~=unread]');

/** A provider (Ivy) with two customers, Cam (written first) and Dee (written later). */
async function twoChats(policy = presets.paidChat()) {
  const world = makeWorld({ policy });
  world.engine.upsertUser({ id: 'dee', role: 'customer', name: 'Dee' });
  const cam = await world.client('cam');
  const dee = await world.client('dee');
  const withCam = await cam.startConversation({ with: 'ivy' });
  await cam.send(withCam.id, { kind: 'text', text: 'Hi from Cam' });
  world.clock.advance(60_000);
  const withDee = await dee.startConversation({ with: 'ivy' });
  await dee.send(withDee.id, { kind: 'text', text: 'Hi from Dee' });
  return { world, cam, dee, withCam, withDee };
}

describe('volley-inbox (D2, P7, K2, T4)', () => {
  it('lists unread first then the most recent; a message from the other party makes a row unread and first; markRead clears it', async () => {
    const { world, cam, withCam, withDee } = await twoChats();
    const ivy = await world.client('ivy');
    await ivy.markRead(withCam.id);
    await ivy.markRead(withDee.id);
    const el = await fixture<VolleyInbox>(html`<volley-inbox .client=${ivy}></volley-inbox>`);
    expect(names(el)).to.deep.equal(['Dee', 'Cam']);
    expect(rows(el).map((r) => Boolean(rowUnread(r)))).to.deep.equal([false, false]);
    expect(Boolean(headerUnread(el))).to.equal(false);
    expect(row(el, 'Dee').querySelector('[part~=preview]')!.textContent).to.equal('Hi from Dee');

    world.clock.advance(60_000);
    await cam.send(withCam.id, { kind: 'text', text: 'Still there?' });
    await until(() => names(el)[0] === 'Cam');
    expect(names(el)).to.deep.equal(['Cam', 'Dee']);
    expect(rowUnread(row(el, 'Cam'))!.getAttribute('aria-label')).to.equal('Unread');
    expect(Boolean(rowUnread(row(el, 'Dee')))).to.equal(false);
    expect(headerUnread(el)!.getAttribute('aria-label')).to.equal('You have unread chats');
    expect(row(el, 'Cam').querySelector('[part~=preview]')!.textContent).to.equal('Still there?');
    expect(row(el, 'Cam').querySelector('time')!.getAttribute('datetime')).to.equal(new Date(world.clock.now()).toISOString());

    await ivy.markRead(withCam.id);
    await el.updateComplete;
    expect(rows(el).map((r) => Boolean(rowUnread(r)))).to.deep.equal([false, false]);
    expect(Boolean(headerUnread(el))).to.equal(false);
    expect(names(el)).to.deep.equal(['Cam', 'Dee'], 'still the most recent first');
  });

  it('a closed chat leaves the list until the other party writes again (P7)', async () => {
    const { world, dee, withDee } = await twoChats();
    const ivy = await world.client('ivy');
    const el = await fixture<VolleyInbox>(html`<volley-inbox .client=${ivy}></volley-inbox>`);
    expect(names(el)).to.deep.equal(['Dee', 'Cam']);
    await ivy.closeConversation(withDee.id);
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['Cam']);
    await dee.send(withDee.id, { kind: 'text', text: 'Back again' });
    await until(() => names(el).length === 2);
    expect(names(el)[0]).to.equal('Dee');
  });

  it('the customer sees the provider by name; the list is chosen by click and by keyboard', async () => {
    const { world, withCam, withDee } = await twoChats();
    const ivy = await world.client('ivy');
    const cam = await world.client('cam');
    const camInbox = await fixture<VolleyInbox>(html`<volley-inbox .client=${cam}></volley-inbox>`);
    expect(names(camInbox)).to.deep.equal(['Ivy']);

    const el = await fixture<VolleyInbox>(html`<volley-inbox .client=${ivy} selected=${withDee.id}></volley-inbox>`);
    const listbox = el.shadowRoot!.querySelector('[role=listbox]')!;
    expect(listbox.getAttribute('part')).to.equal('list');
    expect(rows(el).map((r) => r.getAttribute('aria-selected'))).to.deep.equal(['true', 'false']);
    expect(rows(el).map((r) => r.tabIndex)).to.deep.equal([0, -1], 'one tab stop: the selected row');

    rows(el)[0].focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect((el.shadowRoot!.activeElement as HTMLElement).dataset.id).to.equal(withCam.id);
    expect(rows(el).map((r) => r.tabIndex)).to.deep.equal([-1, 0]);
    await sendKeys({ press: 'ArrowDown' });
    expect((el.shadowRoot!.activeElement as HTMLElement).dataset.id).to.equal(withCam.id, 'stays on the last row');
    let chosen = once(el, 'volley-select');
    await sendKeys({ press: 'Enter' });
    expect((await chosen).conversationId).to.equal(withCam.id);
    await el.updateComplete;
    expect(rows(el).map((r) => r.getAttribute('aria-selected'))).to.deep.equal(['false', 'true']);

    await sendKeys({ press: 'Home' });
    expect((el.shadowRoot!.activeElement as HTMLElement).dataset.id).to.equal(withDee.id);
    chosen = once(el, 'volley-select');
    await sendKeys({ press: 'Space' });
    expect((await chosen).conversationId).to.equal(withDee.id);

    chosen = once(el, 'volley-select');
    rows(el)[1].click();
    const event = await chosen;
    expect(event.conversationId).to.equal(withCam.id);
    expect(event.bubbles && event.composed).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('care: filters by status and shows the owner of each chat (K2)', async () => {
    const { world, withCam } = await twoChats(presets.customerCare());
    const ana = await world.client('ana');
    world.clock.advance(60_000);
    await ana.send(withCam.id, { kind: 'text', text: 'Ana here, how can I help?' });
    const bo = await world.client('bo');
    const el = await fixture<VolleyInbox>(html`<volley-inbox .client=${bo} status-filter="active"></volley-inbox>`);
    const radios = () => [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part~=filter] input[type=radio]')];
    expect(radios().map((r) => [r.value, r.checked])).to.deep.equal([['all', false], ['unanswered', false], ['active', true], ['finished', false]]);
    expect(names(el)).to.deep.equal(['Cam']);
    expect([...row(el, 'Cam').querySelectorAll('[part~=badge]')].map((b) => b.textContent)).to.deep.equal(['Active', 'Owner: Ana']);

    radios()[1].click();
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['Dee']);
    expect(el.statusFilter).to.equal('active', 'the public property is not changed by the element');
    radios()[0].click();
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['Cam', 'Dee']);

    await ana.finish(withCam.id);
    radios()[3].click();
    await until(() => names(el).length === 1);
    expect(names(el)).to.deep.equal(['Cam']);
    await expect(el).to.be.accessible();
  });

  it('shows no status filter when the policy has no customer care', async () => {
    const { world } = await twoChats();
    const ivy = await world.client('ivy');
    const el = await fixture<VolleyInbox>(html`<volley-inbox .client=${ivy} status-filter="finished"></volley-inbox>`);
    expect(el.shadowRoot!.querySelectorAll('[part~=filter]').length).to.equal(0);
    expect(names(el)).to.deep.equal(['Dee', 'Cam']);
  });

  it('marks a missed team chat waiting in the queue (T4)', async () => {
    const world = makeWorld({ policy: presets.teamInbox() });
    const cam = await world.client('cam');
    const ana = await world.client('ana');
    const chat = await cam.startConversation({ with: 'ivy' });
    await cam.send(chat.id, { kind: 'text', text: 'Anyone?' });
    await until(() => Object.keys(ana.state.offers).length === 1);
    const el = await fixture<VolleyInbox>(html`<volley-inbox .client=${ana}></volley-inbox>`);
    expect(row(el, 'Cam').querySelectorAll('.queued').length).to.equal(0);
    world.clock.advance(15_000);
    await until(() => row(el, 'Cam').querySelector('.queued'));
    expect(row(el, 'Cam').querySelector('.queued')!.textContent).to.equal('Missed: waiting in the queue');
  });

  describe('live status and the queue (P10, T4)', () => {
    const dotOf = (r: HTMLElement) => r.querySelector<HTMLElement>('[part~=presence]');

    it("shows the customer each provider's status as a dot, live, reading each party's card once", async () => {
      const world = makeWorld();
      // Ivy and Pia work alone: no team stands in for their status.
      world.engine.upsertUser({ id: 'ivy', role: 'provider', name: 'Ivy' });
      world.engine.upsertUser({ id: 'pia', role: 'provider', name: 'Pia' });
      const cam = await world.client('cam');
      const pia = await world.client('pia');
      let reads = 0;
      const providerCard = cam.providerCard.bind(cam);
      cam.providerCard = (id: string) => (reads++, providerCard(id));
      for (const provider of ['ivy', 'pia']) {
        const chat = await cam.startConversation({ with: provider });
        await cam.send(chat.id, { kind: 'text', text: `Hi ${provider}` });
      }
      await world.engine.recordOrder({ id: 'o1', customerId: 'cam', providerId: 'pia', title: 'Portrait', amountCents: 4500 });
      await cam.startConversation({ with: 'pia', orderId: 'o1' });
      const el = await fixture<VolleyInbox>(html`<volley-inbox .client=${cam}></volley-inbox>`);
      await until(() => rows(el).length === 3 && rows(el).every((r) => dotOf(r)));
      expect(el.shadowRoot!.querySelector('[part~=header] [part~=presence]')).to.equal(null, 'a customer has no status of their own');
      expect(rows(el).map((r) => dotOf(r)!.getAttribute('aria-label'))).to.deep.equal(['Available', 'Available', 'Available']);
      expect(reads).to.equal(2, 'once per party, though Pia has two chats and the list rendered often');

      await pia.setStatus('away');
      await until(() => rows(el).filter((r) => dotOf(r)!.classList.contains('away')).length === 2);
      expect(dotOf(row(el, 'Ivy'))!.className).to.equal('presence available');
      await pia.setStatus('offline');
      await until(() => dotOf(row(el, 'Pia'))!.getAttribute('aria-label') === 'Offline');
      expect(reads).to.equal(2);
      await expect(el).to.be.accessible();
      el.setAttribute('theme', 'dark');
      await expect(el).to.be.accessible();
    });

    it('shows a member no dot per chat but their own status in the header, live', async () => {
      const { world } = await twoChats();
      const ivy = await world.client('ivy');
      const el = await fixture<VolleyInbox>(html`<volley-inbox .client=${ivy}></volley-inbox>`);
      const own = () => el.shadowRoot!.querySelector('[part~=header] [part~=presence]')!.getAttribute('aria-label');
      expect(rows(el).length).to.equal(2);
      expect(rows(el).filter(dotOf).length).to.equal(0);
      expect(Object.keys(ivy.state.cards)).to.deep.equal([]);
      expect(own()).to.equal('Your status: Available');
      await ivy.setStatus('away');
      await until(() => own() === 'Your status: Away');
      await ivy.setStatus('offline');
      await until(() => own() === 'Your status: Offline');
      await expect(el).to.be.accessible();
    });

    /** A team chat nobody claimed in time, in the queue; Ana's and Bo's inboxes. */
    async function queued() {
      const world = makeWorld({ policy: presets.teamInbox() });
      world.engine.upsertUser({ id: 'cam', role: 'customer', name: XSS });
      const cam = await world.client('cam');
      const ana = await world.client('ana');
      const bo = await world.client('bo');
      const chat = await cam.startConversation({ with: 'ivy' });
      await cam.send(chat.id, { kind: 'text', text: 'Anyone?' });
      await until(() => Object.keys(ana.state.offers).length === 1);
      world.clock.advance(world.engine.policy.routing.claimWindowMs);
      await until(() => ana.state.conversations[chat.id]?.queued && bo.state.conversations[chat.id]?.queued);
      return { world, cam, ana, bo, chat };
    }
    const pickUpButtons = (el: VolleyInbox) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=queue] [part~=pick-up]')];

    it('offers a member Pick up for a queued chat; picking it up takes it and opens it', async () => {
      const { ana, bo, chat } = await queued();
      const el = await fixture<VolleyInbox>(html`<volley-inbox .client=${ana}></volley-inbox>`);
      await until(() => pickUpButtons(el).length === 1);
      const [button] = pickUpButtons(el);
      expect(button.getAttribute('aria-label')).to.equal(`Pick up ${XSS}'s chat`);
      expect(el.shadowRoot!.querySelector('[part~=queue] .name')!.textContent).to.equal(XSS);
      expect(el.shadowRoot!.querySelectorAll('img').length).to.equal(0);
      // The queue loads with the first missed chat (inbox.queue.ts): its styles are in force.
      expect(getComputedStyle(el.shadowRoot!.querySelector('[part~=queue]')!).display).to.equal('grid');
      await expect(el).to.be.accessible();
      el.setAttribute('theme', 'dark');
      await expect(el).to.be.accessible();

      const intent = once(el, 'volley-pick-up');
      const opened = once(el, 'volley-select');
      button.click();
      expect((await intent).conversationId).to.equal(chat.id);
      expect((await opened).conversationId).to.equal(chat.id);
      expect(ana.state.conversations[chat.id].ownerId).to.equal('ana');
      expect(Boolean(ana.state.conversations[chat.id].queued)).to.equal(false);
      await until(() => pickUpButtons(el).length === 0 && row(el, XSS).getAttribute('aria-selected') === 'true');
      await until(() => bo.state.conversations[chat.id]?.ownerId === 'ana');
    });

    it('says why a pick-up was refused (someone was quicker) and changes nothing', async () => {
      const { world, ana, bo, chat } = await queued();
      const el = await fixture<VolleyInbox>(html`<volley-inbox .client=${bo}></volley-inbox>`);
      await until(() => pickUpButtons(el).length === 1);
      // Ana picks it up first, while Bo's button is still on screen.
      const [button] = pickUpButtons(el);
      await world.engine.execute('ana', { type: 'pick-up', conversationId: chat.id });
      const refused = once(el, 'volley-error');
      button.click();
      expect((await refused).code).to.equal('offer-taken');
      await until(() => el.shadowRoot!.querySelector('[part=error]'));
      expect(el.shadowRoot!.querySelector('[part=error]')!.getAttribute('role')).to.equal('alert');
      expect(bo.state.conversations[chat.id].ownerId).to.equal('ana');
      expect(ana.state.conversations[chat.id].ownerId).to.equal('ana');
    });

    it('lets the host cancel volley-pick-up and pick the chat up itself', async () => {
      const { ana, chat } = await queued();
      const el = await fixture<VolleyInbox>(html`<volley-inbox .client=${ana} @volley-pick-up=${(e: Event) => e.preventDefault()}></volley-inbox>`);
      await until(() => pickUpButtons(el).length === 1);
      pickUpButtons(el)[0].click();
      await settle();
      expect(ana.state.conversations[chat.id].queued).to.equal(true);
    });
  });

  it('keeps names and previews inert (E3)', async () => {
    const world = makeWorld();
    world.engine.upsertUser({ id: 'cam', role: 'customer', name: XSS });
    const cam = await world.client('cam');
    const chat = await cam.startConversation({ with: 'ivy' });
    await cam.send(chat.id, { kind: 'text', text: `${XSS} <script>alert(2)</script>` });
    const ivy = await world.client('ivy');
    const el = await fixture<VolleyInbox>(html`<volley-inbox .client=${ivy}></volley-inbox>`);
    expect(names(el)).to.deep.equal([XSS]);
    expect(rows(el)[0].querySelector('[part~=preview]')!.textContent).to.equal(`${XSS} <script>alert(2)</script>`);
    expect(el.shadowRoot!.querySelectorAll('img, script').length).to.equal(0);
  });
});
