// Views that load on first use (src/elements/shared/first-use.ts), played over the server with the
// script tag: each module is fetched only when its view is first needed, and the view then shows
// and works — the chat card's body (with the provider's card), the care figures (on the Stats tab
// only) and the team queue of missed chats (with the first of them).
import assert from 'node:assert/strict';
import { journey, type Person, type Size } from './harness.ts';
import { row, write } from './helpers.ts';

/** The claim window (routing.claimWindowMs of the demo's paid-chat product), and a little more. */
const PAST_THE_WINDOW = 16_000;

/** Whether the page fetched the module `name` (a chunk of dist/volley/, `name-<hash>.js`). */
const fetched = (person: Person, name: string) =>
  person.page.evaluate((name) => performance.getEntriesByType('resource').some((entry) => new URL(entry.name).pathname.split('/').pop()!.startsWith(`${name}-`)), name);

for (const size of ['desktop', 'phone'] as Size[]) {
  journey(`first use at ${size} size: the chat card's body loads with the card, and its Chat button opens the chat`, async (world) => {
    const customer = await world.open(await world.customer(size === 'phone' ? 'Pia' : 'Dee'), { size, query: { card: 'ivy' } });
    await customer.see(customer.find('volley-chat-card [part="status"]'));
    assert.ok(await fetched(customer, 'chat-card.body'), 'the card body is a module of its own, fetched with the card');
    await customer.press(customer.find('volley-chat-card [part="chat"]'));
    await customer.see(customer.find('volley-chat [part="header"] h2').filter({ hasText: 'Ivy' }));
    await customer.shot(`first-use-card-${size}`);
  });
}

journey('a mount on the server never fetches the in-page demo engine; the in-page demo does', async (world) => {
  // To the care channel: no team offer is left running for the journeys after this one.
  const dee = await world.open(await world.customer('Dee'), { with: 'acme' });
  await write(dee, 'Only the server here');
  assert.equal(await fetched(dee, 'demo-world'), false, 'a server mount fetched the demo engine');
  const visitor = await world.visit('/script-tag.html');
  await visitor.press(visitor.find('volley-launcher [part="bubble"]'));
  await visitor.see(visitor.find('volley-chat volley-composer textarea'));
  assert.ok(await fetched(visitor, 'demo-world'), 'the in-page demo loads its engine');
});

journey('first use: the care figures load on the Stats tab, not before', async (world) => {
  const fay = await world.open(await world.customer('Fay'), { with: 'acme' });
  await write(fay, 'Where is my parcel?');
  const kim = await world.open('kim');
  await kim.press(row(kim, 'Fay'));
  await kim.see(kim.button('Stats'));
  assert.equal(await fetched(kim, 'care-stats.figures'), false, 'the figures are not fetched before the Stats tab opens');
  await kim.press(kim.button('Stats'));
  await kim.see(kim.find('volley-care-stats [part="figures"]'));
  assert.ok(await fetched(kim, 'care-stats.figures'));
  await kim.shot('first-use-care-stats');
});

journey('first use: the team queue loads with the first missed chat, and Pick up opens it', async (world) => {
  const ann = await world.open('ann', { size: 'phone' });
  const customer = await world.open(await world.customer('Lou'), { with: 'ivy' });
  await write(customer, 'Anyone there?');
  await ann.see(ann.find('volley-incoming [part="card"]').filter({ hasText: 'Lou' }));
  assert.equal(await fetched(ann, 'inbox.queue'), false, 'no queue yet: its module is not fetched');
  await world.advance(PAST_THE_WINDOW);
  const pickUp = ann.find('volley-inbox [part~="queue"]').getByRole('button', { name: "Pick up Lou's chat" });
  await ann.see(pickUp);
  assert.ok(await fetched(ann, 'inbox.queue'));
  await ann.shot('first-use-queue');
  await ann.press(pickUp);
  await ann.see(ann.find('volley-chat [part="header"] h2').filter({ hasText: 'Lou' }));
});
