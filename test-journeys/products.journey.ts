// One engine, two products (R2), played by their people: a customer of Ivy's paid chat opens her
// order's chat from "Orders and messages" and sees it apart from the pre-order chat, named by its
// order (M1); the same customer writes to Acme Coffee's care channel and reads customer words
// ("Waiting for a reply", never the agents' "Unanswered" or "Missed"), with no tribute button there
// while Ivy's chat has one; Kim, the care agent, reads "Unanswered" and her reply makes no volley.
import assert from 'node:assert/strict';
import { journey, type Person, type Size } from './harness.ts';
import { bubble, row, write } from './helpers.ts';

/** On a phone the list and the open chat share the screen: back to the list first. */
async function toList(person: Person) {
  if (person.size === 'phone') await person.press(person.button('Back to chats'));
}

for (const size of ['desktop', 'phone'] as Size[]) {
  journey(`products at ${size} size: the order chat is named by its order, each chat speaks its product to each side`, async (world) => {
    const name = size === 'phone' ? 'Pia' : 'Dee';
    const dee = await world.customer(name);
    const customer = await world.open(dee, { with: 'ivy', size });
    const before = `Do you read tarot? (${size})`;
    await write(customer, before);
    await customer.see(bubble(customer, before));

    // Ivy records an order for this customer: it shows in "Orders and messages"; pressing it opens its own chat.
    const title = `Tarot reading for ${name}`;
    await world.host({ name: 'recordOrder', args: [{ id: `order-${dee}`, customerId: dee, providerId: 'ivy', title, amountCents: 2500 }] });
    await customer.press(customer.button('Orders and messages'));
    await customer.press(customer.find('volley-feed [part~="order"]').filter({ hasText: title }));
    await customer.see(customer.find('volley-chat [part="header"] [part="order"]').filter({ hasText: `Order: ${title}` }));
    const about = `About my reading (${size})`;
    await write(customer, about);
    await customer.see(bubble(customer, about));
    await customer.shot(`order-chat-${size}`);

    // The list shows two chats with Ivy: the pre-order one, and the one named by its order.
    await toList(customer);
    const ivyRows = row(customer, 'Ivy');
    await customer.see(ivyRows.filter({ hasText: about }).locator('[part~="order"]').filter({ hasText: `Order: ${title}` }));
    await customer.see(ivyRows.filter({ hasText: before }));
    assert.equal(await ivyRows.count(), 2, 'two chats with Ivy');
    assert.equal(await ivyRows.filter({ hasText: before }).locator('[part~="order"]').count(), 0, 'the pre-order chat names no order');
    await customer.shot(`two-ivy-chats-${size}`);

    // Acme Coffee is a care channel: the customer reads that it waits for a reply, not the agents' words.
    const care = await world.open(dee, { with: 'acme', size });
    const question = `My beans are late (${size})`;
    await write(care, question);
    await care.see(bubble(care, question));
    assert.equal(await care.find('volley-tribute-button button').count(), 0, 'no tribute in a care chat');
    await toList(care);
    await care.see(row(care, 'Acme Coffee').locator('[part~="badge"]').filter({ hasText: 'Waiting for a reply' }));
    assert.equal(await care.page.getByText(/Unanswered|Missed/).count(), 0, 'no agent words on the customer\'s page');
    await care.shot(`care-waiting-${size}`);
    // Ivy's paid chat, on the same page, has its tribute button.
    await care.press(row(care, before));
    await care.reach(care.find('volley-tribute-button button'));
    assert.equal(await care.page.getByText(/Unanswered|Missed/).count(), 0, 'no agent words on the customer\'s page');

    // Kim, the care agent, reads the agents' words; her reply is no volley.
    const kim = await world.open('kim', { size });
    await kim.see(row(kim, question).locator('[part~="badge"]').filter({ hasText: 'Unanswered' }));
    await kim.shot(`care-unanswered-${size}`);
    await kim.press(row(kim, question));
    const reply = `Sorry ${name}, they ship today (${size})`;
    await write(kim, reply);
    await kim.see(bubble(kim, reply));
    await toList(care);
    await care.press(row(care, 'Acme Coffee'));
    await care.see(bubble(care, reply));
    for (const person of [kim, care]) {
      assert.equal(await person.find('volley-thread [part~="message"]').filter({ hasText: reply }).locator('[part="volley"]').count(), 0, 'a care reply makes no volley');
    }
    await kim.shot(`care-reply-${size}`);
    await care.shot(`care-reply-${size}`);
  });
}
