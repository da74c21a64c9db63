// Dialogs, menus and pop-overs, played where hosts put them: the customer's tribute from the chat
// bubble's header (it opened upward inside the chat's overflow: hidden, its amounts out of reach),
// on a page wider than a phone (the bubble and its panel sat off screen); the provider's private
// note in the customer details (under the composer).
import { journey, type Size } from './harness.ts';
import { row, write } from './helpers.ts';

for (const size of ['desktop', 'phone'] as Size[]) {
  journey(`dialogs at ${size} size: a tribute from the bubble on a wide page, a private note in the customer details`, async (world) => {
    // A name of her own at each size: Ivy finds her chat by it (routing notices come after her message).
    const name = size === 'phone' ? 'Pia' : 'Desi';
    const customer = await world.open(await world.customer(name), { with: 'ivy', size, surface: 'bubble', query: { wide: '1' } });
    // The bubble is on screen though the page is wider than it; its panel fits what is visible.
    await customer.press(customer.button('Open chat'));
    const text = `Hello Ivy, a tribute is coming (${size})`;
    await write(customer, text);
    await customer.press(customer.button('Send a tribute'));
    await customer.press(customer.button('$10.00'));
    await customer.press(customer.button('Send $10.00'));
    await customer.see(customer.find('volley-tribute-button [part="status"]').filter({ hasText: 'Tribute sent' }));
    await customer.shot(`tribute-${size}`);

    const ivy = await world.open('ivy', { size });
    await ivy.press(row(ivy, name));
    await ivy.press(ivy.button('Chat options'));
    await ivy.press(ivy.page.getByRole('menuitem', { name: 'Customer details' }));
    await ivy.type('volley-gear-menu [part="note"]', 'Prefers evenings');
    await ivy.press(ivy.button('Save note'));
    await ivy.see(ivy.find('volley-gear-menu [part="details"]').filter({ hasText: 'Note saved.' }));
    await ivy.shot(`customer-details-${size}`);
    await ivy.press(ivy.find('volley-gear-menu [part="details"]').getByRole('button', { name: 'Close', exact: true }));
  });
}
