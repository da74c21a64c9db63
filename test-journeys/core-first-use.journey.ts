// The engine's rule families that load on first use, played over a fresh chat server: this file's
// world is a new server process, so each of these steps is the first of its kind there and loads
// its module (src/engine/): the first message loads what follows a message (the alerts, a volley's
// earnings), the first staff-only item the shapes of those kinds, the first block the block desk.
// Each works at once, on both sides.
import assert from 'node:assert/strict';
import { journey } from './harness.ts';
import { bubble, row, write } from './helpers.ts';

journey('core first use: the first message, the first inserted item and the first block all work on a fresh server', async (world) => {
  const dee = await world.customer('Dee');
  const customer = await world.open(dee, { with: 'ivy', size: 'phone' });
  // The server's first message: it is committed and reaches Ivy.
  const first = 'Hello Ivy, the first message on this server';
  await write(customer, first);
  const ivy = await world.open('ivy');
  await ivy.press(row(ivy, first));
  await ivy.see(bubble(ivy, first));
  // Ivy's answer is a volley (P1), marked on her side, and reaches Dee.
  const reply = 'Hi Dee, my answer';
  await write(ivy, reply);
  await ivy.see(ivy.find('volley-thread [part~="message"]').filter({ hasText: reply }).locator('[part="volley"]'));
  await customer.see(bubble(customer, reply));

  // The first staff-only kinds (P3, K4): a goodie and an engagement card, checked by the shapes that load with them.
  await ivy.press(ivy.button('Insert a payment button, goodie or engagement'));
  await ivy.press(ivy.page.getByRole('menuitem', { name: /Signed photo/ }));
  await customer.see(customer.find('volley-thread [part="card"]').filter({ hasText: 'Signed photo' }));
  await ivy.press(ivy.button('Insert a payment button, goodie or engagement'));
  await ivy.press(ivy.page.getByRole('menuitem', { name: /10% off your next order/ }));
  await customer.see(customer.find('volley-thread [part="card"]').filter({ hasText: '10% off your next order' }));
  await customer.shot('core-first-use-items');

  // The first block (P6): Dee cannot write and is told why; after the unblock she can.
  await ivy.press(ivy.button('Chat options'));
  await ivy.press(ivy.page.getByRole('menuitem', { name: 'Block Dee' }));
  await customer.see(customer.find('volley-composer [part="refusal"]').filter({ hasText: /blocked/i }));
  assert.ok(await customer.find('volley-composer textarea').isDisabled(), 'the blocked side cannot write');
  await customer.shot('core-first-use-blocked');
  await ivy.press(ivy.button('Chat options'));
  await ivy.press(ivy.page.getByRole('menuitem', { name: 'Unblock Dee' }));
  await write(customer, 'Back again');
  await ivy.see(bubble(ivy, 'Back again'));
});
