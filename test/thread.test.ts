import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { presets, type ChatClient, type Message, type StoreRecord } from '../src/index.js';
import '../src/elements/thread/thread.js';
import type { VolleyThread } from '../src/elements/thread/thread.js';
import type { VolleyDeleteEvent, VolleyErrorEvent, VolleyRetryEvent, VolleyTributeEvent } from '../src/elements/events/events.js';
import { makeWorld, settle } from './helpers.js';

const XSS = '<img src=x onerror="window.__xss=1">';
const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

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
  const world = makeWorld(presets.paidChat());
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
    world.dispose();
  });

  it('shows my message as pending until the engine stores it, then as sent', async () => {
    const { world, cam, chat } = await paidChat();
    const element = await mount(cam, chat.id);
    // Hold the engine's commit so the message stays pending while we look.
    const store = world.engine.store;
    const commit = store.commit.bind(store);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    store.commit = async (records: StoreRecord[]) => { await gate; return commit(records); };

    const sending = cam.send(chat.id, { kind: 'text', text: 'Are you there?' });
    await rendered(element, 1);
    expect(row(element, 'Are you there?')!.querySelector('[part=status]')!.textContent).to.equal('Sending…');
    release();
    await sending;
    await rendered(element, 1);
    expect(row(element, 'Are you there?')!.querySelector('[part=status]')!.textContent).to.equal('Sent');
    world.dispose();
  });

  it('shows why a message failed, and Retry sends it once', async () => {
    const { world, cam, ivy, chat } = await paidChat();
    await cam.send(chat.id, { kind: 'text', text: 'Hello' });
    await cam.block('ivy');
    await ivy.send(chat.id, { kind: 'text', text: 'Reply from Ivy' }).catch(() => undefined);
    const element = await mount(ivy, chat.id);
    const failed = row(element, 'Reply from Ivy')!;
    expect(failed.querySelector('[part=status]')!.textContent).to.equal('Not sent: Messaging is blocked in this chat.');
    expect(cam.state.messages[chat.id].some((m) => m.kind === 'text' && m.text === 'Reply from Ivy')).to.equal(false);

    await cam.unblock('ivy');
    const retried = oneEvent(element, 'volley-retry') as unknown as Promise<VolleyRetryEvent>;
    failed.querySelector<HTMLButtonElement>('button[data-action=retry]')!.click();
    const event = await retried;
    expect(event.conversationId).to.equal(chat.id);
    expect(event.messageId).to.equal(ivy.state.messages[chat.id].find((m) => m.kind === 'text' && m.text === 'Reply from Ivy')!.id);
    await rendered(element);
    const copies = rows(element).filter((r) => r.querySelector('[part=bubble]')!.textContent!.includes('Reply from Ivy'));
    expect(copies.length).to.equal(1);
    expect(copies[0].querySelector('[part=status]')!.textContent).to.equal('Sent');
    expect(Boolean(copies[0].querySelector('button[data-action=retry]'))).to.equal(false);
    expect(cam.state.messages[chat.id].filter((m) => m.kind === 'text' && m.text === 'Reply from Ivy').length).to.equal(1);
    world.dispose();
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
    world.dispose();
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
    world.dispose();
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
    expect(card.querySelector('[role=alert]')!.textContent).to.equal('The payment was declined.');
    expect(Boolean(card.querySelector('button[data-action=pay]'))).to.equal(true);
    expect(Boolean(root(element).querySelector('[part=notice]'))).to.equal(false);
    expect(cam.state.messages[chat.id].some((m) => m.kind === 'tribute')).to.equal(false);
    expect(world.payments.charges.some((c) => c.reason === 'tribute')).to.equal(false);
    world.dispose();
  });

  it('deletes a message for me only, after a confirmation', async () => {
    const { world, cam, ivy, chat } = await paidChat();
    await cam.send(chat.id, { kind: 'text', text: 'Keep this' });
    const regret = await cam.send(chat.id, { kind: 'text', text: 'Oops, wrong chat' });
    const element = await mount(cam, chat.id);
    let deletes = 0;
    element.addEventListener('volley-delete', () => deletes++);

    row(element, 'Oops')!.querySelector<HTMLButtonElement>('button[data-action=delete]')!.click();
    await element.updateComplete;
    let dialog = root(element).querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    await expect(element).to.be.accessible();
    [...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Cancel')!.click();
    await rendered(element, 1);
    expect(Boolean(root(element).querySelector('dialog'))).to.equal(false);
    expect(deletes).to.equal(0);
    expect(Boolean(row(element, 'Oops'))).to.equal(true);

    row(element, 'Oops')!.querySelector<HTMLButtonElement>('button[data-action=delete]')!.click();
    await element.updateComplete;
    dialog = root(element).querySelector('dialog')!;
    const deleting = oneEvent(element, 'volley-delete') as unknown as Promise<VolleyDeleteEvent>;
    [...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Delete for me')!.click();
    const event = await deleting;
    expect([event.conversationId, event.messageId]).to.deep.equal([chat.id, regret.id]);
    await rendered(element);
    expect(Boolean(row(element, 'Oops'))).to.equal(false);
    expect(Boolean(row(element, 'Keep this'))).to.equal(true);
    expect(cam.state.messages[chat.id].some((m) => m.id === regret.id)).to.equal(false);
    expect(ivy.state.messages[chat.id].some((m) => m.id === regret.id)).to.equal(true);
    world.dispose();
  });

  it('shows the system notice when nobody claimed the chat in time', async () => {
    const world = makeWorld(presets.teamInbox());
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
    world.dispose();
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
    world.dispose();
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
    world.dispose();
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
    world.dispose();
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
    world.dispose();
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
    world.dispose();
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
    world.dispose();
  });

  it('announces new incoming messages only, and marks the chat read at the bottom', async () => {
    const { world, cam, ivy, chat } = await paidChat();
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
    world.dispose();
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
    world.dispose();
  });

  it('previews images and videos only from http(s) and blob: urls; cards open links safely', async () => {
    const { world, cam, ivy, chat } = await paidChat();
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
    world.dispose();
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
    world.dispose();
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
    world.dispose();
  });
});

export type { Message };
