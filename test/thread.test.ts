import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { ERROR_MESSAGES } from '../src/model/error-texts.js';
import { ChatClient, LocalTransport, presets, type ChatEvent, type Message, type StoreRecord } from '../src/index.js';
import '../src/elements/thread/thread.js';
import { threadStrings, type VolleyThread } from '../src/elements/thread/thread.js';
import type { VolleyBuyEvent, VolleyDeleteEvent, VolleyErrorEvent, VolleyRetryEvent, VolleyTributeEvent } from '../src/elements/events/events.js';
import { makeWorld, settle, until } from './helpers.js';

const XSS = '<img src=x onerror="window.__xss=1">';
const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
/** The client's default receiptDelayMs: how long it gathers delivered receipts before sending the highest. */
const RECEIPT_DELAY = 300;

/**
 * Lets client events and the element's render land, then waits until the rows are measured and
 * placed: three frames in a row without a change of scroll position or DOM.
 */
async function rendered(element: VolleyThread, rounds = 2): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await settle();
    await element.updateComplete;
    await frame();
  }
  let last = '';
  for (let i = 0, same = 0; i < 60 && same < 3; i++) {
    await frame();
    const scroller = log(element);
    const now = `${scroller.scrollTop}/${scroller.scrollHeight}/${root(element).querySelectorAll('*').length}`;
    same = now === last ? same + 1 : 0;
    last = now;
  }
}

const root = (element: VolleyThread) => element.shadowRoot!;
const log = (element: VolleyThread) => root(element).querySelector<HTMLElement>('[part=log]')!;
const rows = (element: VolleyThread) => [...root(element).querySelectorAll<HTMLElement>('[part~=message]')];
const row = (element: VolleyThread, text: string) => rows(element).find((r) => r.querySelector('[part=bubble]')?.textContent?.includes(text));
const bubbles = (element: VolleyThread) => rows(element).map((r) => r.querySelector('[part=bubble]')?.textContent?.trim() ?? r.textContent!.trim());
const fromBottom = (scroller: HTMLElement) => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;

async function mount(client: ChatClient, conversationId: string, height = 400): Promise<VolleyThread> {
  const element = await fixture<VolleyThread>(html`<volley-thread style=${`height:${height}px`} .client=${client} conversation-id=${conversationId}></volley-thread>`);
  await rendered(element);
  return element;
}

/** Cam (customer) and Ivy (provider) in one paid chat that Cam opened. */
async function paidChat() {
  const world = makeWorld({ policy: presets.paidChat() });
  const cam = await world.client('cam');
  const ivy = await world.client('ivy');
  const chat = await cam.startConversation({ with: 'ivy' });
  return { world, cam, ivy, chat };
}

/** Stores `count` alternating messages through the engine's edge (fast), the clients connected. */
async function fill(world: ReturnType<typeof makeWorld>, conversationId: string, count: number, from = 0): Promise<void> {
  for (let i = from; i < from + count; i++) {
    await world.engine.execute(i % 2 ? 'ivy' : 'cam', { type: 'send', conversationId, message: { id: `bulk-${i}`, kind: 'text', text: `Message number ${i}` } });
    world.clock.advance(1000);
  }
}

describe('volley-thread', () => {
  it('shows the messages in order with author names and a separator per day', async () => {
    const { world, cam, ivy, chat } = await paidChat();
    await cam.send(chat.id, { kind: 'text', text: 'Hello Ivy' });
    await ivy.send(chat.id, { kind: 'text', text: 'Hi Cam, how can I help?' });
    world.clock.advance(24 * 3_600_000);
    await cam.send(chat.id, { kind: 'text', text: 'About tomorrow' });

    const element = await mount(cam, chat.id);
    expect(bubbles(element)).to.deep.equal(['Hello Ivy', 'Hi Cam, how can I help?', 'About tomorrow']);
    expect(rows(element).map((r) => r.querySelector('.meta')!.textContent!.replace(/\s+/g, ' ').trim().split(' ·')[0]))
      .to.deep.equal(['Cam', 'Ivy', 'Cam']);
    expect(root(element).querySelectorAll('[part=day]').length).to.equal(2);
    expect(log(element).getAttribute('role')).to.equal('log');
  });

  it('shows my message as pending until the engine stores it, then as sent', async () => {
    const { world, cam, ivy, chat } = await paidChat();
    // Nobody on Ivy's side is connected: the message gets no further than sent.
    ivy.disconnect();
    const element = await mount(cam, chat.id);
    // Hold the engine's commit so the message stays pending while we look.
    const store = world.engine.store;
    const commit = store.commit.bind(store);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    store.commit = async (records: StoreRecord[]) => { await gate; return commit(records); };

    const sending = cam.send(chat.id, { kind: 'text', text: 'Are you there?' });
    await rendered(element, 1);
    expect(row(element, 'Are you there?')!.querySelector('[part~=status]')!.textContent).to.equal('Sending…');
    release();
    await sending;
    await rendered(element, 1);
    expect(row(element, 'Are you there?')!.querySelector('[part~=status]')!.textContent).to.equal('Sent');
  });

  it('shows why a message failed, and Retry sends it once', async () => {
    const { world, cam, ivy, chat } = await paidChat();
    await cam.send(chat.id, { kind: 'text', text: 'Hello' });
    await cam.block('ivy');
    await ivy.send(chat.id, { kind: 'text', text: 'Reply from Ivy' }).catch(() => undefined);
    const element = await mount(ivy, chat.id);
    const failed = row(element, 'Reply from Ivy')!;
    expect(failed.querySelector('[part~=status]')!.textContent).to.equal('Not sent: Messaging is blocked in this chat.');
    expect(cam.state.messages[chat.id].some((m) => m.kind === 'text' && m.text === 'Reply from Ivy')).to.equal(false);

    await cam.unblock('ivy');
    const retried = oneEvent(element, 'volley-retry') as unknown as Promise<VolleyRetryEvent>;
    failed.querySelector<HTMLButtonElement>('button[data-action=retry]')!.click();
    const event = await retried;
    expect(event.conversationId).to.equal(chat.id);
    expect(event.messageId).to.equal(ivy.state.messages[chat.id].find((m) => m.kind === 'text' && m.text === 'Reply from Ivy')!.id);
    await until(() => cam.state.messages[chat.id].some((m) => m.kind === 'text' && m.text === 'Reply from Ivy'));
    world.clock.advance(RECEIPT_DELAY);
    await until(() => (ivy.state.conversations[chat.id]?.peerDeliveredSeq ?? 0) >= 2);
    await rendered(element);
    const copies = rows(element).filter((r) => r.querySelector('[part=bubble]')!.textContent!.includes('Reply from Ivy'));
    expect(copies.length).to.equal(1);
    expect(copies[0].querySelector('[part~=status]')!.textContent).to.equal('Delivered', "Cam's client got it");
    expect(Boolean(copies[0].querySelector('button[data-action=retry]'))).to.equal(false);
    expect(cam.state.messages[chat.id].filter((m) => m.kind === 'text' && m.text === 'Reply from Ivy').length).to.equal(1);
  });

  it('shows the volley indicator only on the messages that made a volley', async () => {
    const { world, cam, ivy, chat } = await paidChat();
    await cam.send(chat.id, { kind: 'text', text: 'Question' });
    world.clock.advance(60_000);
    await ivy.send(chat.id, { kind: 'text', text: 'First answer' });
    await ivy.send(chat.id, { kind: 'text', text: 'Second answer' });
    const element = await mount(cam, chat.id);
    const badges = [...root(element).querySelectorAll('[part=volley]')];
    expect(badges.length).to.equal(1);
    expect(badges[0].getAttribute('aria-label')).to.equal('Volley');
    expect(badges[0].textContent).to.equal('NF');
    expect(Boolean(row(element, 'First answer')!.querySelector('[part=volley]'))).to.equal(true);
    expect(Boolean(row(element, 'Second answer')!.querySelector('[part=volley]'))).to.equal(false);
    expect(Boolean(row(element, 'Question')!.querySelector('[part=volley]'))).to.equal(false);
  });

  it('lets the customer pay a tribute request in one click; both sides see it paid', async () => {
    const { world, cam, ivy, chat } = await paidChat();
    await cam.send(chat.id, { kind: 'text', text: 'Can I get a reading?' });
    const request = await ivy.requestTribute(chat.id, { amountCents: 500, note: 'For the reading' });
    const element = await mount(cam, chat.id);
    const providerView = await mount(ivy, chat.id);
    const card = () => row(element, 'Tribute request')!.querySelector('[part=card]')!;
    expect(card().textContent).to.include('For the reading').and.include('$5.00');
    expect(Boolean(row(providerView, 'Tribute request')!.querySelector('button[data-action=pay]'))).to.equal(false);

    const paying = oneEvent(element, 'volley-tribute') as unknown as Promise<VolleyTributeEvent>;
    card().querySelector<HTMLButtonElement>('button[data-action=pay]')!.click();
    const event = await paying;
    expect([event.conversationId, event.amountCents, event.note, event.requestId]).to.deep.equal([chat.id, 500, 'For the reading', request.id]);
    await rendered(element);
    await rendered(providerView);

    expect(world.payments.charges.filter((c) => c.reason === 'tribute').map((c) => [c.payerId, c.amountCents])).to.deep.equal([['cam', 500]]);
    expect(ivy.state.messages[chat.id].some((m) => m.kind === 'tribute' && m.requestId === request.id)).to.equal(true);
    expect(Boolean(card().querySelector('button[data-action=pay]'))).to.equal(false);
    expect(card().querySelector('.paid')!.textContent).to.equal('Paid');
    expect(root(element).querySelector('[part=notice]')!.textContent).to.include('Tribute received: $5.00 from Cam');
    expect(root(providerView).querySelector('[part=notice]')!.textContent).to.include('Tribute received: $5.00 from Cam');
    expect(Boolean(row(providerView, 'Tribute request')!.querySelector('.paid'))).to.equal(true);
  });

  it('shows the decline when a tribute payment fails, and no tribute', async () => {
    const { world, cam, ivy, chat } = await paidChat();
    await cam.send(chat.id, { kind: 'text', text: 'Can I get a reading?' });
    await ivy.requestTribute(chat.id, { amountCents: 500 });
    world.payments.setBalance('cam', 0);
    const element = await mount(cam, chat.id);
    const failure = oneEvent(element, 'volley-error') as unknown as Promise<VolleyErrorEvent>;
    row(element, 'Tribute request')!.querySelector<HTMLButtonElement>('button[data-action=pay]')!.click();
    expect((await failure).code).to.equal('payment-declined');
    await rendered(element);
    const card = row(element, 'Tribute request')!.querySelector('[part=card]')!;
    // The engine's reason (the payments adapter's), as the ChatError carries it.
    expect(card.querySelector('[role=alert]')!.textContent).to.equal('Not enough credit for this payment.');
    expect(Boolean(card.querySelector('button[data-action=pay]'))).to.equal(true);
    expect(Boolean(root(element).querySelector('[part=notice]'))).to.equal(false);
    expect(cam.state.messages[chat.id].some((m) => m.kind === 'tribute')).to.equal(false);
    expect(world.payments.charges.some((c) => c.reason === 'tribute')).to.equal(false);
  });

  describe('P3 buying a payment button or a goodie', () => {
    const buyButton = (card: Element) => card.querySelector<HTMLButtonElement>('button[data-action=buy]');
    /** Cam wrote; Ivy inserted a payment button, a priced goodie and a free one. */
    async function shop() {
      const setup = await paidChat();
      const { cam, ivy, chat } = setup;
      await cam.send(chat.id, { kind: 'text', text: 'What do you have?' });
      const button = await ivy.send(chat.id, { kind: 'payment-button', button: { id: 'b1', title: 'Private set', amountCents: 2500 } });
      await ivy.send(chat.id, { kind: 'goodie', goodie: { id: 'g1', title: 'Signed poster', amountCents: 1500 } });
      await ivy.send(chat.id, { kind: 'goodie', goodie: { id: 'g2', title: 'Thank-you card' } });
      return { ...setup, button };
    }

    it('the customer buys in one click; both sides then see it paid, with a notice, and it cannot be bought again', async () => {
      const { world, cam, ivy, chat, button } = await shop();
      const element = await mount(cam, chat.id);
      const providerView = await mount(ivy, chat.id);
      const card = (view: VolleyThread, title: string) => row(view, title)!.querySelector('[part=card]')!;
      expect(buyButton(card(element, 'Private set'))!.textContent!.trim()).to.equal('Buy for $25.00');
      expect(buyButton(card(element, 'Signed poster'))!.textContent!.trim()).to.equal('Buy for $15.00');
      expect(buyButton(card(element, 'Thank-you card')), 'nothing to pay for a free goodie').to.equal(null);
      expect(buyButton(card(providerView, 'Private set')), 'the provider does not buy').to.equal(null);

      const buying = oneEvent(element, 'volley-buy') as unknown as Promise<VolleyBuyEvent>;
      buyButton(card(element, 'Private set'))!.click();
      const event = await buying;
      expect([event.conversationId, event.itemId, event.amountCents]).to.deep.equal([chat.id, button.id, 2500]);
      await rendered(element);
      await rendered(providerView);

      expect(world.payments.charges.filter((c) => c.reason === 'purchase').map((c) => [c.payerId, c.amountCents])).to.deep.equal([['cam', 2500]]);
      for (const view of [element, providerView]) {
        expect(buyButton(card(view, 'Private set'))).to.equal(null);
        expect(card(view, 'Private set').querySelector('.paid')!.textContent).to.equal('Paid');
        expect(root(view).querySelector('[part=notice]')!.textContent).to.include('Cam bought Private set: $25.00');
      }
      expect(Boolean(buyButton(card(element, 'Signed poster'))), 'the other item can still be bought').to.equal(true);
      await expect(element).to.be.accessible();
    });

    it('a declined payment is said on the card, the Buy button stays, and there is no notice', async () => {
      const { world, cam, chat } = await shop();
      world.payments.setBalance('cam', 100);
      const element = await mount(cam, chat.id);
      const failure = oneEvent(element, 'volley-error') as unknown as Promise<VolleyErrorEvent>;
      buyButton(row(element, 'Private set')!.querySelector('[part=card]')!)!.click();
      expect((await failure).code).to.equal('payment-declined');
      await rendered(element);
      const card = row(element, 'Private set')!.querySelector('[part=card]')!;
      expect(card.querySelector('[role=alert]')!.textContent).to.equal('Not enough credit for this payment.');
      expect(Boolean(buyButton(card))).to.equal(true);
      expect(Boolean(root(element).querySelector('[part=notice]'))).to.equal(false);
      expect(cam.state.messages[chat.id].some((m) => m.kind === 'purchase')).to.equal(false);
    });

    it('a canceled volley-buy buys nothing: the host does it its way', async () => {
      const { world, cam, chat } = await shop();
      const element = await mount(cam, chat.id);
      element.addEventListener('volley-buy', (event) => event.preventDefault());
      buyButton(row(element, 'Private set')!.querySelector('[part=card]')!)!.click();
      await rendered(element);
      expect(world.payments.charges.filter((c) => c.reason === 'purchase')).to.deep.equal([]);
    });

    it('the Buy button\'s words are replaceable', async () => {
      const { cam, chat } = await shop();
      const element = await mount(cam, chat.id);
      element.strings = { buy: (amount: string) => `Acheter ${amount}` };
      await rendered(element);
      expect(buyButton(row(element, 'Private set')!.querySelector('[part=card]')!)!.textContent!.trim()).to.equal('Acheter $25.00');
    });
  });

  it('deletes a message for me only, after a confirmation', async () => {
    const { cam, ivy, chat } = await paidChat();
    await cam.send(chat.id, { kind: 'text', text: 'Keep this' });
    const regret = await cam.send(chat.id, { kind: 'text', text: 'Oops, wrong chat' });
    const element = await mount(cam, chat.id);
    let deletes = 0;
    element.addEventListener('volley-delete', () => deletes++);

    const deleteButton = () => row(element, 'Oops')!.querySelector<HTMLButtonElement>('button[data-action=delete]')!;
    deleteButton().focus();
    deleteButton().click();
    await element.updateComplete;
    // First in the file to ask: the dialog loads on first use, "Loading…" until it is there, then Cancel has the focus.
    expect(root(element).querySelectorAll('dialog').length).to.equal(0);
    expect([...root(element).querySelectorAll('p.muted')].map((p) => p.textContent)).to.include('Loading…');
    await until(() => root(element).querySelector('dialog')?.open && root(element).activeElement?.textContent === 'Cancel');
    let dialog = root(element).querySelector('dialog')!;
    expect(dialog.querySelector('#question')!.textContent).to.equal(threadStrings.deleteQuestion);
    await expect(element).to.be.accessible();
    [...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Cancel')!.click();
    await until(() => !root(element).querySelector('dialog'));
    // Closed: the focus is back on the button that opened it.
    expect(root(element).activeElement?.getAttribute('data-action')).to.equal('delete');
    await rendered(element, 1);
    expect(deletes).to.equal(0);
    expect(Boolean(row(element, 'Oops'))).to.equal(true);

    // Loaded now: the dialog opens at once.
    deleteButton().click();
    await element.updateComplete;
    dialog = root(element).querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    const deleting = oneEvent(element, 'volley-delete') as unknown as Promise<VolleyDeleteEvent>;
    [...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Delete for me')!.click();
    const event = await deleting;
    expect([event.conversationId, event.messageId]).to.deep.equal([chat.id, regret.id]);
    await rendered(element);
    expect(root(element).activeElement?.getAttribute('part')).to.equal('log');
    expect(Boolean(row(element, 'Oops'))).to.equal(false);
    expect(Boolean(row(element, 'Keep this'))).to.equal(true);
    expect(cam.state.messages[chat.id].some((m) => m.id === regret.id)).to.equal(false);
    expect(ivy.state.messages[chat.id].some((m) => m.id === regret.id)).to.equal(true);
  });

  it('shows the system notice when nobody claimed the chat in time', async () => {
    const world = makeWorld({ policy: presets.teamInbox() });
    const cam = await world.client('cam');
    const chat = await cam.startConversation({ with: 'ivy' });
    await cam.send(chat.id, { kind: 'text', text: 'Anyone there?' });
    const element = await mount(cam, chat.id);
    expect(Boolean(root(element).querySelector('[part=notice]'))).to.equal(false);
    world.clock.advance(presets.teamInbox().routing.claimWindowMs);
    await rendered(element);
    const notice = root(element).querySelector('[part=notice]')!;
    expect(notice.textContent).to.include('Nobody is available right now');
    expect(Boolean(notice.closest('[part~=message]')!.querySelector('[part=bubble]'))).to.equal(false);
  });

  it('keeps the DOM small with 2,000 messages and shows the newest', async () => {
    const { world, cam, chat } = await paidChat();
    await fill(world, chat.id, 2000);
    expect(cam.state.messages[chat.id].length).to.equal(2000);
    const element = await mount(cam, chat.id);
    const count = root(element).querySelectorAll('*').length;
    expect(count).to.be.below(300);
    expect(Boolean(row(element, 'Message number 1999'))).to.equal(true);
    expect(Boolean(row(element, 'Message number 0 '))).to.equal(false);
    expect(fromBottom(log(element))).to.be.at.most(24);
  });

  it('renders the rows in view, and few others, wherever the reader scrolls', async () => {
    const { world, cam, chat } = await paidChat();
    await fill(world, chat.id, 600);
    const element = await mount(cam, chat.id);
    const scroller = log(element);
    // A row at the top edge of the view and one at its bottom edge: no blank space shows.
    const covered = () => {
      const view = scroller.getBoundingClientRect();
      const boxes = rows(element).map((r) => r.getBoundingClientRect());
      return [view.top + 1, view.bottom - 1].every((y) => boxes.some((box) => box.top <= y && box.bottom >= y));
    };
    // Scrolling up further than the rows rendered reach: the rows are there in the frame of the scroll (before it is painted).
    for (let i = 0; i < 12; i++) {
      scroller.scrollTop -= 600;
      await frame();
      expect(covered(), `after ${i + 1} screens up`).to.equal(true);
      expect(rows(element).length).to.be.below(30);
    }
    // Jumps to the middle and to the start.
    for (const [top, first] of [[scroller.scrollHeight / 2, undefined], [0, 'Message number 0']] as const) {
      scroller.scrollTop = top;
      await rendered(element);
      expect(covered()).to.equal(true);
      expect(root(element).querySelectorAll('*').length).to.be.below(300);
      if (first) expect(bubbles(element)[0]).to.equal(first);
    }
  });

  it('keeps the reader in place when a row above the view changes height', async () => {
    const { world, cam, chat } = await paidChat();
    await fill(world, chat.id, 200);
    const element = await mount(cam, chat.id);
    const scroller = log(element);
    scroller.scrollTop -= 1500;
    await rendered(element);
    const top = scroller.getBoundingClientRect().top;
    const reading = rows(element).find((r) => r.getBoundingClientRect().bottom > top)!;
    const before = reading.getBoundingClientRect().top;
    // A row rendered above the view grows (an image loading, say).
    const above = rows(element).find((r) => r.getBoundingClientRect().bottom < top)!;
    above.querySelector<HTMLElement>('[part=bubble]')!.style.paddingBlock = '120px';
    await rendered(element);
    expect(reading.isConnected).to.equal(true);
    expect(reading.getBoundingClientRect().top - before).to.be.closeTo(0, 1);
  });

  it('follows new messages only while the reader is at the bottom', async () => {
    const { world, cam, chat } = await paidChat();
    await fill(world, chat.id, 120);
    const element = await mount(cam, chat.id);
    const scroller = log(element);
    expect(fromBottom(scroller)).to.be.at.most(24);

    const ivySays = (text: string) => world.engine.execute('ivy', { type: 'send', conversationId: chat.id, message: { id: text, kind: 'text', text } });
    await ivySays('Ivy at the bottom');
    await rendered(element);
    expect(Boolean(row(element, 'Ivy at the bottom'))).to.equal(true);
    expect(fromBottom(scroller)).to.be.at.most(24);

    scroller.scrollTop = 0;
    await rendered(element);
    const top = scroller.scrollTop;
    expect(top).to.be.below(50);
    await ivySays('Ivy while I read above');
    await ivySays('Ivy again');
    await rendered(element);
    expect(scroller.scrollTop).to.equal(top);
    expect(Boolean(row(element, 'Ivy again'))).to.equal(false);
    const jump = root(element).querySelector<HTMLButtonElement>('[part=jump]')!;
    expect(jump.textContent).to.equal('New messages (2)');

    jump.click();
    await rendered(element);
    expect(Boolean(row(element, 'Ivy again'))).to.equal(true);
    expect(fromBottom(scroller)).to.be.at.most(24);
    expect(Boolean(root(element).querySelector('[part=jump]'))).to.equal(false);

    // Sending my own message brings me back to the bottom from wherever I was reading.
    scroller.scrollTop = 0;
    await rendered(element);
    expect(fromBottom(scroller)).to.be.above(1000);
    await cam.send(chat.id, { kind: 'text', text: 'My latest words' });
    await rendered(element);
    expect(Boolean(row(element, 'My latest words'))).to.equal(true);
    expect(fromBottom(scroller)).to.be.at.most(24);
  });

  it('renders a burst of live messages once', async () => {
    const { world, cam, chat } = await paidChat();
    await fill(world, chat.id, 10);
    const element = await mount(cam, chat.id);
    let renders = 0;
    const updated = (element as unknown as { updated: () => void }).updated.bind(element);
    (element as unknown as { updated: () => void }).updated = () => { renders++; updated(); };
    // 30 messages a microtask apart, as a busy socket would deliver them (mine, so no read receipt follows).
    await Promise.all(Array.from({ length: 30 }, (_, i) => world.engine.execute('cam', { type: 'send', conversationId: chat.id, message: { id: `burst-${i}`, kind: 'text', text: `Burst ${i}` } })));
    await rendered(element);
    expect(renders).to.equal(1);
    expect(Boolean(row(element, 'Burst 29'))).to.equal(true);
  });

  it('keeps the reader in place when earlier messages load at the top', async () => {
    const { world, chat } = await paidChat();
    await fill(world, chat.id, 200);
    const cam = await world.client('cam');
    const element = await mount(cam, chat.id);
    expect(cam.state.messages[chat.id].length).to.equal(50);
    expect(Boolean(root(element).querySelector('[part=load-earlier]'))).to.equal(true);

    const scroller = log(element);
    scroller.scrollTop = 0;
    await rendered(element, 5);
    expect(cam.state.messages[chat.id].length).to.equal(100);
    // The message that was at the top (number 150) is still at the top, no longer the first.
    const atTop = (text: string) => {
      const box = row(element, text)?.getBoundingClientRect();
      const view = scroller.getBoundingClientRect();
      return Boolean(box && box.bottom > view.top && box.top < view.top + 60);
    };
    expect(atTop('Message number 150')).to.equal(true);
    expect(scroller.scrollTop).to.be.above(1000);

    // "Load earlier" keeps the place too.
    root(element).querySelector<HTMLButtonElement>('[part=load-earlier]')!.click();
    await rendered(element, 5);
    expect(cam.state.messages[chat.id].length).to.equal(150);
    expect(atTop('Message number 150')).to.equal(true);
    expect(scroller.scrollTop).to.be.above(2000);
  });

  it('announces new incoming messages only, and marks the chat read at the bottom', async () => {
    const { cam, ivy, chat } = await paidChat();
    await cam.send(chat.id, { kind: 'text', text: 'Hello' });
    await ivy.send(chat.id, { kind: 'text', text: 'Earlier reply' });
    expect(cam.state.conversations[chat.id].unread).to.equal(true);
    const element = await mount(cam, chat.id);
    const live = root(element).querySelector('[aria-live=polite]')!;
    expect(live.textContent).to.equal('');
    expect(cam.state.conversations[chat.id].unread).to.equal(false);

    await ivy.send(chat.id, { kind: 'text', text: 'A new reply' });
    await rendered(element);
    expect(live.textContent).to.equal('Ivy: A new reply');
    expect(cam.state.conversations[chat.id].unread).to.equal(false);

    await cam.send(chat.id, { kind: 'text', text: 'My own words' });
    await rendered(element);
    expect(live.textContent).to.equal('Ivy: A new reply');
  });

  it('keeps XSS payloads in text, names and file names inert', async () => {
    const { world, cam, ivy, chat } = await paidChat();
    world.engine.upsertUser({ id: 'ivy', role: 'provider', name: XSS, teamId: 'team' });
    await cam.send(chat.id, { kind: 'text', text: `Look ${XSS} javascript:alert(1)` });
    await ivy.send(chat.id, { kind: 'attachment', attachment: { name: `${XSS}.txt`, size: 5, mime: 'text/plain', head: btoa('hello'), url: 'javascript:alert(1)' } });
    await ivy.send(chat.id, { kind: 'attachment', attachment: { name: 'photo.png', size: 8, head: btoa('\x89PNG\r\n\x1a\n'), url: 'javascript:alert(1)' } });
    const element = await mount(await world.client('cam'), chat.id);
    const shadow = root(element);
    expect(shadow.querySelectorAll('img, script, iframe').length).to.equal(0);
    expect(Boolean(shadow.querySelector('[href^="javascript"], [src^="javascript"]'))).to.equal(false);
    expect(row(element, 'Look')!.textContent).to.include(XSS);
    expect(rows(element).some((r) => r.querySelector('.meta')!.textContent!.includes(XSS))).to.equal(true);
    const chips = [...shadow.querySelectorAll('[part=file]')].map((f) => f.textContent);
    expect(chips).to.deep.equal([`${XSS}.txt (5 B)`, 'photo.png (8 B)']);
    expect((window as { __xss?: number }).__xss).to.equal(undefined);
  });

  it('previews images and videos only from http(s) and blob: urls; cards open links safely', async () => {
    const { cam, ivy, chat } = await paidChat();
    await cam.send(chat.id, { kind: 'text', text: 'Hi' });
    await ivy.send(chat.id, { kind: 'attachment', attachment: { name: 'photo.png', size: 8, head: btoa('\x89PNG\r\n\x1a\n'), url: 'blob:https://example.com/1' } });
    await ivy.send(chat.id, { kind: 'goodie', goodie: { id: 'g1', title: 'Signed poster', amountCents: 1500, url: 'https://example.com/poster' } });
    await ivy.send(chat.id, { kind: 'engagement', engagement: { id: 'e1', type: 'coupon', title: '10% off', code: 'SAVE10', url: 'javascript:alert(1)' } });
    await ivy.send(chat.id, { kind: 'payment-button', button: { id: 'b1', title: 'Private set', amountCents: 2500 } });
    const element = await mount(cam, chat.id);
    const image = root(element).querySelector('img[part=media]')!;
    expect(image.getAttribute('src')).to.equal('blob:https://example.com/1');
    expect(image.getAttribute('alt')).to.equal('photo.png');
    const cards = [...root(element).querySelectorAll('[part=card]')];
    expect(cards.map((c) => c.querySelector('strong')!.textContent)).to.deep.equal(['Signed poster', '10% off', 'Private set']);
    const link = cards[0].querySelector('a')!;
    expect([link.getAttribute('href'), link.target, link.rel]).to.deep.equal(['https://example.com/poster', '_blank', 'noopener noreferrer']);
    expect(cards[0].textContent).to.include('$15.00');
    expect(Boolean(cards[1].querySelector('a'))).to.equal(false);
    expect(cards[1].querySelector('code')!.textContent).to.equal('SAVE10');
    expect(cards[2].textContent).to.include('$25.00');
  });

  it('shows uploaded files from the chat server: pictures and videos inline, documents as download links; relative addresses stay text', async () => {
    const { cam, ivy, chat } = await paidChat();
    await cam.send(chat.id, { kind: 'text', text: 'Hi' });
    const server = 'http://127.0.0.1:8787/uploads';
    await ivy.send(chat.id, { kind: 'attachment', attachment: { name: 'photo.png', size: 8, mime: 'image/png', head: btoa('\x89PNG\r\n\x1a\n'), url: `${server}/1` } });
    await ivy.send(chat.id, { kind: 'attachment', attachment: { name: 'clip.mp4', size: 12, mime: 'video/mp4', head: btoa('\0\0\0\x18ftypmp42'), url: `${server}/2` } });
    await ivy.send(chat.id, { kind: 'attachment', attachment: { name: 'receipt.pdf', size: 2048, mime: 'application/pdf', head: btoa('%PDF-1.7'), url: `${server}/3` } });
    await ivy.send(chat.id, { kind: 'attachment', attachment: { name: 'old.pdf', size: 70, mime: 'application/pdf', head: btoa('%PDF-1.7'), url: '/uploads/4' } });
    const element = await mount(cam, chat.id, 800);
    const shadow = root(element);
    expect(shadow.querySelector('img[part=media]')!.getAttribute('src')).to.equal(`${server}/1`);
    const video = shadow.querySelector<HTMLVideoElement>('video[part=media]')!;
    expect([video.getAttribute('src'), video.controls, video.getAttribute('aria-label')]).to.deep.equal([`${server}/2`, true, 'clip.mp4']);
    const [receipt, old] = [...shadow.querySelectorAll<HTMLElement>('[part=file]')];
    expect(receipt.tagName).to.equal('A');
    expect([receipt.getAttribute('href'), receipt.getAttribute('download'), (receipt as HTMLAnchorElement).target, receipt.getAttribute('rel'), receipt.textContent])
      .to.deep.equal([`${server}/3`, 'receipt.pdf', '_blank', 'noopener noreferrer', 'receipt.pdf (2 KB)']);
    // Not resolvable against this page: shown by name only, never a link to the page's own origin.
    expect([old.tagName, old.textContent]).to.deep.equal(['SPAN', 'old.pdf (70 B)']);
    // In my own bubble the link chip keeps its own colours: its text is not the bubble's on the chip's background.
    await cam.send(chat.id, { kind: 'attachment', attachment: { name: 'mine.pdf', size: 70, mime: 'application/pdf', head: btoa('%PDF-1.7'), url: `${server}/5` } });
    await rendered(element);
    const mine = [...shadow.querySelectorAll<HTMLElement>('a[part=file]')].find((a) => a.textContent!.startsWith('mine.pdf'))!;
    const style = getComputedStyle(mine);
    expect(style.color).to.not.equal(style.backgroundColor);
  });

  it('is accessible', async () => {
    const { world, cam, ivy, chat } = await paidChat();
    await cam.send(chat.id, { kind: 'text', text: 'Hello, see https://example.com' });
    world.clock.advance(60_000);
    await ivy.send(chat.id, { kind: 'text', text: 'Hi! Here is my offer.' });
    await ivy.requestTribute(chat.id, { amountCents: 500, note: 'For the reading' });
    await ivy.block('cam');
    await cam.send(chat.id, { kind: 'text', text: 'This one fails' }).catch(() => undefined);
    const element = await mount(cam, chat.id);
    expect(Boolean(root(element).querySelector('[part=volley]'))).to.equal(true);
    await expect(element).to.be.accessible();
    element.setAttribute('theme', 'dark');
    await expect(element).to.be.accessible();
  });

  describe('live signals: typing and receipts (P12), the provider\'s status (P10), taking over (K3)', () => {
    const typingLine = (element: VolleyThread) => root(element).querySelector<HTMLElement>('[part=typing]')!;
    const status = (element: VolleyThread, text: string) => row(element, text)?.querySelector<HTMLElement>('[part~=status]') as HTMLElement;
    const presence = (element: VolleyThread) => root(element).querySelector<HTMLElement>('[part=presence]');

    /** Cam wrote to Ivy, who works alone (no team to stand in for her status) and may now reply and type. */
    async function written() {
      const world = makeWorld({ policy: presets.paidChat() });
      world.engine.upsertUser({ id: 'ivy', role: 'provider', name: 'Ivy' });
      const cam = await world.client('cam');
      const ivy = await world.client('ivy');
      const chat = await cam.startConversation({ with: 'ivy' });
      await cam.send(chat.id, { kind: 'text', text: 'Hello Ivy' });
      return { world, cam, ivy, chat };
    }

    it('says who is typing in a polite line, not again on each renewal, and clears it when the signal lapses', async () => {
      const { world, cam, ivy, chat } = await written();
      const element = await mount(cam, chat.id);
      expect(typingLine(element).getAttribute('role')).to.equal('status');
      expect(typingLine(element).textContent).to.equal('');
      await ivy.typing(chat.id);
      await until(() => typingLine(element).textContent === 'Ivy is typing…');

      // Ivy keeps typing: the signal is renewed, the line (and what a screen reader hears) stays as it is.
      const changes: MutationRecord[] = [];
      const watcher = new MutationObserver((records) => changes.push(...records));
      watcher.observe(typingLine(element), { childList: true, characterData: true, subtree: true });
      world.clock.advance(world.engine.policy.typing.throttleMs);
      await ivy.typing(chat.id);
      await until(() => cam.state.typing[chat.id]?.ivy === world.clock.now() + world.engine.policy.typing.ttlMs);
      await rendered(element, 1);
      expect(changes.length).to.equal(0);
      watcher.disconnect();

      world.clock.advance(world.engine.policy.typing.ttlMs - 1);
      await rendered(element, 1);
      expect(typingLine(element).textContent).to.equal('Ivy is typing…', 'not before the signal lapses');
      world.clock.advance(1);
      await until(() => typingLine(element).textContent === '');
    });

    it("clears the typing line when the typist's message arrives", async () => {
      const { cam, ivy, chat } = await written();
      const element = await mount(cam, chat.id);
      await ivy.typing(chat.id);
      await until(() => typingLine(element).textContent === 'Ivy is typing…');
      await ivy.send(chat.id, { kind: 'text', text: 'Here I am' });
      await until(() => row(element, 'Here I am') && typingLine(element).textContent === '');
    });

    it('keeps an XSS payload in a typist\'s name inert', async () => {
      const world = makeWorld({ policy: presets.paidChat() });
      world.engine.upsertUser({ id: 'evil', role: 'provider', name: XSS });
      const cam = await world.client('cam');
      const evil = await world.client('evil');
      const chat = await cam.startConversation({ with: 'evil' });
      await cam.send(chat.id, { kind: 'text', text: 'Hello' });
      const element = await mount(cam, chat.id);
      await evil.typing(chat.id);
      await until(() => typingLine(element).textContent === `${XSS} is typing…`);
      expect(root(element).querySelector('img')).to.equal(null);
      expect((window as { __xss?: number }).__xss).to.equal(undefined);
    });

    it('shows my message as sent, delivered once their device has it, read once they read it, as text and ::part(receipt)', async () => {
      const { world, cam, ivy, chat } = await paidChat();
      ivy.disconnect();
      await cam.send(chat.id, { kind: 'text', text: 'Hello Ivy' });
      const element = await mount(cam, chat.id);
      expect(status(element, 'Hello Ivy').textContent).to.equal('Sent');
      expect(status(element, 'Hello Ivy').part.contains('receipt')).to.equal(true);
      expect(status(element, 'Hello Ivy').className).to.equal('receipt sent');

      // Ivy comes back: what arrived unread is delivered (her client sends the receipt on its short timer).
      await ivy.connect();
      world.clock.advance(RECEIPT_DELAY);
      await until(() => status(element, 'Hello Ivy').textContent === 'Delivered');
      expect(status(element, 'Hello Ivy').className).to.equal('receipt delivered');
      await ivy.markRead(chat.id);
      await until(() => status(element, 'Hello Ivy').textContent === 'Read');
      expect(status(element, 'Hello Ivy').className).to.equal('receipt read');
      // The glyphs are decoration: the text says it all.
      expect(getComputedStyle(status(element, 'Hello Ivy'), '::before').content).to.equal('"✓✓" / ""');

      // A newer message starts over: only delivered, while the older one stays read.
      await cam.send(chat.id, { kind: 'text', text: 'One more thing' });
      await until(() => ivy.state.messages[chat.id]?.some((m) => m.kind === 'text' && m.text === 'One more thing'));
      world.clock.advance(RECEIPT_DELAY);
      await until(() => status(element, 'One more thing')?.textContent === 'Delivered');
      expect(status(element, 'Hello Ivy').textContent).to.equal('Read');
      // Ivy's messages carry no receipt on Cam's screen.
      await ivy.send(chat.id, { kind: 'text', text: 'Reply' });
      await until(() => row(element, 'Reply'));
      expect(row(element, 'Reply')!.querySelector('[part~=status]')).to.equal(null);
    });

    it('never shows a receipt going backwards, even when an older view of the chat arrives late', async () => {
      const world = makeWorld({ policy: presets.paidChat() });
      let deliver!: (event: ChatEvent) => void;
      const transport = new LocalTransport(world.engine, { userId: 'cam' });
      const connect = transport.connect.bind(transport);
      transport.connect = (onEvent) => connect((deliver = onEvent));
      const cam = new ChatClient({ transport, clock: world.clock });
      await cam.connect();
      const ivy = await world.client('ivy');
      const chat = await cam.startConversation({ with: 'ivy' });
      await cam.send(chat.id, { kind: 'text', text: 'Read me' });
      await ivy.markRead(chat.id);
      const element = await mount(cam, chat.id);
      await until(() => status(element, 'Read me').textContent === 'Read');

      deliver({ type: 'conversation', conversation: { ...cam.state.conversations[chat.id], peerDeliveredSeq: 0, peerReadSeq: 0 } });
      await rendered(element, 1);
      expect(status(element, 'Read me').textContent).to.equal('Read');
      expect(cam.state.conversations[chat.id].peerReadSeq).to.equal(1);
    });

    it("shows the customer the provider's status, live, reading the card once however many views show it", async () => {
      const { cam, ivy, chat } = await written();
      let reads = 0;
      const providerCard = cam.providerCard.bind(cam);
      cam.providerCard = (id: string) => (reads++, providerCard(id));
      const element = await mount(cam, chat.id);
      await until(() => presence(element)?.textContent === 'Ivy: Available');
      expect(presence(element)!.querySelector('.presence')!.className).to.equal('presence available');

      await ivy.setStatus('away');
      await until(() => presence(element)!.textContent === 'Ivy: Away');
      await ivy.setStatus('offline');
      await until(() => presence(element)!.textContent === 'Ivy: Offline');
      expect(presence(element)!.querySelector('.presence')!.className).to.equal('presence offline');

      const second = await mount(cam, chat.id);
      expect(presence(second)!.textContent).to.equal('Ivy: Offline');
      expect(reads).to.equal(1);

      // The provider side has no such line.
      const provider = await mount(ivy, chat.id);
      expect(presence(provider)).to.equal(null);
    });

    it('says it is loading until the client has connected, then shows the chat', async () => {
      const { world, cam, chat } = await paidChat();
      const empty = await mount(cam, chat.id);
      expect(root(empty).querySelector('.empty')!.textContent).to.equal('No messages yet.', 'connected, with nothing written');
      await cam.send(chat.id, { kind: 'text', text: 'Hello before' });
      const later = new ChatClient({ transport: new LocalTransport(world.engine, { userId: 'cam' }), clock: world.clock });
      const element = await mount(later, chat.id);
      expect(root(element).querySelector('.empty')!.textContent).to.equal('Loading…');
      await later.connect();
      await until(() => row(element, 'Hello before'));
      expect(root(element).querySelector('.empty')).to.equal(null);
      later.disconnect();
    });

    it('offers Take over for a send refused because another member owns the chat; after the warning it sends and takes it', async () => {
      const world = makeWorld({ policy: presets.customerCare() });
      const cam = await world.client('cam');
      const ana = await world.client('ana');
      const bo = await world.client('bo');
      const chat = await cam.startConversation({ with: 'ivy' });
      await cam.send(chat.id, { kind: 'text', text: 'Is my coupon valid?' });
      await ana.send(chat.id, { kind: 'text', text: 'Let me check.' });
      await bo.send(chat.id, { kind: 'text', text: 'It is, until Friday.' }).catch(() => undefined);
      const element = await mount(bo, chat.id);
      const failed = row(element, 'It is, until Friday.')!;
      expect(failed.querySelector('[part~=status]')!.textContent).to.equal(`Not sent: ${ERROR_MESSAGES['owned-by-other']}`);
      expect(failed.querySelector('[data-action=retry]')).to.equal(null);
      const takeOver = failed.querySelector<HTMLButtonElement>('button[data-action=take-over]')!;
      expect(takeOver.textContent).to.equal('Take over');

      // Cancel: nothing is sent, the focus returns to the button.
      takeOver.focus();
      takeOver.click();
      const dialog = () => root(element).querySelector('dialog');
      await until(() => dialog()?.open);
      expect(dialog()!.querySelector('#question')!.textContent).to.equal('Ana owns this chat. Take it over to send this message?');
      await expect(element).to.be.accessible();
      dialog()!.querySelector<HTMLButtonElement>('button:not(.danger)')!.click();
      await until(() => !dialog());
      expect(root(element).activeElement?.getAttribute('data-action')).to.equal('take-over');
      expect(cam.state.messages[chat.id].some((m) => m.kind === 'text' && m.text === 'It is, until Friday.')).to.equal(false);

      takeOver.click();
      await until(() => dialog()?.open);
      const retried = oneEvent(element, 'volley-retry') as unknown as Promise<VolleyRetryEvent>;
      dialog()!.querySelector<HTMLButtonElement>('button.danger')!.click();
      expect((await retried).overtake).to.equal(true);
      await until(() => cam.state.messages[chat.id].some((m) => m.kind === 'text' && m.text === 'It is, until Friday.'));
      await until(() => bo.state.conversations[chat.id].ownerId === 'bo');
      await until(() => status(element, 'It is, until Friday.')?.textContent !== 'Sending…' && !row(element, 'It is, until Friday.')!.classList.contains('failed'));
    });

    it('is accessible with the typing line, the status line and receipts, light and dark', async () => {
      const { cam, ivy, chat } = await written();
      await ivy.markRead(chat.id);
      await cam.send(chat.id, { kind: 'text', text: 'Are you there?' });
      await ivy.setStatus('away');
      const element = await mount(cam, chat.id);
      await ivy.typing(chat.id);
      await until(() => typingLine(element).textContent && presence(element)?.textContent === 'Ivy: Away' && status(element, 'Hello Ivy').textContent === 'Read');
      await expect(element).to.be.accessible();
      element.setAttribute('theme', 'dark');
      await expect(element).to.be.accessible();
    });
  });

  it('leaves no subscription, timer or render behind after 20 mounts', async () => {
    const { world, cam, ivy, chat } = await paidChat();
    await cam.send(chat.id, { kind: 'text', text: 'Hello' });
    let active = 0;
    const subscribe = cam.subscribe.bind(cam);
    cam.subscribe = ((select: never, listener: never, equals?: never) => {
      active++;
      const unsubscribe = subscribe(select, listener, equals);
      return () => { active--; unsubscribe(); };
    }) as typeof cam.subscribe;
    const timers = world.clock.pendingTimers;
    const elements: VolleyThread[] = [];
    for (let i = 0; i < 20; i++) {
      const element = await mount(cam, chat.id);
      expect(active).to.be.above(0);
      element.remove();
      elements.push(element);
    }
    expect(active).to.equal(0);
    expect(world.clock.pendingTimers).to.equal(timers);
    await ivy.send(chat.id, { kind: 'text', text: 'After unmount' });
    await settle();
    expect(elements.some((e) => e.isUpdatePending)).to.equal(false);
    expect(elements.some((e) => row(e, 'After unmount'))).to.equal(false);
  });
});

export type { Message };
