// A long thread read by its customer, the way people move through one: keyboard (PageUp, End) and
// a wheel fling at desktop size, touch swipes on a phone. Each move takes the reader about as far
// as it should, never nowhere (a lost step) and never far away (a lost correction of the rows'
// estimated heights), and a message row is under the centre of the view after each; older
// messages load at the top without moving what the reader sees.
import assert from 'node:assert/strict';
import type { CDPSession } from 'playwright-core';
import type { Snapshot } from '../src/index.js';
import { journey, type Person, type Size, type World } from './harness.ts';
import { bubble, write } from './helpers.ts';

const COUNT = 300;
const WORDS = 'sure thanks see you tomorrow at ten the package is ready can you send photos of the blue one please'.split(' ');

/** Dee's chat with Ivy holding COUNT more messages, written through the server's engine (fast). */
async function longChat(world: World, size: Size): Promise<string> {
  const dee = await world.customer('Dee');
  const first = await world.open(dee, { with: 'ivy', size });
  await write(first, 'Hello Ivy, a long story follows');
  await first.see(bubble(first, 'a long story follows'));
  await first.context.close();
  const engine = world.server.engine;
  const snapshot = await engine.execute(dee, { type: 'hello' }) as Snapshot;
  const chat = snapshot.conversations.find((c) => c.providerId === 'ivy')!;
  for (let i = 0; i < COUNT; i++) {
    const words = 3 + ((i * 7) % 19);
    const text = `Story ${i}: ${Array.from({ length: words }, (_, w) => WORDS[(i + w * 3) % WORDS.length]).join(' ')}`;
    await engine.execute(i % 2 ? 'ivy' : dee, { type: 'send', conversationId: chat.id, message: { id: `story-${size}-${i}`, kind: 'text', text } });
  }
  return dee;
}

/** The number of the story message under the centre of the thread's view (-1: no message row there), and the rows' average height. */
function centre(person: Person): Promise<{ index: number; rowHeight: number; fromBottom: number }> {
  return person.find('volley-thread').evaluate((thread) => {
    const log = thread.shadowRoot!.querySelector<HTMLElement>('[part=log]')!;
    const box = log.getBoundingClientRect();
    const y = box.top + box.height / 2;
    const rows = [...thread.shadowRoot!.querySelectorAll<HTMLElement>('[part~=message]')];
    const row = rows.find((r) => {
      const b = r.getBoundingClientRect();
      return b.top <= y && b.bottom > y;
    });
    const match = /Story (\d+):/.exec(row?.textContent ?? '');
    return {
      index: match ? Number(match[1]) : -1,
      rowHeight: rows.reduce((sum, r) => sum + r.offsetHeight, 0) / rows.length,
      fromBottom: log.scrollHeight - log.scrollTop - log.clientHeight,
    };
  });
}

/** Waits until the thread's layout is quiet (three frames without a change of scroll position or DOM). */
async function quiet(person: Person): Promise<void> {
  await person.find('volley-thread').evaluate(async (thread) => {
    const log = thread.shadowRoot!.querySelector<HTMLElement>('[part=log]')!;
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    let last = '';
    for (let i = 0, same = 0; i < 120 && same < 3; i++) {
      await frame();
      const now = `${log.scrollTop}/${log.scrollHeight}/${thread.shadowRoot!.querySelectorAll('*').length}`;
      same = now === last ? same + 1 : 0;
      last = now;
    }
  });
}

/** Asserts a move took the reader `expected` messages up (negative: down), within 0.5–1.5×, with a message under the centre. */
function moved(what: string, from: number, to: number, expected: number): void {
  assert.ok(to >= 0, `${what}: no message row under the centre of the view`);
  const passed = from - to;
  assert.ok(Math.sign(passed) === Math.sign(expected) && Math.abs(passed) >= Math.abs(expected) * 0.5 && Math.abs(passed) <= Math.abs(expected) * 1.5 + 1,
    `${what}: passed ${passed} messages, about ${expected.toFixed(1)} expected`);
}

journey('a long thread at desktop size: PageUp, End and a wheel fling keep the reader\'s place', async (world) => {
  const dee = await longChat(world, 'desktop');
  const person = await world.open(dee, { with: 'ivy', size: 'desktop' });
  await person.see(bubble(person, `Story ${COUNT - 1}:`));
  const log = person.find('volley-thread [part="log"]');
  await quiet(person);
  const { height } = (await log.boundingBox())!;

  // The keyboard: the log takes the focus (Tab order or a click on it), PageUp moves a page up, End comes back.
  await log.focus();
  let at = await centre(person);
  for (let i = 0; i < 6; i++) {
    await person.page.keyboard.press('PageUp');
    await quiet(person);
    const now = await centre(person);
    moved(`PageUp ${i + 1}`, at.index, now.index, (height * 0.875) / now.rowHeight);
    at = now;
  }
  await person.shot('thread-page-up');
  await person.page.keyboard.press('End');
  await quiet(person);
  assert.ok((await centre(person)).fromBottom <= 24, 'End: at the newest message');

  // A wheel fling up from the bottom, then the same down: about as many messages each way.
  const { x, y } = await person.reach(log);
  const fling = async (deltaY: number) => {
    await person.page.mouse.move(x, y);
    for (let i = 0; i < 10; i++) {
      await person.page.mouse.wheel(0, deltaY);
      await person.page.waitForTimeout(16);
    }
    await quiet(person);
  };
  const bottom = await centre(person);
  await fling(-300);
  const up = await centre(person);
  await fling(300);
  const down = await centre(person);
  assert.ok(up.index >= 0 && down.index >= 0, 'a message row under the centre after each fling');
  const [passedUp, passedDown] = [bottom.index - up.index, down.index - up.index];
  assert.ok(passedDown > 10 && passedUp / passedDown >= 0.67 && passedUp / passedDown <= 1.5, `flung up ${passedUp} messages, down ${passedDown}`);
  await person.shot('thread-fling');
});

/** A finger's drag of `distance` px down the screen from (x, y), in 10 moves a frame apart, held still before it lifts (no fling). */
async function swipe(cdp: CDPSession, x: number, y: number, distance: number): Promise<void> {
  const at = (dy: number) => [{ x, y: y + dy, id: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
  for (let k = 1; k <= 10; k++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at((distance * k) / 10) });
    await new Promise((resolve) => setTimeout(resolve, 16));
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

journey('a long thread on a phone: swipes move it as far as the finger goes, older messages load in place', async (world) => {
  const dee = await longChat(world, 'phone');
  const person = await world.open(dee, { with: 'ivy', size: 'phone' });
  await person.see(bubble(person, `Story ${COUNT - 1}:`));
  await quiet(person);
  const { x, y } = await person.reach('volley-thread [part="log"]');
  const cdp = await person.context.newCDPSession(person.page);
  let at = await centre(person);
  // Swipes down the screen (scrolling up, toward older messages), each 300 px, as a finger drags; the
  // history pages in at the top on the way.
  for (let i = 0; i < 12; i++) {
    await swipe(cdp, x, y - 150, 300);
    await quiet(person);
    const now = await centre(person);
    moved(`swipe ${i + 1}`, at.index, now.index, 300 / now.rowHeight);
    at = now;
  }
  await person.shot('thread-swipes');
});
