// The chat server on PostgreSQL (`--postgres`) instead of SQLite, played by the people who use it:
// a chat goes on across a server restart, and a page opened afterwards reads the history back from
// the database, in order, each message once.
import assert from 'node:assert/strict';
import { journey, onPostgres } from './harness.ts';
import { bubble, row, write } from './helpers.ts';

onPostgres();

/** While the server is down the browser reports refused sockets and the dev token endpoint's 502. */
const OUTAGE = [/WebSocket connection to .* failed/, /ERR_CONNECTION_REFUSED/, /502/, /Failed to load resource/];

journey('postgres: a chat survives a server restart on PostgreSQL, and a phone opened afterwards reads it back in order', async (world) => {
  const dee = await world.customer('Dee');
  const customer = await world.open(dee, { with: 'ivy', allow: OUTAGE });
  await write(customer, 'Hello from Dee');
  const ivy = await world.open('ivy', { allow: OUTAGE });
  await ivy.press(row(ivy, 'Hello from Dee'));
  await ivy.see(bubble(ivy, 'Hello from Dee'));
  await write(ivy, 'Hi Dee, Ivy here');
  await customer.see(bubble(customer, 'Hi Dee, Ivy here'));

  await world.stopServer();
  await write(customer, 'Written while the server restarts');
  await world.startServer();
  await ivy.see(bubble(ivy, 'Written while the server restarts'), 30_000);
  await customer.shot('postgres-after-restart');

  // A new page, on a phone: everything it shows comes from the restarted server, read from PostgreSQL.
  const phone = await world.open('ivy', { size: 'phone' });
  await phone.press(row(phone, /Dee/));
  await phone.see(bubble(phone, 'Written while the server restarts'));
  const texts = await phone.find('volley-thread [part~="bubble"]').allInnerTexts();
  assert.deepEqual(texts.filter((text) => /Hello from Dee|Hi Dee|Written while/.test(text)),
    ['Hello from Dee', 'Hi Dee, Ivy here', 'Written while the server restarts']);
  await phone.shot('postgres-phone-history');
});
