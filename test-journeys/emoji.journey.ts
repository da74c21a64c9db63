// The emoji picker, as a customer uses it on a host page under the strict CSP (the script tag over
// the real server): it opens with a real grid of emoji, a press on one puts it in the message, and
// the message goes out with it. Its data is the script tag's own (dist/volley/emoji-data.json); the
// harness fails the journey on any CSP violation or HTTP error.
import assert from 'node:assert/strict';
import { journey, type Size } from './harness.ts';
import { bubble } from './helpers.ts';

for (const size of ['desktop', 'phone'] as Size[]) {
  journey(`emoji at ${size} size: a customer picks an emoji from the picker and sends it`, async (world) => {
    const dee = await world.customer('Dee');
    const customer = await world.open(dee, { with: 'ivy', size });
    await customer.type('volley-composer textarea', 'Thanks ');
    await customer.press(customer.button('Insert an emoji'));
    // The picker's search, categories and grid are on screen; its first emoji can be pressed.
    const search = customer.page.getByRole('searchbox', { name: 'Search emoji' });
    await customer.reach(search);
    await customer.reach(customer.page.getByRole('tab', { name: 'Smileys and emotion' }));
    const emoji = customer.page.getByRole('gridcell', { name: 'grinning face', exact: true });
    await customer.shot('emoji-picker');
    await customer.press(emoji);
    const field = customer.find('volley-composer textarea');
    await customer.see(customer.find('volley-composer textarea:focus'));
    assert.equal(await field.inputValue(), 'Thanks 😀');
    assert.equal(await customer.find('volley-composer [part~="emoji-panel"]').count(), 0, 'the picker closed');

    // A search finds an emoji by its name; it goes where the cursor is.
    await customer.press(customer.button('Insert an emoji'));
    await customer.type(search, 'heart');
    await customer.press(customer.page.getByRole('gridcell', { name: 'red heart', exact: true }));
    assert.equal(await field.inputValue(), 'Thanks 😀❤️');

    await customer.press(customer.button('Send'));
    await customer.see(bubble(customer, 'Thanks 😀❤️'));
    await customer.shot('emoji-sent');
  });
}
