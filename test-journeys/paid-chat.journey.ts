// Paid chat (seed 000), played by its people: a customer writes to a provider from the host page,
// the provider answers from hers, and the answer is a volley both sides can see.
import assert from 'node:assert/strict';
import { journey, type Size } from './harness.ts';

for (const size of ['desktop', 'phone'] as Size[]) {
  journey(`paid chat at ${size} size: a customer writes, the provider replies with a volley`, async (world) => {
    const dee = await world.customer('Dee');
    const customer = await world.open(dee, { with: 'ivy', size });
    const text = `Hello Ivy, a question (${size})`;
    await customer.type('volley-composer textarea', text);
    await customer.press(customer.button('Send'));
    await customer.see(customer.find('volley-thread [part~="bubble"]').filter({ hasText: text }));

    const ivy = await world.open('ivy', { size });
    await ivy.press(ivy.find('volley-inbox [part="row"]').filter({ hasText: text }));
    await ivy.see(ivy.find('volley-thread [part~="bubble"]').filter({ hasText: text }));
    const reply = `Hi Dee, here is my answer (${size})`;
    await ivy.type('volley-composer textarea', reply);
    await ivy.press(ivy.button('Send'));
    await ivy.see(ivy.find('volley-thread [part~="message"]').filter({ hasText: reply }).locator('[part="volley"]'));

    await customer.see(customer.find('volley-thread [part~="bubble"]').filter({ hasText: reply }));
    await customer.shot('paid-chat');
    await ivy.shot('paid-chat');
    assert.equal(await customer.find('volley-thread [part~="message"]').filter({ hasText: reply }).count(), 1);
  });
}
