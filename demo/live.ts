import { ChatClient, ChatError, type AccountState, type ManualClock, type Order } from '../src/index.js';
import type { VolleyChat } from '../src/elements/index.js';
import { hostCall, localWorld, makePersistence, makeTransport, showTransport } from './transport.js';
import { CATALOGS } from './catalogs.js';
import { FIRST_ORDER, PEOPLE } from './world.js';
import { chatCard, providerSettings } from './provider-live.js';

const SECOND = 1000;
const HOUR = 3600 * SECOND;

/** The live product: one panel per person, host controls, and a clock that runs in real time. */
export async function startLive(root: HTMLElement): Promise<void> {
  showTransport(root.querySelector<HTMLElement>('#transport')!);
  // In-page mode only: the engine's payments and the clock time travel moves (a server keeps real time).
  const world = localWorld();
  const clock = world?.clock;
  const driver = new RealTimeDriver(clock);

  // The panels keep drafts and their outbox across reloads and server restarts; the passing
  // clients below (a guest, the channel's switch) keep nothing.
  const connect = async (userId: string, keep = false) => {
    const client = new ChatClient({ transport: await makeTransport(userId), clock, persistence: keep ? makePersistence(userId) : undefined });
    await client.connect();
    return client;
  };
  const clients = Object.fromEntries(await Promise.all(PEOPLE.map(async (p) => [p.id, await connect(p.id, true)] as const)));

  const $ = <E extends HTMLElement>(id: string) => root.querySelector<E>(`#${id}`)!;
  const status = $('host-status');
  const say = (text: string) => { status.textContent = text; };
  /** Runs a host action from a button; a refusal is said under the controls. */
  const attempt = (action: () => unknown) => async () => {
    try {
      await action();
    } catch (error) {
      say(error instanceof ChatError ? `Refused (${error.code}): ${error.message}` : String(error));
    }
  };

  // One panel per person, built from PEOPLE so a new person needs no new markup: the paid chat's
  // two sides first, side by side at the top, then the agents.
  const featured = root.querySelector<HTMLElement>('#panels')!;
  const team = root.querySelector<HTMLElement>('#team-panels')!;
  const panels: Record<string, VolleyChat> = {};
  for (const person of PEOPLE) {
    const figure = document.createElement('figure');
    figure.className = 'panel';
    const caption = document.createElement('figcaption');
    const avatar = document.createElement('span');
    avatar.className = 'avatar';
    avatar.setAttribute('aria-hidden', 'true');
    avatar.textContent = person.name!.slice(0, 1);
    const name = document.createElement('strong');
    name.textContent = person.name!;
    const title = document.createElement('span');
    title.className = 'role';
    title.textContent = person.title;
    caption.append(avatar, name, title);
    const chat = document.createElement('volley-chat');
    chat.id = `panel-${person.id}`;
    chat.setAttribute('aria-label', `${person.name}, ${person.title}`);
    chat.client = clients[person.id];
    if (person.role !== 'customer') Object.assign(chat, CATALOGS);
    figure.append(caption, chat);
    // Cam's ways into a chat, under the chat: Ivy's card (as on her profile page), an order chat, the care channel.
    if (person.role === 'customer') figure.append(startButtons(clients[person.id], chat, attempt));
    (FEATURED.includes(person.id) ? featured : team).append(figure);
    panels[person.id] = chat;
  }

  // Cam's chat with Ivy exists from the start (no message yet): both panels open it, and Ivy's
  // composer shows why she cannot write first (C1).
  const first = await clients.cam.startConversation({ with: 'ivy' });
  openIn(panels.cam, first.id);
  openIn(panels.ivy, first.id);
  // The first screen shows people chatting: a new world's chat starts with a short exchange, sent
  // by the two clients as a user would (over WebSocket the server keeps it: a reload does not repeat it).
  if (first.lastSeq === 0) await playOpening(clients, first.id).catch((error: unknown) => console.warn('The opening exchange stopped:', error));

  // ---- host controls: what the platform around the chat decides --------------------------------
  $('pause').addEventListener('click', () => {
    driver.paused = !driver.paused;
    $('pause').setAttribute('aria-pressed', String(driver.paused));
  });
  $('plus-15s').addEventListener('click', () => clock?.advance(15 * SECOND));
  $('plus-12h').addEventListener('click', () => clock?.advance(12 * HOUR));
  for (const id of ['pause', 'plus-15s', 'plus-12h']) $<HTMLButtonElement>(id).disabled = !world;
  $('time-note').hidden = !!world;

  $<HTMLSelectElement>('account').addEventListener('change', attempt(async () => {
    const state = $<HTMLSelectElement>('account').value as AccountState;
    await hostCall({ name: 'setAccountState', args: ['ivy', state] });
    say(`Ivy's account is now "${state}".`);
  }));
  $<HTMLInputElement>('review').addEventListener('change', attempt(async () => {
    const negative = $<HTMLInputElement>('review').checked;
    await hostCall({ name: 'recordReview', args: [{ from: 'cam', to: 'ivy', rating: negative ? 'negative' : 'positive' }] });
    say(negative ? 'Cam left a negative review: Ivy cannot write to Cam.' : 'Cam\'s review is positive again.');
  }));
  // Ids of this page's orders and guests: a server keeps those of earlier visits.
  const visit = Date.now().toString(36);
  let orders = 1;
  $('order').addEventListener('click', attempt(async () => {
    const order = await hostCall({ name: 'recordOrder', args: [{ ...FIRST_ORDER, id: `order-${visit}-${++orders}`, title: `Follow-up reading #${orders}` }] }) as Order;
    say(`Cam ordered "${order.title}": Ivy's send limit with Cam is lifted, and the order is in the feed.`);
  }));
  $<HTMLInputElement>('acme-chat').addEventListener('change', attempt(async () => {
    const enabled = $<HTMLInputElement>('acme-chat').checked;
    const channel = await connect('acme');
    await channel.setChatEnabled('acme', enabled).finally(() => channel.disconnect());
    say(enabled ? 'Acme Coffee\'s two-way chat is on.' : 'Acme Coffee\'s chat is one-way: followers cannot write.');
  }));
  let guests = 0;
  const walkIn = (party: string, text: string) => attempt(async () => {
    const id = `guest-${visit}-${++guests}`;
    await hostCall({ name: 'upsertUser', args: [{ id, role: 'customer', name: `Guest ${guests}` }] });
    const guest = await connect(id);
    const conversation = await guest.startConversation({ with: party });
    await guest.send(conversation.id, { kind: 'text', text });
    guest.disconnect();
    say(`Guest ${guests} wrote to ${party === 'ivy' ? 'Ivy' : 'Acme Coffee'}.`);
  });
  $('walk-in-team').addEventListener('click', walkIn('ivy', 'Hello! Is anyone free for a reading now?'));
  $('walk-in-care').addEventListener('click', walkIn('acme', 'Hi, my coupon code does not work at checkout.'));
  // K2: Kim can finish a chat from her panel (Finish); this host shortcut finishes all of hers at once.
  $('finish-kim').addEventListener('click', attempt(async () => {
    const kim = clients.kim;
    const mine = Object.values(kim.state.conversations).filter((c) => c.status === 'active' && c.ownerId === 'kim');
    for (const conversation of mine) await kim.finish(conversation.id);
    say(mine.length ? `Kim finished ${mine.length} ${mine.length === 1 ? 'chat' : 'chats'}.` : 'Kim has no active chat of her own.');
  }));

  const alerts = providerSettings(root.querySelector<HTMLElement>('.controls')!, clients.ivy, world);

  // The clock and Ivy's earnings, refreshed as time passes.
  const now = $('now');
  const earned = $('earned');
  let volleys = 0;
  world?.engine.on('volley', () => volleys++);
  if (!world) earned.textContent = 'in-page mode only';
  const formatter = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  driver.onTick = () => {
    const at = clock?.now() ?? Date.now();
    const ahead = at - Date.now();
    const drift = Math.abs(ahead) < SECOND ? '' : ` (${formatAhead(Math.abs(ahead))} ${ahead > 0 ? 'ahead' : 'behind'})`;
    now.textContent = `${formatter.format(at)}${drift}`;
    if (world) earned.textContent = `$${(world.payments.earnings('ivy') / 100).toFixed(2)} (${volleys} ${volleys === 1 ? 'volley' : 'volleys'})`;
    alerts();
  };
  driver.onTick();
  root.dataset.ready = 'true';
}

/** The people whose panels open the page, side by side: the paid chat's customer and provider. */
const FEATURED = ['cam', 'ivy'];

/** What Cam and Ivy have said when the page opens: Ivy's reply makes a volley; Cam's last line waits for her answer. */
const OPENING: ['cam' | 'ivy', string][] = [
  ['cam', 'Hi Ivy! Do you have time for a reading tonight? 😊'],
  ['ivy', 'Hi Cam, yes, I am free this evening. What would you like to look at?'],
  ['cam', 'My new job: I start on Monday and I am a little nervous 😅'],
];

/** Sends the opening lines. Ivy's reply answers the chat her team was offered (T1), as any member's reply does. */
async function playOpening(clients: Record<string, ChatClient>, conversationId: string): Promise<void> {
  for (const [who, text] of OPENING) await clients[who].send(conversationId, { kind: 'text', text });
}

/** Opens a chat in a panel, even when it is the chat the panel was last told to open. */
function openIn(chat: VolleyChat, conversationId: string): void {
  chat.conversationId = undefined;
  chat.conversationId = conversationId;
}

/** Cam's ways to start (or reopen) a chat: Ivy's chat card, and buttons for the chats a card does not start. */
function startButtons(client: ChatClient, chat: VolleyChat, attempt: (action: () => unknown) => () => Promise<void>): HTMLElement {
  const row = document.createElement('div');
  row.className = 'starts';
  row.dataset.slot = 'chat-card';
  row.append(chatCard(client, 'ivy', (id) => openIn(chat, id)));
  const starts: [string, { with: string; orderId?: string }][] = [
    ['Chat about order #1', { with: 'ivy', orderId: FIRST_ORDER.id }],
    ['Chat with Acme Coffee', { with: 'acme' }],
  ];
  for (const [label, options] of starts) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.addEventListener('click', attempt(async () => openIn(chat, (await client.startConversation(options)).id)));
    row.append(button);
  }
  return row;
}

function formatAhead(ms: number): string {
  const hours = Math.floor(ms / HOUR);
  const minutes = Math.floor((ms % HOUR) / 60_000);
  const seconds = Math.floor((ms % 60_000) / SECOND);
  return hours ? `${hours} h ${minutes} min` : minutes ? `${minutes} min ${seconds} s` : `${seconds} s`;
}

/**
 * Moves a ManualClock along with real time, so countdowns tick as they would in production,
 * while the time-travel buttons can still jump ahead. Paused, time stands still.
 */
class RealTimeDriver {
  paused = false;
  onTick?: () => void;
  #last = performance.now();

  /** Without a clock (the server's real time) it only ticks the display. */
  constructor(private readonly clock: ManualClock | undefined, intervalMs = 250) {
    setInterval(() => this.#tick(), intervalMs);
  }

  #tick(): void {
    const now = performance.now();
    const elapsed = Math.floor(now - this.#last);
    this.#last += elapsed;
    if (!this.paused) this.clock?.advance(elapsed);
    this.onTick?.();
  }
}
