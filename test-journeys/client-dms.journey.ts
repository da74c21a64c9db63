// Client DMs (seed 003) and the marketplace guard (seed 004), played by their people: the feed of
// orders and messages, the send limit an order lifts, and contact details refused in the inbox.
import { journey } from './harness.ts';
import { bubble, row, write } from './helpers.ts';

journey('client DMs: five unanswered messages stop the provider until the client orders; the feed shows the order', async (world) => {
  const dee = await world.customer('Dee');
  const customer = await world.open(dee, { with: 'ivy' });
  await write(customer, 'Do you do readings?');
  const ivy = await world.open('ivy');
  await ivy.press(row(ivy, 'Do you do readings?'));
  for (let n = 1; n <= 5; n++) {
    await write(ivy, `Update ${n} of 5`);
    await ivy.see(bubble(ivy, `Update ${n} of 5`));
  }
  // D4: the sixth in a row is refused, and the composer says why.
  await ivy.see(ivy.find('volley-composer [part="refusal"]').filter({ hasText: /reply/i }));
  await ivy.shot('send-limit');

  // An order from the client unlocks the provider, and shows in both feeds.
  await world.host({ name: 'recordOrder', args: [{ id: `order-${dee}`, customerId: dee, providerId: 'ivy', title: 'Birth chart', amountCents: 4000 }] });
  await write(ivy, 'Thank you for your order!');
  await customer.see(bubble(customer, 'Thank you for your order!'));
  await customer.press(customer.button('Orders and messages'));
  await customer.see(customer.find('volley-feed [part~="order"]').filter({ hasText: 'Birth chart' }));
  await customer.shot('feed');
});

journey('marketplace: contact details are flagged while typing and refused in the inbox', async (world) => {
  const dee = await world.customer('Dee');
  const customer = await world.open(dee, { with: 'ivy' });
  await customer.type('volley-composer textarea', 'write to me at dee at example dot com');
  await customer.see(customer.find('volley-composer [part="warning"]').filter({ hasText: /contact|e-?mail|off/i }));
  await customer.shot('guard-warning');
  // The composer holds the message back while it would be refused (the engine refuses it too: test-node/contact-guard.test.ts).
  if (!(await customer.button('Send').isDisabled())) throw new Error('Send stays enabled for a message the guard refuses');
  await customer.page.keyboard.press('Control+A');
  await customer.page.keyboard.type('A plain question instead');
  await customer.press(customer.button('Send'));
  const ivy = await world.open('ivy');
  await ivy.press(row(ivy, 'A plain question instead'));
  await ivy.see(bubble(ivy, 'A plain question instead'));
  if (await bubble(ivy, 'dee at example dot com').count()) throw new Error('a refused message reached the provider');
});
