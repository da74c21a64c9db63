import {
  ChatClient, ChatEngine, ChatError, LocalTransport, ManualClock, presets, type Policy, type Transport, type User,
} from '../src/index.js';
import { chatStrings } from '../src/elements/chat/chat.strings.js';
import { CATALOGS } from './catalogs.js';
import { appliedStrings } from './editor.js';

/**
 * The gallery: every element in every state it can be in. Each card builds a small world of its
 * own (an engine on a clock that stands still, so what a card shows never drifts) and plays it to
 * the state named. Two tables drive it all: SCENES (state → how to reach it) and ELEMENTS
 * (element → the scenes it is shown in). A section is built when it is first opened.
 */

const START = Date.parse('2026-03-02T09:00:00Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const MB = 1024 * 1024;

/** What a card shows: the client of the person looking, the chat open, and anything to do once shown. */
interface View {
  client?: ChatClient;
  conversationId?: string;
  /** A line under the card: what the engine answered, or what to try. */
  note?: string;
  /** Properties set on the element (beyond client and conversation). */
  props?: Record<string, unknown>;
  /** Runs once the element is on the page: for states reached through it (a typed text, a live event). */
  after?: (element: HTMLElement) => Promise<void> | void;
}

interface Scene {
  title: string;
  build: () => Promise<View>;
  /** Wraps the card: direction, built-in theme, or a class setting custom properties. */
  dir?: 'rtl';
  theme?: 'dark';
  className?: string;
}

const PEOPLE: User[] = [
  { id: 'cam', role: 'customer', name: 'Cam' },
  { id: 'dee', role: 'customer', name: 'Dee' },
  { id: 'eli', role: 'customer', name: 'Eli' },
  { id: 'ivy', role: 'provider', name: 'Ivy', teamId: 'team' },
  { id: 'ann', role: 'agent', name: 'Ann', teamId: 'team' },
  { id: 'ben', role: 'agent', name: 'Ben', teamId: 'team' },
  { id: 'max', role: 'provider', name: 'Max' },
  { id: 'acme', role: 'provider', name: 'Acme Coffee', teamId: 'care' },
  { id: 'kim', role: 'agent', name: 'Kim', teamId: 'care' },
  { id: 'lee', role: 'agent', name: 'Lee', teamId: 'care' },
];

/** A world of the card's own: the seed people on an engine whose clock stands still. */
function world(policy: Policy = presets.paidChat(), people: User[] = PEOPLE) {
  const clock = new ManualClock(START);
  const engine = new ChatEngine({ policy, clock });
  for (const person of people) engine.upsertUser(person);
  const as = async (userId: string, transport: Transport = new LocalTransport(engine, { userId })) => {
    const client = new ChatClient({ transport, clock });
    await client.connect();
    return client;
  };
  /** A chat `customer` started with `party`, with the customer's first message when given. */
  const chat = async (customer: ChatClient, party: string, text?: string) => {
    const { id } = await customer.startConversation({ with: party });
    if (text) await customer.send(id, { kind: 'text', text });
    return id;
  };
  return { clock, engine, as, chat };
}

/** A client whose connection never opens: the state before the first snapshot. */
function connecting(): ChatClient {
  const never = () => new Promise<never>(() => undefined);
  const client = new ChatClient({ transport: { connect: never, request: never, disconnect: () => undefined } as Transport });
  void client.connect();
  return client;
}

/** A transport whose sends fail as if the network dropped; everything else goes through. */
function droppingSends(inner: Transport): Transport {
  return {
    connect: (onEvent) => inner.connect(onEvent),
    disconnect: () => inner.disconnect(),
    request: ((command) => (command.type === 'send' ? Promise.reject(new ChatError('unavailable')) : inner.request(command))) as Transport['request'],
  };
}

/** Sends what the engine refuses: the message stays in the thread as failed, with the reason. */
const refused = (promise: Promise<unknown>) => promise.then(() => undefined, () => undefined);

const bytes = (...values: number[]) => btoa(String.fromCharCode(...values));
const PNG_HEAD = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const MP4_HEAD = bytes(0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d);
const EXE_HEAD = bytes(0x4d, 0x5a, 0x90, 0);

/** Types into the composer (inside `element`, or `element` itself) as a user does. */
async function typeInto(element: HTMLElement, text: string): Promise<void> {
  const root = element.shadowRoot!;
  const composer = element.localName === 'volley-composer' ? element : root.querySelector('volley-composer');
  await new Promise((resolve) => setTimeout(resolve, 50));
  const area = composer?.shadowRoot?.querySelector('textarea');
  if (!area) return;
  area.value = text;
  area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** In volley-chat, opens the "Orders and messages" tab (the feed sits beside the chat there). */
async function showFeedTab(element: HTMLElement): Promise<void> {
  if (element.localName !== 'volley-chat') return;
  await new Promise((resolve) => setTimeout(resolve, 50));
  const tabs = [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('header button[aria-pressed]')];
  tabs.find((tab) => tab.textContent === chatStrings.feedTab)?.click();
}

/** A paid chat between Cam and Ivy with one of each card (one item bought), seen by `viewer`; Dee and Eli wrote to Ivy too. */
async function paidChat(viewer: 'cam' | 'ivy'): Promise<View> {
  const w = world();
  const cam = await w.as('cam');
  const ivy = await w.as('ivy');
  const id = await w.chat(cam, 'ivy', 'Hi Ivy! Are you around tonight? 😊');
  w.clock.advance(4 * MINUTE);
  await ivy.send(id, { kind: 'text', text: 'Hey Cam, I am here. That was a volley: my first reply within 12 h.' });
  await ivy.send(id, { kind: 'text', text: 'A second reply is not a volley.' });
  w.clock.advance(MINUTE);
  await cam.send(id, { kind: 'text', text: 'Loved your last show: https://example.com/shows/42' });
  await cam.send(id, { kind: 'attachment', attachment: { name: 'ticket.png', size: 48_213, mime: 'image/png', head: PNG_HEAD } });
  await ivy.send(id, { kind: 'payment-button', button: CATALOGS.paymentButtons[0] });
  await ivy.send(id, { kind: 'goodie', goodie: CATALOGS.goodies[0] });
  // P3: one item bought (Paid on its card, a notice), the payment button still to buy.
  const voice = await ivy.send(id, { kind: 'goodie', goodie: CATALOGS.goodies[1] });
  await cam.buy(id, voice.id);
  const request = await ivy.requestTribute(id, { amountCents: 500, note: 'For the next show' });
  w.clock.advance(MINUTE);
  await cam.sendTribute(id, { amountCents: 500, requestId: request.id });
  await ivy.requestTribute(id, { amountCents: 1200, note: 'Backstage pass' });
  for (const [name, text] of [['dee', 'Do you take requests?'], ['eli', 'Thanks for yesterday!']] as const) {
    w.clock.advance(MINUTE);
    await w.chat(await w.as(name), 'ivy', text);
  }
  return { client: viewer === 'cam' ? cam : ivy, conversationId: id, props: viewer === 'ivy' ? { ...CATALOGS } : {} };
}

/** A chat where Ivy looks at Cam's first message, after `setup` changed something around it. */
async function providerView(policy: Policy, setup: (w: ReturnType<typeof world>, id: string, ivy: ChatClient) => Promise<void> | void, note?: string): Promise<View> {
  const w = world(policy);
  const ivy = await w.as('ivy');
  const id = await w.chat(await w.as('cam'), 'ivy', 'Hello, I would like to book a session.');
  await setup(w, id, ivy);
  return { client: ivy, conversationId: id, note };
}

/** Team inbox: Cam and Dee wrote to Ivy's team; Ann looks at her offers. */
async function offers(setup?: (w: ReturnType<typeof world>) => Promise<void> | void, after?: (w: ReturnType<typeof world>) => Promise<void> | void): Promise<View> {
  const w = world(presets.teamInbox());
  const ann = await w.as('ann');
  await w.chat(await w.as('cam'), 'ivy', 'Hi, I have a question about my order.');
  await w.chat(await w.as('dee'), 'ivy', 'Hello?');
  await setup?.(w);
  return { client: ann, after: after && (() => after(w)) };
}

/** Customer care: Acme's chats, unanswered, active (Kim's and Lee's) and finished; Kim looks. */
async function care(): Promise<View & { w: ReturnType<typeof world>; leeChat: string }> {
  const w = world(presets.customerCare());
  const kim = await w.as('kim');
  const lee = await w.as('lee');
  await w.chat(await w.as('cam'), 'acme', 'Is the shop open on Sunday?');
  const deeChat = await w.chat(await w.as('dee'), 'acme', 'My order arrived damaged.');
  w.clock.advance(2 * MINUTE);
  await kim.send(deeChat, { kind: 'text', text: 'Sorry to hear that! A replacement is on its way.' });
  const leeChat = await w.chat(await w.as('eli'), 'acme', 'How do I use my coupon?');
  w.clock.advance(3 * MINUTE);
  await lee.send(leeChat, { kind: 'engagement', engagement: CATALOGS.engagements[0] });
  w.clock.advance(5 * MINUTE);
  await lee.finish(leeChat);
  return { client: kim, conversationId: deeChat, w, leeChat, props: { ...CATALOGS } };
}

/** Max's card (he works alone, so it shows his own status) as Cam sees it, after `setup`. */
async function cardView(setup?: (max: ChatClient, cam: ChatClient) => Promise<unknown>, props: Record<string, unknown> = {}, note?: string): Promise<View> {
  const w = world();
  const cam = await w.as('cam');
  const max = await w.as('max');
  await setup?.(max, cam);
  return { client: cam, props: { provider: 'max', ...props }, note };
}

/** Max's own settings panel, after `setup`; `viewer` looks at it (an agent, a customer …). */
async function settingsView(setup?: (client: ChatClient) => Promise<unknown>, viewer = 'max', note?: string): Promise<View> {
  const client = await world().as(viewer);
  await setup?.(client);
  return { client, note };
}

/** An avatar the demo serves itself: the card shows only http(s) addresses. */
const AVATAR = new URL('/demo/avatar-max.svg', location.href).href;

/** Waits for an element's lazily rendered form, then submits quiet hours the engine refuses. */
async function refusedQuietHours(element: HTMLElement): Promise<void> {
  let form: HTMLFormElement | null | undefined;
  for (let i = 0; i < 100 && !(form = element.shadowRoot?.querySelector('form')); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!form) return;
  (form.elements.namedItem('zone') as HTMLInputElement).value = 'Mars/Olympus_Mons';
  form.requestSubmit();
}

const SCENES = {
  customer: { title: "Customer's side: volleys, cards, a tribute", build: () => paidChat('cam') },
  provider: { title: "Provider's side, with catalogs", build: () => paidChat('ivy') },
  'no-chats': { title: 'No chats yet', build: async () => ({ client: await world().as('cam') }) },
  loading: { title: 'Loading: before the connection opens', build: async () => ({ client: connecting(), conversationId: 'c1' }) },
  empty: {
    title: 'Empty chat',
    build: async () => { const w = world(); const cam = await w.as('cam'); return { client: cam, conversationId: await w.chat(cam, 'ivy') }; },
  },
  long: {
    title: 'Long text and long names',
    build: async () => {
      const w = world(presets.paidChat(), PEOPLE.map((p) => (p.id === 'ivy' ? { ...p, name: 'Ivy Alexandrina Montgomery-Featherstonehaugh of the Northern Isles' } : p)));
      const cam = await w.as('cam');
      const id = await w.chat(cam, 'ivy', `${'A long message wraps over many lines and keeps its paragraphs.\n'.repeat(3)}Unbroken: ${'x'.repeat(90)} and a long link https://example.com/${'path/'.repeat(20)}end`);
      await (await w.as('ivy')).send(id, { kind: 'text', text: 'Short reply.' });
      return { client: cam, conversationId: id };
    },
  },
  failed: {
    title: 'Failed send (the network dropped), with Retry',
    build: async () => {
      const w = world();
      const cam = await w.as('cam', droppingSends(new LocalTransport(w.engine, { userId: 'cam' })));
      const id = await w.chat(cam, 'ivy');
      await refused(cam.send(id, { kind: 'text', text: 'Are you there?' }));
      return { client: cam, conversationId: id };
    },
  },
  blocked: {
    title: 'Refused: blocked',
    build: async () => {
      const w = world();
      const cam = await w.as('cam');
      const id = await w.chat(cam, 'ivy', 'Hello!');
      await (await w.as('ivy')).block('cam');
      return { client: cam, conversationId: id };
    },
  },
  'chat-disabled': {
    title: 'Refused: chat disabled (one-way channel)',
    build: async () => {
      const w = world(presets.customerCare());
      const cam = await w.as('cam');
      const id = await w.chat(cam, 'acme', 'Hello Acme!');
      await (await w.as('acme')).setChatEnabled('acme', false);
      return { client: cam, conversationId: id };
    },
  },
  'customer-must-initiate': {
    title: 'Refused: the customer must write first',
    build: async () => {
      const w = world();
      const id = await w.chat(await w.as('cam'), 'ivy');
      return { client: await w.as('ivy'), conversationId: id };
    },
  },
  'provider-to-provider': {
    title: 'Refused: provider to provider',
    build: async () => {
      const ivy = await world().as('ivy');
      const error = await ivy.startConversation({ with: 'max' }).then(() => undefined, (e: ChatError) => e);
      return { client: ivy, note: `Ivy starts a chat with Max, another provider: refused (${error?.code}): ${error?.message}` };
    },
  },
  'unanswered-limit': {
    title: 'Refused: 5 messages without a reply',
    build: () => providerView(presets.clientDMs(), async (_w, id, ivy) => {
      for (let i = 1; i <= 5; i++) await ivy.send(id, { kind: 'text', text: `Follow-up ${i}` });
    }, 'A message or an order from the client lifts the limit.'),
  },
  'negative-review': {
    title: 'Refused: the client left a negative review',
    build: () => providerView(presets.clientDMs(), (w) => w.engine.recordReview({ from: 'cam', to: 'ivy', rating: 'negative' })),
  },
  'account-restricted': {
    title: 'Refused: account suspended',
    build: () => providerView(presets.clientDMs(), (w) => w.engine.setAccountState('ivy', 'suspended')),
  },
  'contact-info': {
    title: 'Refused: contact details in the inbox',
    build: async () => {
      const w = world(presets.marketplace());
      const cam = await w.as('cam');
      const id = await w.chat(cam, 'ivy', 'Hi, can we talk about a logo?');
      await refused(cam.send(id, { kind: 'text', text: 'Mail me at cam (at) example dot com' }));
      return { client: cam, conversationId: id, after: (element) => typeInto(element, 'or call me on +1 555 0100 2000'), note: 'The composer warns while typing; the engine refuses the same text.' };
    },
  },
  'attachment-type': {
    title: 'Refused: attachment type',
    build: async () => {
      const w = world();
      const cam = await w.as('cam');
      const id = await w.chat(cam, 'ivy', 'Here is the installer.');
      await refused(cam.send(id, { kind: 'attachment', attachment: { name: 'setup.exe', size: 1200, head: EXE_HEAD } }));
      await refused(cam.send(id, { kind: 'attachment', attachment: { name: 'photo.png', size: 1200, head: EXE_HEAD } }));
      return { client: cam, conversationId: id, note: 'An .exe is not allowed; a .png that is not a PNG is refused by its content.' };
    },
  },
  'attachment-too-large': {
    title: 'Refused: attachment too large',
    build: async () => {
      const w = world();
      const cam = await w.as('cam');
      const id = await w.chat(cam, 'ivy', 'The whole holiday video:');
      await refused(cam.send(id, { kind: 'attachment', attachment: { name: 'holiday.mp4', size: 64 * MB, head: MP4_HEAD } }));
      return { client: cam, conversationId: id };
    },
  },
  'owned-by-other': {
    title: "Refused: another agent's chat",
    build: async () => {
      const view = await care();
      await refused(view.client!.send(view.leeChat, { kind: 'text', text: 'I can help with that too.' }));
      return { ...view, conversationId: view.leeChat, note: 'Lee took this chat; Kim must overtake to write in it.' };
    },
  },
  offers: { title: 'Offers with a countdown', build: () => offers() },
  urgent: { title: 'The last seconds', build: () => offers((w) => w.clock.advance(11 * SECOND)) },
  'claimed-by-other': {
    title: 'Claimed by someone else',
    build: () => offers(undefined, async (w) => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const ben = await w.as('ben');
      await ben.claim(Object.keys(ben.state.offers)[0]);
    }),
  },
  missed: {
    title: 'Missed: nobody claimed in time',
    build: () => offers(undefined, async (w) => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      w.clock.advance(15 * SECOND);
    }),
  },
  unavailable: {
    title: 'Made unavailable after 3 misses',
    build: () => offers(async (w) => {
      w.clock.advance(15 * SECOND);
      await w.chat(await w.as('eli'), 'ivy', 'Anyone?');
      w.clock.advance(15 * SECOND);
    }),
  },
  queued: {
    title: 'Missed chats waiting in the queue',
    build: () => offers((w) => w.clock.advance(15 * SECOND)),
  },
  care: { title: 'Care: unanswered, active and finished chats', build: () => care() },
  orders: {
    title: 'Orders and messages',
    build: async () => {
      const w = world(presets.clientDMs());
      const ivy = await w.as('ivy');
      const cam = await w.as('cam');
      w.engine.recordOrder({ id: 'o-1', customerId: 'cam', providerId: 'ivy', title: 'Portrait sketch', amountCents: 4500 });
      w.clock.advance(30 * MINUTE);
      const id = await w.chat(cam, 'ivy', 'Could the next one be in colour?');
      await ivy.send(id, { kind: 'text', text: 'Yes! I will send an offer.' });
      w.clock.advance(MINUTE);
      w.engine.recordOrder({ id: 'o-2', customerId: 'cam', providerId: 'ivy', title: 'Colour portrait', amountCents: 7000 });
      return { client: ivy, conversationId: id, after: showFeedTab };
    },
  },
  rtl: {
    title: 'Right to left',
    dir: 'rtl',
    build: async () => {
      const w = world();
      const cam = await w.as('cam');
      const id = await w.chat(cam, 'ivy', 'مرحبا آيفي! هل أنت متاحة الليلة؟');
      await (await w.as('ivy')).send(id, { kind: 'text', text: 'أهلاً كام، أنا هنا. (a volley)' });
      return { client: cam, conversationId: id };
    },
  },
  // Picker states: the picker checks files itself, so these need no world.
  'picker-empty': { title: 'Nothing chosen', build: async () => ({}) },
  'picker-files': {
    title: 'An image and a document chosen',
    build: async () => ({ props: { multiple: true }, after: async (el) => (el as HTMLElementTagNameMap['volley-attachment-picker']).add([await pngFile('poster.png'), new File(['Minutes of the meeting'], 'minutes.txt')]) }),
  },
  'picker-type': {
    title: 'Refused: type, and a fake PNG',
    build: async () => ({ after: (el) => (el as HTMLElementTagNameMap['volley-attachment-picker']).add([new File(['MZ'], 'setup.exe'), new File(['not a png'], 'photo.png')]) }),
  },
  'picker-large': {
    title: 'Refused: too large',
    build: async () => ({ after: async (el) => (el as HTMLElementTagNameMap['volley-attachment-picker']).add([new File([await pngFile('x.png'), new Uint8Array(11 * MB)], 'poster-huge.png')]) }),
  },
  'picker-disabled': { title: 'Disabled (sending is refused here)', build: async () => ({ props: { disabled: true } }) },
  // The chat card: Max, a provider working alone, as Cam sees him.
  'card-available': { title: 'Available, with an avatar', build: () => cardView(undefined, { avatar: AVATAR }) },
  'card-away': { title: 'Away (initials for the avatar)', build: () => cardView((max) => max.setStatus('away')) },
  'card-offline': { title: 'Offline: Cam may still write', build: () => cardView((max) => max.setStatus('offline'), {}, 'The default offline policy: the chat starts, and the card says the reply comes later.') },
  'card-online-only': { title: 'Offline, online-only: refused', build: () => cardView((max) => max.setStatus('offline'), { onlineOnly: true }, 'The host set online-only: no new chat while the provider is offline.') },
  'card-unenrolled': { title: 'Refused: not taking chats (un-enrolled)', build: () => cardView((max) => max.unenrol()) },
  'card-blocked': {
    title: 'Refused: blocked (the chat opens read only)',
    build: () => cardView(async (max, cam) => {
      const { id } = await cam.startConversation({ with: 'max' });
      await cam.send(id, { kind: 'text', text: 'Hello Max' });
      await max.block('cam');
    }),
  },
  'card-reopen': {
    title: 'A closed chat: the card reopens it',
    build: () => cardView(async (_max, cam) => {
      const { id } = await cam.startConversation({ with: 'max' });
      await cam.send(id, { kind: 'text', text: 'Thanks, bye!' });
      await cam.closeConversation(id);
    }, {}, 'P7: Cam closed the chat; starting again from the card reopens it.'),
  },
  'card-loading': { title: 'Loading: before the card arrives', build: async () => ({ client: connecting(), props: { provider: 'max' } }) },
  'card-rtl': { title: 'Right to left', dir: 'rtl', build: () => cardView(undefined, { avatar: AVATAR }) },
  // The provider settings panel: Max's own.
  'settings-quiet': {
    title: 'Quiet hours in progress, push off',
    build: () => settingsView(async (max) => {
      await max.setQuietHours({ start: '08:00', end: '12:00', timeZone: 'UTC' });
      await max.setNotifications({ push: false, email: 'always' });
    }),
  },
  'settings-default': { title: 'Defaults: enrolled, available, no quiet hours', build: () => settingsView() },
  'settings-away': { title: 'Un-enrolled and away', build: () => settingsView(async (max) => { await max.unenrol(); await max.setStatus('away'); }) },
  'settings-agent': { title: "An agent: the provider's enrolment, read only", build: () => settingsView(undefined, 'ann') },
  'settings-invalid': {
    title: 'Refused: an unknown time zone',
    build: async () => ({ ...(await settingsView()), after: refusedQuietHours }),
  },
  'settings-customer': { title: 'Refused: a customer has no provider settings', build: () => settingsView(undefined, 'cam') },
  'settings-loading': { title: 'Loading', build: async () => ({ client: connecting() }) },
  'settings-rtl': { title: 'Right to left', dir: 'rtl', build: () => settingsView((max) => max.setQuietHours({ start: '22:00', end: '07:00', timeZone: 'Europe/Paris' })) },
} satisfies Record<string, Scene>;

type SceneKey = keyof typeof SCENES;

/** Looks the element's main scene can be shown in: dark, and a custom theme set with custom properties. */
const LOOKS: Record<string, Pick<Scene, 'title' | 'theme' | 'className'>> = {
  dark: { title: 'Dark (theme="dark")', theme: 'dark' },
  custom: { title: 'Custom theme (--volley-* properties)', className: 'custom-theme' },
};

interface Section {
  tag: string;
  summary: string;
  /** The scene the looks (dark, custom) are shown in. */
  main: SceneKey;
  scenes: SceneKey[];
}

const REFUSALS: SceneKey[] = ['blocked', 'chat-disabled', 'customer-must-initiate', 'unanswered-limit', 'negative-review', 'account-restricted', 'contact-info'];
const ATTACHMENT_REFUSALS: SceneKey[] = ['attachment-type', 'attachment-too-large'];

export const ELEMENTS: Section[] = [
  {
    tag: 'volley-chat', summary: 'all in one: list, open chat, menu, tribute, composer, offers, stats, feed', main: 'provider',
    scenes: ['customer', 'provider', 'no-chats', 'loading', 'empty', 'long', 'failed', ...REFUSALS, 'provider-to-provider', ...ATTACHMENT_REFUSALS, 'owned-by-other', 'offers', 'queued', 'care', 'orders', 'rtl'],
  },
  { tag: 'volley-thread', summary: 'the messages of one chat', main: 'customer', scenes: ['customer', 'provider', 'empty', 'loading', 'long', 'failed', 'contact-info', ...ATTACHMENT_REFUSALS, 'owned-by-other', 'rtl'] },
  { tag: 'volley-composer', summary: 'writes and sends; mirrors every send rule', main: 'provider', scenes: ['customer', 'provider', 'loading', ...REFUSALS, 'rtl'] },
  { tag: 'volley-inbox', summary: 'the chat list', main: 'provider', scenes: ['provider', 'customer', 'no-chats', 'loading', 'long', 'care', 'queued', 'rtl'] },
  { tag: 'volley-incoming', summary: 'team offers with a claim countdown', main: 'offers', scenes: ['offers', 'urgent', 'claimed-by-other', 'missed', 'unavailable', 'loading'] },
  { tag: 'volley-care-stats', summary: 'care figures of the last 24 h', main: 'care', scenes: ['care', 'loading', 'customer'] },
  { tag: 'volley-feed', summary: 'orders and messages with one client', main: 'orders', scenes: ['orders', 'empty', 'loading', 'rtl'] },
  { tag: 'volley-gear-menu', summary: 'details, block, close (click ⚙ to open)', main: 'provider', scenes: ['provider', 'customer', 'blocked', 'loading'] },
  { tag: 'volley-tribute-button', summary: "the customer's tribute", main: 'customer', scenes: ['customer', 'blocked', 'loading', 'rtl'] },
  { tag: 'volley-attachment-picker', summary: 'photos, videos and documents', main: 'picker-files', scenes: ['picker-empty', 'picker-files', 'picker-type', 'picker-large', 'picker-disabled'] },
  // The bubble of the script-tag widget; each card holds it in its corner (click it to open).
  { tag: 'volley-launcher', summary: 'the chat bubble of the script-tag widget (click to open)', main: 'customer', scenes: ['customer', 'no-chats', 'loading', 'rtl'] },
  {
    tag: 'volley-chat-card', summary: "a provider's card for a profile or listing page: status, price, Chat", main: 'card-available',
    scenes: ['card-available', 'card-away', 'card-offline', 'card-online-only', 'card-unenrolled', 'card-blocked', 'card-reopen', 'card-loading', 'card-rtl'],
  },
  {
    tag: 'volley-provider-settings', summary: 'the provider side: new chats, status, quiet hours, alerts', main: 'settings-quiet',
    scenes: ['settings-quiet', 'settings-default', 'settings-away', 'settings-agent', 'settings-invalid', 'settings-customer', 'settings-loading', 'settings-rtl'],
  },
];

/** Builds one details/summary per element; each fills itself the first time it is opened. */
export function mountGallery(root: HTMLElement): void {
  for (const section of ELEMENTS) {
    const details = document.createElement('details');
    details.id = `gallery-${section.tag}`;
    const summary = document.createElement('summary');
    const code = document.createElement('code');
    code.textContent = `<${section.tag}>`;
    summary.append(code, ` ${section.summary} · ${section.scenes.length + Object.keys(LOOKS).length} states`);
    const cards = document.createElement('div');
    cards.className = `cards ${section.tag}`;
    details.append(summary, cards);
    let built = false;
    details.addEventListener('toggle', () => {
      if (!details.open || built) return;
      built = true;
      void buildSection(section, cards).then(() => (details.dataset.built = 'true'));
    });
    root.append(details);
  }
}

async function buildSection(section: Section, cards: HTMLElement): Promise<void> {
  const shown: Scene[] = [
    ...section.scenes.map((key) => SCENES[key] as Scene),
    ...Object.values(LOOKS).map((look) => ({ ...(SCENES[section.main] as Scene), ...look })),
  ];
  // One at a time, in order: the page stays responsive and cards appear as they are ready.
  for (const scene of shown) await card(cards, section.tag, scene);
}

/** Adds one card to `cards` and plays its scene there: on the page, so states reached through the element work. */
async function card(cards: HTMLElement, tag: string, scene: Scene): Promise<void> {
  const figure = cards.appendChild(document.createElement('figure'));
  figure.className = 'card';
  const caption = document.createElement('figcaption');
  caption.textContent = scene.title;
  const stage = document.createElement('div');
  stage.className = `stage ${scene.className ?? ''}`;
  if (scene.dir) stage.dir = scene.dir;
  figure.append(caption, stage);
  try {
    const view = await scene.build();
    const element = document.createElement(tag) as HTMLElement & Record<string, unknown>;
    Object.assign(element, view.props, view.client ? { client: view.client } : {}, view.conversationId ? { conversationId: view.conversationId } : {});
    if (Object.keys(appliedStrings()).length) element.strings = appliedStrings();
    if (scene.theme) element.setAttribute('theme', scene.theme);
    element.classList.add('volley');
    stage.append(element);
    await view.after?.(element);
    if (view.note) figure.append(paragraph(view.note, 'note'));
  } catch (error) {
    // A scene that cannot be reached is a bug in the demo or the engine: say so on the card and in the console.
    console.error(`Gallery: ${tag} in "${scene.title}"`, error);
    figure.append(paragraph(`This state could not be built: ${error instanceof Error ? error.message : String(error)}`, 'note error'));
  }
}

function paragraph(text: string, className: string): HTMLElement {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}

/** A real little PNG (a gradient), so the thumbnail shows an image. */
async function pngFile(name: string): Promise<File> {
  const canvas = new OffscreenCanvas(64, 40);
  const context = canvas.getContext('2d')!;
  const gradient = context.createLinearGradient(0, 0, 64, 40);
  gradient.addColorStop(0, '#0b5cad');
  gradient.addColorStop(1, '#f2a65a');
  context.fillStyle = gradient;
  context.fillRect(0, 0, 64, 40);
  return new File([await canvas.convertToBlob({ type: 'image/png' })], name, { type: 'image/png' });
}
