// Paid chat (seed 000), played by its people: a customer writes to a provider from the host page,
// the provider answers from hers, and the answer is a volley both sides can see; deleting for me,
// closing and reopening, blocking and unblocking, each seen from both sides.
import assert from 'node:assert/strict';
import { journey, type Size } from './harness.ts';
import { bubble, row, write } from './helpers.ts';

for (const size of ['desktop', 'phone'] as Size[]) {
  journey(`paid chat at ${size} size: a customer writes, the provider replies with a volley`, async (world) => {
    const dee = await world.customer('Dee');
    const customer = await world.open(dee, { with: 'ivy', size });
    const text = `Hello Ivy, a question (${size})`;
    await write(customer, text);
    await customer.see(bubble(customer, text));

    const ivy = await world.open('ivy', { size });
    await ivy.press(row(ivy, text));
    await ivy.see(bubble(ivy, text));
    const reply = `Hi Dee, here is my answer (${size})`;
    await write(ivy, reply);
    await ivy.see(ivy.find('volley-thread [part~="message"]').filter({ hasText: reply }).locator('[part="volley"]'));

    await customer.see(bubble(customer, reply));
    await customer.shot('paid-chat');
    await ivy.shot('paid-chat');
    assert.equal(await bubble(customer, reply).count(), 1);
  });
}

journey('paid chat: delete for me, close and reopen, block and unblock', async (world) => {
  const dee = await world.customer('Dee');
  const customer = await world.open(dee, { with: 'ivy' });
  const first = 'A message Ivy will delete for herself';
  await write(customer, first);
  const ivy = await world.open('ivy');
  await ivy.press(row(ivy, first));

  // C4: deleted from the deleter's side only.
  await ivy.press(ivy.button('Delete this message from Dee'));
  await ivy.press(ivy.button('Delete for me'));
  await bubble(ivy, first).waitFor({ state: 'detached' });
  await customer.see(bubble(customer, first));

  // P7: the customer closes; the chat leaves her list until Ivy writes again.
  await customer.press(customer.button('Chat options'));
  await customer.press(customer.page.getByRole('menuitem', { name: 'Close chat' }));
  await customer.find('volley-inbox [part="row"]').first().waitFor({ state: 'detached' });
  await write(ivy, 'Still there, Dee?');
  await customer.press(row(customer, 'Still there, Dee?'));
  await customer.see(bubble(customer, 'Still there, Dee?'));

  // P6: Ivy blocks Dee; Dee is told why she cannot write; after the unblock she can.
  await ivy.press(ivy.button('Chat options'));
  await ivy.press(ivy.page.getByRole('menuitem', { name: 'Block Dee' }));
  await customer.see(customer.find('volley-composer [part="refusal"]').filter({ hasText: /blocked/i }));
  assert.ok(await customer.find('volley-composer textarea').isDisabled(), 'the blocked side cannot write');
  await customer.shot('blocked');
  await ivy.press(ivy.button('Chat options'));
  await ivy.press(ivy.page.getByRole('menuitem', { name: 'Unblock Dee' }));
  await write(customer, 'Back again');
  await ivy.see(bubble(ivy, 'Back again'));
});

journey('paid chat: the provider asks for a tribute and the customer pays the request in one click; both see it received', async (world) => {
  const dee = await world.customer('Dee');
  const customer = await world.open(dee, { with: 'ivy', size: 'phone' });
  await write(customer, 'Could you do a longer reading?');
  const ivy = await world.open('ivy');
  await ivy.press(row(ivy, 'Could you do a longer reading?'));
  await ivy.press(ivy.button('Request a tribute'));
  await ivy.type(ivy.find('volley-composer input[name="amount"]'), '12');
  await ivy.type(ivy.find('volley-composer input[name="note"]'), 'For the long reading');
  await ivy.press(ivy.find('volley-composer [part="confirm"]'));
  // P4: the request card pays in one click, on the phone.
  await customer.press(customer.button('Pay $12.00'));
  for (const person of [customer, ivy]) await person.see(person.find('volley-thread [part~="notice"]').filter({ hasText: /tribute/i }).filter({ hasText: '$12.00' }));
  await customer.shot('tribute-request-paid');
  await ivy.shot('tribute-request-paid');
});
