/**
 * The page side of `npm run bench:thread`, bundled by bench/thread/run.mjs. A real ChatClient on a
 * stub transport: `hello` answers with a snapshot holding 10,000 messages, and live messages are
 * pushed straight into the client as transport events (no engine work in the figures).
 */
import { ChatClient, presets, type ChatEvent, type Conversation, type Message, type Snapshot, type Transport } from '../../src/index.js';
import '../../src/elements/thread/thread.js';
import { recordMainThread, rowAtCentre, type MainThreadRecord } from './fling.js';

const CONVERSATION = 'c-bench';
const START = Date.parse('2026-01-01T09:00:00Z');
const WORDS = 'sure thanks see you tomorrow at ten the package is ready can you send photos of the blue one please'.split(' ');

function message(i: number): Message {
  const words = 3 + ((i * 7) % 19);
  const text = Array.from({ length: words }, (_, w) => WORDS[(i + w * 3) % WORDS.length]).join(' ');
  const provider = i % 2 === 1;
  return { id: `m${i}`, conversationId: CONVERSATION, seq: i + 1, authorId: provider ? 'ivy' : 'cam', at: START + i * 60_000, kind: 'text', text, ...(provider && i % 4 === 1 ? { volley: true } : {}) } as Message;
}

class BenchTransport implements Transport {
  emit: (event: ChatEvent) => void = () => undefined;
  constructor(private readonly snapshot: Snapshot) {}
  async connect(onEvent: (event: ChatEvent) => void): Promise<void> { this.emit = onEvent; }
  async request(command: { type: string }): Promise<never> {
    if (command.type === 'hello') return this.snapshot as never;
    if (command.type === 'mark-read') return this.snapshot.conversations[0] as never;
    if (command.type === 'history') return [] as never;
    throw Object.assign(new Error('not in the benchmark'), { code: 'forbidden' });
  }
  disconnect(): void {}
}

async function setup(count: number) {
  const conversation: Conversation = {
    id: CONVERSATION, participantIds: ['cam', 'ivy'], names: { cam: 'Cam', ivy: 'Ivy' }, customerId: 'cam', providerId: 'ivy',
    unread: false, closed: false, createdAt: START, lastMessageAt: START + count * 60_000, lastSeq: count,
  };
  const snapshot: Snapshot = {
    me: { id: 'cam', role: 'customer', name: 'Cam' }, conversations: [conversation], messages: { [CONVERSATION]: Array.from({ length: count }, (_, i) => message(i)) },
    offers: [], availability: { available: true }, blocked: [], chatEnabled: {}, policy: presets.paidChat(),
  };
  const transport = new BenchTransport(snapshot);
  const client = new ChatClient({ transport });
  await client.connect();
  return { client, transport };
}

/** A frame after now: rAF, then a task, so the frame's style, layout and paint are done. */
const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

function stage(): HTMLElement {
  document.body.replaceChildren();
  const box = document.createElement('div');
  box.style.cssText = 'width:480px;height:640px;overflow:auto;font:15px system-ui';
  document.body.append(box);
  return box;
}

function countElements(root: Element | ShadowRoot): number {
  let count = 0;
  for (const element of root.querySelectorAll('*')) {
    count++;
    if (element.shadowRoot) count += countElements(element.shadowRoot);
  }
  return count;
}

/** Waits until the layout stops changing (three quiet frames, at most ~60); returns when it last changed. */
async function quiet(read: () => string): Promise<number> {
  let last = read();
  let changedAt = performance.now();
  for (let i = 0, same = 0; i < 60 && same < 3; i++) {
    await frame();
    const now = read();
    if (now === last) same++;
    else [same, last, changedAt] = [0, now, performance.now()];
  }
  return changedAt;
}

async function element(count: number, appends: number) {
  const { client, transport } = await setup(count);
  const box = stage();
  const started = performance.now();
  const thread = document.createElement('volley-thread');
  thread.style.height = '100%';
  thread.client = client;
  thread.conversationId = CONVERSATION;
  box.append(thread);
  await thread.updateComplete;
  await frame();
  const firstRender = performance.now() - started;
  const log = thread.shadowRoot!.querySelector('[part=log]')!;
  const settled = (await quiet(() => `${log.scrollTop}/${log.scrollHeight}/${countElements(thread.shadowRoot!)}`)) - started;
  const domAtFirst = countElements(thread.shadowRoot!) + 1;

  const appendStarted = performance.now();
  for (let i = count; i < count + appends; i++) {
    transport.emit({ type: 'message', message: message(i) });
    await Promise.resolve();
  }
  await thread.updateComplete;
  await frame();
  const appendMs = performance.now() - appendStarted;
  await quiet(() => `${log.scrollTop}/${log.scrollHeight}/${countElements(thread.shadowRoot!)}`);
  const shown = [...thread.shadowRoot!.querySelectorAll('[part~=message]')].map((row) => row.getAttribute('data-id'));
  return {
    firstRender, settled, appendMs, dom: domAtFirst, domAfterAppends: countElements(thread.shadowRoot!) + 1,
    newestShown: shown.includes(`m${count + appends - 1}`), atBottom: log.scrollHeight - log.scrollTop - log.clientHeight <= 24,
  };
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const naiveRow = (m: Message) => `<div class="m"><b>${escape(m.authorId)}</b> ${escape((m as { text?: string }).text ?? '')}</div>`;

/** The yardstick: one div per message through innerHTML; appends either append a row or re-set the whole list. */
async function yardstick(count: number, appends: number, mode: 'append' | 'reset') {
  const { client, transport } = await setup(count);
  const box = stage();
  const select = (s: typeof client.state) => s.messages[CONVERSATION] ?? [];
  const started = performance.now();
  const list = document.createElement('div');
  box.append(list);
  list.innerHTML = select(client.state).map(naiveRow).join('');
  let rendered = select(client.state).length;
  await frame();
  const firstRender = performance.now() - started;
  const dom = list.querySelectorAll('*').length + 1;
  const unsubscribe = client.subscribe(select, (messages) => {
    if (mode === 'reset') list.innerHTML = messages.map(naiveRow).join('');
    else list.insertAdjacentHTML('beforeend', messages.slice(rendered).map(naiveRow).join(''));
    rendered = messages.length;
  });
  const appendStarted = performance.now();
  for (let i = count; i < count + appends; i++) {
    transport.emit({ type: 'message', message: message(i) });
    await Promise.resolve();
  }
  // Its best case: no scrolling per message, one jump to the bottom at the end.
  box.scrollTop = box.scrollHeight;
  await frame();
  const appendMs = performance.now() - appendStarted;
  unsubscribe();
  return { firstRender, appendMs, dom, domAfterAppends: list.querySelectorAll('*').length + 1 };
}

// ---- the fling: run.mjs drives the wheel through the DevTools Protocol between these calls ----

let flung: { thread: HTMLElement; log: HTMLElement; client: ChatClient } | undefined;
let prepared: ChatClient | undefined;
let recording: (() => MainThreadRecord) | undefined;

/** Makes the client with `count` messages (outside the heap and time figures). */
async function flingPrepare(count: number): Promise<void> {
  flung?.client.disconnect();
  flung = undefined;
  document.body.replaceChildren();
  prepared = (await setup(count)).client;
}

/** Mounts the thread on the prepared client: first render (until `updateComplete` plus a frame), then waits until its layout is quiet. */
async function flingMount(): Promise<{ firstRender: number; box: { x: number; y: number } }> {
  const client = prepared!;
  const box = stage();
  const started = performance.now();
  const thread = document.createElement('volley-thread');
  thread.style.height = '100%';
  thread.client = client;
  thread.conversationId = CONVERSATION;
  box.append(thread);
  await thread.updateComplete;
  await frame();
  const firstRender = performance.now() - started;
  const log = thread.shadowRoot!.querySelector<HTMLElement>('[part=log]')!;
  flung = { thread, log, client };
  await flingQuiet();
  const rect = log.getBoundingClientRect();
  return { firstRender, box: { x: Math.round(rect.left + rect.width / 2), y: Math.round(rect.top + rect.height / 2) } };
}

const flingQuiet = () => quiet(() => `${flung!.log.scrollTop}/${flung!.log.scrollHeight}/${countElements(flung!.thread.shadowRoot!)}`);

/** The index of the message under the centre of the view (-1: no message row there). */
function flingCentre(): number {
  const id = rowAtCentre(flung!.thread);
  return id ? Number(id.slice(1)) : -1;
}

/** Scrolls to the top from script and waits until the layout is quiet. */
async function flingToTop(): Promise<number> {
  flung!.log.scrollTop = 0;
  await flingQuiet();
  return flingCentre();
}

function flingRecord(): void {
  recording = recordMainThread();
}

/** Stops recording (the input has ended); once the layout is quiet, where the view ended. */
async function flingStop(): Promise<MainThreadRecord & { centre: number }> {
  const record = recording!();
  await flingQuiet();
  return { ...record, centre: flingCentre() };
}

Object.assign(window, { volleyBench: { element, yardstick, flingPrepare, flingMount, flingCentre, flingToTop, flingRecord, flingStop } });
