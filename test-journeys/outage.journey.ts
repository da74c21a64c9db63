// An outage, played by the people it happens to: the chat server stops mid-chat and starts again.
// Nothing is lost and nobody reloads: what was written while it was down arrives once, in order.
import assert from 'node:assert/strict';
import { journey } from './harness.ts';
import { bubble, row, write } from './helpers.ts';

/** While the server is down the browser reports refused sockets and the dev token endpoint's 502. */
const OUTAGE = [/WebSocket connection to .* failed/, /ERR_CONNECTION_REFUSED/, /502/, /Failed to load resource/];

journey('outage: a message written while the server is down arrives once, in order, without a reload; a draft survives a reload', async (world) => {
  const dee = await world.customer('Dee');
  const customer = await world.open(dee, { with: 'ivy', allow: OUTAGE });
  await write(customer, 'Before the outage');
  const ivy = await world.open('ivy', { allow: OUTAGE });
  await ivy.press(row(ivy, 'Before the outage'));
  await ivy.see(bubble(ivy, 'Before the outage'));

  await world.stopServer();
  await write(customer, 'Written while the server is down');
  const waiting = customer.find('volley-thread [part~="message"]').filter({ hasText: 'Written while the server is down' });
  await customer.see(waiting.locator('[part~="status"]').filter({ hasText: /sending/i }));
  await write(customer, 'And a second one');
  await customer.shot('outage-down');

  await world.startServer();
  await ivy.see(bubble(ivy, 'And a second one'), 30_000);
  await customer.see(waiting.locator('[part~="receipt"]'), 30_000);
  const texts = await ivy.find('volley-thread [part~="bubble"]').allInnerTexts();
  assert.deepEqual(texts.filter((text) => /Before|while|second/.test(text)), ['Before the outage', 'Written while the server is down', 'And a second one']);
  // The composer no longer says the service cannot be reached.
  assert.equal(await customer.find('volley-composer [part="error"]').count(), 0, 'a stale "cannot be reached" stays after the connection is back');
  await customer.shot('outage-after');

  // C5: a draft survives a reload on the server (persistence is on by default in the script tag).
  await customer.type('volley-composer textarea', 'A draft to keep');
  await customer.page.waitForTimeout(300);
  await customer.page.reload();
  await customer.find('body[data-mounted="true"]').waitFor({ state: 'attached' });
  await customer.see(customer.find('volley-composer textarea'));
  assert.equal(await customer.find('volley-composer textarea').inputValue(), 'A draft to keep');
});
