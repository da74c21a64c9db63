import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { ChatClient, presets, type ChatEvent, type Conversation, type Message, type Snapshot, type Transport } from '../src/index.js';
import '../src/elements/thread/thread.js';
import type { VolleyThread } from '../src/elements/thread/thread.js';
import { rowAtCentre } from '../bench/thread/fling.js';
import { START } from './helpers.js';

// A thread of a CI size flung with real wheel input (through the DevTools Protocol, so Chromium
// scrolls natively): the same input up from the bottom and down from the top passes about as many
// messages each way. Windowing that re-estimates heights without holding the reader's place throws
// an upward fling thousands of messages away.

const COUNT = 5000;
const CONVERSATION = 'c-fling';
const WORDS = 'sure thanks see you tomorrow at ten the package is ready can you send photos of the blue one please'.split(' ');
const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

function message(i: number): Message {
  const words = 3 + ((i * 7) % 19);
  const text = Array.from({ length: words }, (_, w) => WORDS[(i + w * 3) % WORDS.length]).join(' ');
  return { id: `m${i}`, conversationId: CONVERSATION, seq: i + 1, authorId: i % 2 ? 'ivy' : 'cam', at: START + i * 60_000, kind: 'text', text } as Message;
}

/** A client whose snapshot holds `count` messages (no engine: the thread's work only). */
async function clientWith(count: number): Promise<ChatClient> {
  const conversation: Conversation = {
    id: CONVERSATION, participantIds: ['cam', 'ivy'], names: { cam: 'Cam', ivy: 'Ivy' }, customerId: 'cam', providerId: 'ivy',
    unread: false, closed: false, createdAt: START, lastMessageAt: START + count * 60_000, lastSeq: count,
  };
  const snapshot: Snapshot = {
    me: { id: 'cam', role: 'customer', name: 'Cam' }, conversations: [conversation], messages: { [CONVERSATION]: Array.from({ length: count }, (_, i) => message(i)) },
    offers: [], availability: { available: true }, blocked: [], chatEnabled: {}, policy: presets.paidChat(),
  };
  const transport: Transport = {
    async connect(_onEvent: (event: ChatEvent) => void) {},
    async request(command: { type: string }) {
      if (command.type === 'hello') return snapshot as never;
      if (command.type === 'mark-read') return conversation as never;
      if (command.type === 'history') return [] as never;
      throw Object.assign(new Error('not in this test'), { code: 'forbidden' });
    },
    disconnect() {},
  };
  const client = new ChatClient({ transport });
  await client.connect();
  return client;
}

const log = (element: VolleyThread) => element.shadowRoot!.querySelector<HTMLElement>('[part=log]')!;

/** Waits until the layout is quiet: three frames in a row without a change of scroll position or DOM. */
async function quiet(element: VolleyThread): Promise<void> {
  await element.updateComplete;
  let last = '';
  for (let i = 0, same = 0; i < 120 && same < 3; i++) {
    await frame();
    const scroller = log(element);
    const now = `${scroller.scrollTop}/${scroller.scrollHeight}/${element.shadowRoot!.querySelectorAll('*').length}`;
    same = now === last ? same + 1 : 0;
    last = now;
  }
}

const index = (element: VolleyThread) => {
  const id = rowAtCentre(element);
  expect(id, 'a message row under the centre of the view').to.be.a('string');
  return Number(id!.slice(1));
};

/** Flings from where the view is: 181 wheel steps of `deltaY` px over 3 s, at the centre of the log. */
async function fling(element: VolleyThread, deltaY: number): Promise<number> {
  const box = log(element).getBoundingClientRect();
  const from = index(element);
  await executeServerCommand('wheel-fling', { x: Math.round(box.left + box.width / 2), y: Math.round(box.top + box.height / 2), deltaY, steps: 181, durationMs: 3000, throttle: 6 });
  await quiet(element);
  return Math.abs(index(element) - from);
}

describe('volley-thread flung with a wheel, or scrolled from script', function () {
  this.timeout(60_000);

  const mountWith = async (count: number) => {
    const client = await clientWith(count);
    const element = await fixture<VolleyThread>(html`<volley-thread style="height:560px;width:480px" .client=${client} conversation-id=${CONVERSATION}></volley-thread>`);
    await quiet(element);
    return { client, element };
  };

  it('rests on the measured heights after the first render, not on the first estimate', async () => {
    const { client, element } = await mountWith(COUNT);
    const rendered = [...element.shadowRoot!.querySelectorAll<HTMLElement>('[part~=message]')];
    const average = rendered.reduce((sum, row) => sum + row.offsetHeight, 0) / rendered.length;
    // The rows not rendered stand in at the measured average: the scroll range is about what all of them measure.
    expect(log(element).scrollHeight / (average * COUNT)).to.be.within(0.97, 1.03);
    client.disconnect();
  });

  it('moves by every scrollTop step set from script in consecutive animation frames', async () => {
    const { client, element } = await mountWith(COUNT);
    const scroller = log(element);
    const moved: number[] = [];
    const top = (id: string) => element.shadowRoot!.querySelector<HTMLElement>(`[data-id="${id}"]`)!.getBoundingClientRect().top;
    let id = rowAtCentre(element)!;
    let before = top(id);
    for (let i = 0; i < 12; i++) {
      // Set in an animation frame, one frame after the other; read once the frame is painted.
      await new Promise<void>((resolve) => requestAnimationFrame(() => {
        scroller.scrollTop -= 200;
        resolve();
      }));
      await new Promise((resolve) => setTimeout(resolve));
      // Where the reader sees it: rows measured above may move the scroll position, never the text under the eye.
      moved.push(Math.round(top(id) - before));
      id = rowAtCentre(element)!;
      before = top(id);
    }
    // Within rounding (fractional heights): a lost step moves by 0, a lost correction by thousands.
    expect(moved.every((px) => Math.abs(px - 200) <= 2), `moved ${moved.join(', ')} px`).to.equal(true);
    client.disconnect();
  });

  // The jump is a race with the browser's own scrolling (on a slowed CPU, as on a busy CI machine):
  // three flings up, each from a fresh mount, against one down.
  it(`passes about as many messages flung up from the bottom as down from the top (${COUNT.toLocaleString('en')} messages)`, async () => {
    const client = await clientWith(COUNT);
    const mount = async () => {
      const element = await fixture<VolleyThread>(html`<volley-thread style="height:560px;width:480px" .client=${client} conversation-id=${CONVERSATION}></volley-thread>`);
      await quiet(element);
      return element;
    };
    const ups: number[] = [];
    for (let i = 0; i < 3; i++) {
      const element = await mount();
      expect(index(element)).to.be.above(COUNT - 10);
      ups.push(await fling(element, -1200));
      element.remove();
    }
    const element = await mount();
    log(element).scrollTop = 0;
    await quiet(element);
    expect(index(element)).to.be.below(10);
    const down = await fling(element, 1200);

    expect(down, 'messages passed flung down').to.be.above(200);
    for (const up of ups) expect(up / down, `flung up ${ups.join(', ')} messages in three flings, down ${down}`).to.be.within(0.67, 1.5);
    client.disconnect();
  });
});
