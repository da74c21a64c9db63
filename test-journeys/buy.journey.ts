// Buying in the chat (P3, P4) and the contact guard's order numbers (M2), played by their people:
// a customer quotes her order number (it is not a phone number) and buys the payment button the
// provider inserted from her composer; both sides then see it paid.
import assert from 'node:assert/strict';
import { journey, type Size } from './harness.ts';
import { bubble, row, write } from './helpers.ts';

for (const size of ['desktop', 'phone'] as Size[]) {
  journey(`buying at ${size} size: an order number passes the guard, an inserted item is bought and paid on both sides`, async (world) => {
    const dee = await world.customer('Dee');
    const customer = await world.open(dee, { with: 'ivy', size });

    // M2: an order number is no phone number: no warning, Send stays enabled, and Ivy gets it.
    const order = 'My order number is 12345678';
    await customer.type('volley-composer textarea', order);
    assert.equal(await customer.find('volley-composer [part="warning"]').filter({ hasText: /\S/ }).count(), 0, 'no contact warning for an order number');
    assert.equal(await customer.button('Send').isDisabled(), false, 'Send is not held back');
    await customer.press(customer.button('Send'));

    const ivy = await world.open('ivy', { size });
    await ivy.press(row(ivy, order));
    await ivy.see(bubble(ivy, order));

    // P3: Ivy inserts her payment button from the composer's Insert menu.
    await ivy.press(ivy.button('Insert a payment button, goodie or engagement'));
    await ivy.press(ivy.page.getByRole('menuitem', { name: /Full show video/ }));
    await ivy.see(bubble(ivy, 'Full show video'));

    // Dee buys it in one click; both sides see it paid, with the notice.
    const buy = customer.find('volley-thread [part="card"]').filter({ hasText: 'Full show video' }).getByRole('button', { name: 'Buy for $15.00' });
    await customer.press(buy);
    const notice = (person: typeof customer) => person.find('volley-thread [part="notice"]').filter({ hasText: 'Dee bought Full show video: $15.00' });
    await customer.see(notice(customer));
    await ivy.see(notice(ivy));
    for (const person of [customer, ivy]) {
      await person.see(person.find('volley-thread [part="card"]').filter({ hasText: 'Full show video' }).locator('.paid'));
    }
    assert.equal(await buy.count(), 0, 'a bought item cannot be bought again');
    await customer.shot(`bought-${size}`);
    await ivy.shot(`sold-${size}`);
  });
}
