// Team offers (seed 001) and care take-over (seed 002), played by their people: a member with a
// chat open still sees, hears and can act on a new offer; a reply by the provider herself answers
// the chat (nobody counts a miss, the customer is never told nobody is available); a take-over
// is told to both care agents by name.
import assert from 'node:assert/strict';
import { journey, type Person, type Size } from './harness.ts';

/** Writes `text` in the chat open on the person's page, and sees it sent. */
async function write(person: Person, text: string) {
  await person.type('volley-composer textarea', text);
  await person.press(person.button('Send'));
  await person.see(person.find('volley-thread [part~="bubble"]').filter({ hasText: text }));
}

for (const size of ['desktop', 'phone'] as Size[]) {
  journey(`team offers at ${size} size: seen with a chat open, answered by the provider's own reply`, async (world) => {
    const [first, second] = size === 'phone' ? ['Pia', 'Quinn'] : ['Dee', 'Eve'];
    const ann = await world.open('ann', { size });

    // Ann claims a first chat and keeps it open.
    const dee = await world.open(await world.customer(first), { with: 'ivy', size });
    await write(dee, `Hello, ${first} here (${size})`);
    const firstOffer = ann.find('volley-incoming [part="card"]').filter({ hasText: first });
    await ann.press(firstOffer.locator('[part="claim"]'));
    await ann.see(ann.find('volley-chat [part="header"] h2').filter({ hasText: first }));

    // A second customer writes: the offer shows above the open chat, counting down, every action reachable.
    const eve = await world.open(await world.customer(second), { with: 'ivy', size });
    const text = `Is anyone free? ${second} (${size})`;
    await write(eve, text);
    const offer = ann.find('volley-incoming [part="card"]').filter({ hasText: second });
    await ann.see(offer);
    for (const control of [offer.locator('[part~="countdown"]'), offer.locator('[part="claim"]'), offer.locator('[part="decline"]').nth(0), offer.locator('[part="decline"]').nth(1)]) await ann.reach(control);
    await ann.see(ann.find('volley-incoming [role="status"]').filter({ hasText: `New chat offered: ${second}` }));
    await ann.see(ann.find('volley-chat [part="header"] h2').filter({ hasText: first }));
    await ann.shot(`offer-with-chat-open-${size}`);

    // Ivy answers it herself: the offer is settled as hers, the customer is never told nobody is available.
    const ivy = await world.open('ivy', { size });
    await ivy.press(ivy.find('volley-inbox [part="row"]').filter({ hasText: text }));
    const reply = `Hi ${second}, Ivy here (${size})`;
    await write(ivy, reply);
    await ann.seeText(`${second}'s chat was claimed by someone else.`);
    await eve.see(eve.find('volley-thread [part~="bubble"]').filter({ hasText: reply }));
    await world.advance(20_000);
    await eve.page.waitForTimeout(500);
    assert.equal(await eve.find('volley-thread [part~="notice"]').count(), 0, 'the customer is not told nobody is available');
    assert.equal(await ann.find('volley-inbox [part="queue"]').count(), 0, 'nothing waits in the queue');
    await eve.shot(`offer-answered-by-provider-${size}`);
  });
}

journey('care take-over: both agents are told, by name, and the warning goes', async (world) => {
  // Kim is Acme Coffee's only agent in the world; a second agent joins for the take-over.
  await world.host({ name: 'upsertUser', args: [{ id: 'lee', role: 'agent', name: 'Lee', teamId: 'acme-care' }] });
  const fay = await world.open(await world.customer('Fay'), { with: 'acme' });
  await write(fay, 'My coupon does not work');
  const kim = await world.open('kim');
  await kim.press(kim.find('volley-inbox [part="row"]').filter({ hasText: 'My coupon does not work' }));
  await write(kim, 'Let me look into it.');

  const lee = await world.open('lee', { size: 'phone' });
  await lee.press(lee.find('volley-inbox [part="row"]').filter({ hasText: 'Let me look into it.' }));
  await lee.type('volley-composer textarea', 'I can help with coupons.');
  await lee.press(lee.button('Send'));
  await lee.see(lee.find('volley-composer [part="error"]').filter({ hasText: 'Another agent owns this chat.' }));
  await lee.press(lee.button('Take over'));
  await lee.see(lee.find('volley-thread dialog').filter({ hasText: 'Kim owns this chat.' }));
  await lee.press(lee.find('volley-thread dialog button.danger'));

  for (const agent of [lee, kim]) await agent.see(agent.find('volley-thread [part~="notice"]').filter({ hasText: 'Lee took this chat over from Kim.' }));
  await lee.see(lee.find('volley-thread [part~="message"]').filter({ hasText: 'Let me look into it.' }).filter({ hasText: 'Kim' }));
  assert.equal(await lee.find('volley-composer [part="error"]').count(), 0, 'the stale warning went');
  await lee.shot('take-over-lee');
  await kim.shot('take-over-kim');
});
