import { expect, fixture, html } from '@open-wc/testing';
import { ChatClient, isChatError, LocalTransport, type Transport } from '../src/index.js';
import '../src/elements/chat-card/chat-card.js';
import type { VolleyChatCard } from '../src/elements/chat-card/chat-card.js';
import type { VolleySelectEvent, VolleyStartEvent } from '../src/elements/events/events.js';
import type { VolleyLauncher } from '../src/elements/launcher/launcher.js';
import { install } from '../src/widget/loader.js';
import { optionsFromDataset, type Mounted } from '../src/widget/options.js';
import * as widget from '../src/widget/widget.js';
import { makeWorld, until } from './helpers.js';

/** Max works alone (no team): his card shows his own status. */
async function cardWorld(max: { name?: string } = {}) {
  const world = makeWorld();
  world.engine.upsertUser({ id: 'max', role: 'provider', name: 'Max', ...max });
  const cam = await world.client('cam');
  const maxClient = await world.client('max');
  return { ...world, cam, max: maxClient };
}

async function cardFor(client: ChatClient, provider = 'max', extra = html``) {
  const element = await fixture<VolleyChatCard>(html`<div>${extra}<volley-chat-card .client=${client} provider=${provider}></volley-chat-card></div>`);
  const card = element.querySelector('volley-chat-card')!;
  await until(() => card.shadowRoot!.querySelector('[part=status]'));
  return card;
}

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part=${name}]`);
const text = (el: Element, name: string) => part(el, name)?.textContent?.trim() ?? null;
const chatButton = (el: Element) => part(el, 'chat') as HTMLButtonElement;
/** The status dot's status class (`presence available` …). */
const dot = (el: Element) => el.shadowRoot!.querySelector('[part=status] .presence')?.classList[1];

describe('volley-chat-card (P9, P10): the provider\'s card, the customer\'s way in', () => {
  it('shows the name, initials for the avatar, the status with its dot, the price of a reply and an enabled Chat button', async () => {
    const world = await cardWorld();
    const card = await cardFor(world.cam);
    expect(text(card, 'name')).to.equal('Max');
    expect(text(card, 'avatar')).to.equal('M');
    expect(text(card, 'status')).to.equal('Available');
    expect(dot(card)).to.equal('available');
    expect(text(card, 'price')).to.equal('$0.66 per reply');
    expect(part(card, 'note')).to.equal(null);
    expect(chatButton(card).textContent).to.equal('Chat with Max');
    expect(chatButton(card).disabled).to.equal(false);
    // The body loads with the card (chat-card.body.ts): its styles are in force, beside the frame's.
    expect(getComputedStyle(part(card, 'name')!).fontWeight).to.equal('600');
    expect(getComputedStyle(part(card, 'note') ?? chatButton(card)).gridColumnStart).to.equal('1');
    await expect(card).to.be.accessible();
  });

  it('away: the status says so, and the Chat button still starts a chat', async () => {
    const world = await cardWorld();
    await world.max.setStatus('away');
    const card = await cardFor(world.cam);
    expect([text(card, 'status'), dot(card), chatButton(card).disabled]).to.deep.equal(['Away', 'away', false]);
  });

  it('offline: by default the customer may still write, and the card says the reply comes later', async () => {
    const world = await cardWorld();
    await world.max.setStatus('offline');
    const card = await cardFor(world.cam);
    expect([text(card, 'status'), dot(card)]).to.deep.equal(['Offline', 'offline']);
    expect(text(card, 'note')).to.equal('Max is offline and will reply later.');
    expect(chatButton(card).disabled).to.equal(false);
  });

  it('offline with online-only: the button is disabled and the card says why', async () => {
    const world = await cardWorld();
    await world.max.setStatus('offline');
    const card = await cardFor(world.cam);
    card.onlineOnly = true;
    await card.updateComplete;
    expect(text(card, 'note')).to.equal('Max is offline: try again later.');
    expect(chatButton(card).disabled).to.equal(true);
  });

  it('P8 un-enrolled: the refusal is said and the button is disabled; pressing it starts nothing', async () => {
    const world = await cardWorld();
    await world.max.unenrol();
    const card = await cardFor(world.cam);
    expect(text(card, 'note')).to.equal('Max is not taking chats.');
    expect(chatButton(card).disabled).to.equal(true);
    chatButton(card).click();
    await card.updateComplete;
    expect(Object.keys(world.cam.state.conversations).length).to.equal(0);
  });

  it('P6 blocked: the card says messaging is blocked; the existing chat still opens, read only', async () => {
    const world = await cardWorld();
    const chat = await world.cam.startConversation({ with: 'max' });
    await world.cam.send(chat.id, { kind: 'text', text: 'Hello' });
    await world.max.block('cam');
    const card = await cardFor(world.cam);
    await until(() => text(card, 'note') === 'Messaging with Max is blocked.');
    expect(chatButton(card).textContent).to.equal('Open your chat with Max');
    expect(chatButton(card).disabled).to.equal(false);
  });

  it('Chat announces volley-start, starts the chat and asks to open it with volley-select', async () => {
    const world = await cardWorld();
    const card = await cardFor(world.cam);
    const seen: string[] = [];
    card.addEventListener('volley-start', (e: VolleyStartEvent) => seen.push(`start ${e.providerId}`));
    card.addEventListener('volley-select', (e: VolleySelectEvent) => seen.push(`select ${e.conversationId}`));
    chatButton(card).click();
    await until(() => seen.length === 2);
    const [id] = Object.keys(world.cam.state.conversations);
    expect(seen).to.deep.equal(['start max', `select ${id}`]);
    await until(() => chatButton(card).textContent === 'Open your chat with Max');
  });

  it('a canceled volley-start starts nothing: the host does it its way', async () => {
    const world = await cardWorld();
    const card = await cardFor(world.cam);
    card.addEventListener('volley-start', (e) => e.preventDefault());
    chatButton(card).click();
    await card.updateComplete;
    expect(Object.keys(world.cam.state.conversations).length).to.equal(0);
  });

  it('P7 a closed chat reopens from the card: volley-select names it and it is open again', async () => {
    const world = await cardWorld();
    const chat = await world.cam.startConversation({ with: 'max' });
    await world.cam.send(chat.id, { kind: 'text', text: 'Thanks, bye!' });
    await world.cam.closeConversation(chat.id);
    expect(world.cam.state.conversations[chat.id]?.closed).to.equal(true);
    const card = await cardFor(world.cam);
    expect(chatButton(card).textContent).to.equal('Open your chat with Max');
    let selected = '';
    card.addEventListener('volley-select', (e) => (selected = e.conversationId));
    chatButton(card).click();
    await until(() => selected);
    expect(selected).to.equal(chat.id);
    await until(() => world.cam.state.conversations[chat.id]?.closed === false);
  });

  it('loading: before the card arrives it says so, is busy and has nothing to press', async () => {
    const never = () => new Promise<never>(() => undefined);
    const client = new ChatClient({ transport: { connect: never, request: never, disconnect: () => undefined } as Transport });
    const element = await fixture<VolleyChatCard>(html`<volley-chat-card .client=${client} provider="max"></volley-chat-card>`);
    expect(element.shadowRoot!.textContent).to.contain('Loading…');
    expect(part(element, 'card')!.getAttribute('aria-busy')).to.equal('true');
    expect(chatButton(element)).to.equal(null);
    expect(part(element, 'status')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('an unknown provider: the refusal is said, with nothing to press', async () => {
    const world = await cardWorld();
    const element = await fixture<VolleyChatCard>(html`<volley-chat-card .client=${world.cam} provider="nobody"></volley-chat-card>`);
    await until(() => part(element, 'error'));
    // The engine's reason, as the ChatError carries it.
    expect(text(element, 'error')).to.equal('That provider was not found.');
    expect([chatButton(element), element.shadowRoot!.textContent!.includes('Loading…')]).to.deep.equal([null, false]);
  });

  it('P10 follows the provider live: available, away, offline and back, through the card event', async () => {
    const world = await cardWorld();
    const card = await cardFor(world.cam);
    for (const status of ['away', 'offline', 'available'] as const) {
      await world.max.setStatus(status);
      await until(() => dot(card) === status);
    }
    expect(text(card, 'status')).to.equal('Available');
    await world.max.unenrol();
    await until(() => chatButton(card).disabled);
    expect(text(card, 'note')).to.equal('Max is not taking chats.');
  });

  it('P10 a provider with a team: her own status, and the team\'s apart ("Away · their team is available"), live', async () => {
    const world = makeWorld();
    const cam = await world.client('cam');
    const ivy = await world.client('ivy');
    const ana = await world.client('ana');
    const bo = await world.client('bo');
    const adm = await world.client('adm');
    const card = await cardFor(cam, 'ivy');
    expect([text(card, 'status'), dot(card)]).to.deep.equal(['Available', 'available']);
    await ivy.setStatus('away');
    await until(() => dot(card) === 'away');
    expect(text(card, 'status')).to.equal('Away · their team is available');
    expect(chatButton(card).disabled).to.equal(false);
    // Offline herself, the team still answers: no "will reply later", and online-only does not close the card.
    await ivy.setStatus('offline');
    card.onlineOnly = true;
    await until(() => dot(card) === 'offline');
    expect([text(card, 'status'), part(card, 'note'), chatButton(card).disabled]).to.deep.equal(['Offline · their team is available', null, false]);
    for (const member of [ana, bo, adm]) await member.setStatus('offline');
    await until(() => text(card, 'status') === 'Offline');
    expect(chatButton(card).disabled).to.equal(true);
    card.strings = { teamPresence: { available: 'équipe disponible', away: 'équipe absente', offline: 'équipe hors ligne' } };
    await ivy.setStatus('available');
    await ana.setStatus('away');
    await until(() => dot(card) === 'available');
    expect(text(card, 'status')).to.equal('Available · équipe absente');
    await expect(card).to.be.accessible();
  });

  it('a refused start is shown and dispatched as volley-error', async () => {
    const world = await cardWorld();
    // An agent is not a customer: the engine refuses the chat.
    const card = await cardFor(await world.client('ana'));
    let code = '';
    card.addEventListener('volley-error', (e) => (code = e.code));
    chatButton(card).click();
    await until(() => part(card, 'error'));
    expect(code).to.be.oneOf(['provider-to-provider', 'forbidden']);
    expect(text(card, 'error')).to.have.length.above(0);
  });

  it('a name is text, never HTML; only an http(s) avatar becomes an image', async () => {
    const world = await cardWorld({ name: '<img src=x onerror="window.pwned=1">Max' });
    const card = await cardFor(world.cam);
    expect(text(card, 'name')).to.equal('<img src=x onerror="window.pwned=1">Max');
    expect(card.shadowRoot!.querySelectorAll('img').length).to.equal(0);
    expect((window as { pwned?: number }).pwned).to.equal(undefined);
    card.avatar = 'javascript:alert(1)';
    await card.updateComplete;
    expect(card.shadowRoot!.querySelectorAll('img').length).to.equal(0);
    card.avatar = 'https://cdn.example/max.png';
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('img')!.getAttribute('src')).to.equal('https://cdn.example/max.png');
  });

  it('strings are replaceable, and it is accessible in dark and right to left', async () => {
    const world = await cardWorld();
    await world.max.setStatus('offline');
    const card = await cardFor(world.cam);
    card.strings = { startChat: (name: string) => `Écrire à ${name}`, presence: { available: 'Disponible', away: 'Absent', offline: 'Hors ligne' } };
    card.setAttribute('theme', 'dark');
    card.dir = 'rtl';
    await card.updateComplete;
    expect([chatButton(card).textContent, text(card, 'status')]).to.deep.equal(['Écrire à Max', 'Hors ligne']);
    await expect(card).to.be.accessible();
  });
});

describe('the script tag mounts a chat card (data-card, Volley.mount({ card }))', () => {
  const mounts: Mounted[] = [];
  afterEach(async () => {
    mounts.splice(0).forEach((mounted) => mounted.unmount());
    await window.Volley?.ready?.then((mounted) => mounted.unmount(), () => undefined);
    delete window.Volley;
  });
  const panelChat = (launcher: VolleyLauncher) => launcher.shadowRoot!.querySelector('volley-chat');

  it('reads the card from data-card, data-card-target, data-card-avatar and data-card-online-only', () => {
    const options = optionsFromDataset({ card: 'ivy', cardTarget: '#profile', cardAvatar: 'https://cdn.example/ivy.png', cardOnlineOnly: '' });
    expect(options.card).to.deep.equal({ provider: 'ivy', target: '#profile', avatar: 'https://cdn.example/ivy.png', onlineOnly: true });
    expect('card' in optionsFromDataset({}), 'no data-card, no card').to.equal(false);
  });

  it('a script tag with data-card puts the card where asked; its Chat opens the launcher on that chat', async () => {
    const profile = await fixture<HTMLElement>(html`<section id="profile"></section>`);
    const script = document.createElement('script');
    Object.assign(script.dataset, { user: 'cam', name: 'Cam', card: 'ivy', cardTarget: '#profile' });
    const mounted = await install(script, async () => widget).ready!;
    const card = mounted.card!;
    expect(card.parentElement?.id).to.equal(profile.id);
    await until(() => card.shadowRoot!.querySelector('[part=status]'));
    // The demo world: Ivy on the other side, with an earlier exchange, so the card reopens that chat.
    expect(chatButton(card).textContent).to.equal('Open your chat with Ivy');
    const launcher = mounted.element as VolleyLauncher;
    expect(launcher.isOpen).to.equal(false);
    chatButton(card).click();
    await until(() => launcher.isOpen && panelChat(launcher)?.shadowRoot?.querySelector('header h2')?.textContent === 'Ivy');
    expect(panelChat(launcher)!.conversationId).to.equal(mounted.conversationId);
  });

  it('on a host transport the card starts a new chat and the open panel switches to it', async () => {
    const world = makeWorld();
    world.engine.upsertUser({ id: 'max', role: 'provider', name: 'Max' });
    const cam = await world.client('cam');
    const first = await cam.startConversation({ with: 'ivy' });
    await cam.send(first.id, { kind: 'text', text: 'Hi Ivy' });
    await fixture<HTMLElement>(html`<div id="listing"></div>`);
    const mounted = await widget.mount({ transport: new LocalTransport(world.engine, { userId: 'cam' }), persist: false, conversationId: first.id, card: { provider: 'max', target: '#listing' } });
    mounts.push(mounted);
    const launcher = mounted.element as VolleyLauncher;
    launcher.show();
    await until(() => panelChat(launcher)?.shadowRoot?.querySelector('header h2')?.textContent === 'Ivy');
    const card = mounted.card!;
    await until(() => chatButton(card)?.textContent === 'Chat with Max' && !chatButton(card).disabled);
    chatButton(card).click();
    await until(() => panelChat(launcher)?.shadowRoot?.querySelector('header h2')?.textContent === 'Max');
  });

  it('a card target that is not on the page is invalid and mounts nothing', async () => {
    const refusal = await widget.mount({ card: { provider: 'ivy', target: '#nowhere' } }).then(() => null, (error: unknown) => error);
    expect(isChatError(refusal) && refusal.code).to.equal('invalid');
    expect(document.querySelectorAll('volley-launcher, volley-chat-card').length).to.equal(0);
  });
});
