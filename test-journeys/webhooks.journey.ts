// Webhooks, played by their people: the chat server of `npm start` with a webhook (the host's
// backend, here a local receiver). Dee's first payment is declined by the backend (402 with its
// reason) and she sees that reason; her second goes through and both sides see the tribute. The
// backend heard every charge and Ivy's alert, each signed.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { verifyWebhook } from '../server/src/index.ts';

const SECRET = 'whsec-journey-0123456789abcdef';
const DECLINE = 'Your card was declined by the bank.';
const received: { type: string; verified: boolean; body: { id: string; data: any } }[] = [];
let charges = 0;
const backend = createServer((request, response) => {
  let raw = '';
  request.setEncoding('utf8');
  request.on('data', (chunk: string) => (raw += chunk));
  request.on('end', () => {
    const body = JSON.parse(raw);
    received.push({ type: body.type, verified: verifyWebhook(raw, request.headers['volley-signature'] as string, SECRET), body });
    // The first tribute is declined with the bank's reason; the rest are accepted.
    if (body.type === 'charge' && body.data.reason === 'tribute' && charges++ === 0) {
      response.writeHead(402, { 'content-type': 'application/json' }).end(JSON.stringify({ message: DECLINE }));
    } else {
      response.writeHead(200).end();
    }
  });
});
await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', () => resolve()));
backend.unref();
// Read by scripts/start.mjs when the harness starts the world.
process.env.VOLLEY_WEBHOOK = `http://127.0.0.1:${(backend.address() as { port: number }).port}/volley`;
process.env.VOLLEY_WEBHOOK_SECRET = SECRET;
// The harness (its world starts the server from start.mjs) loads once the variables are set.
const { journey } = await import('./harness.ts');
const { bubble, row, write } = await import('./helpers.ts');

journey('webhooks: the backend declines a tribute with its reason, which the customer reads; the next one goes through; every request signed', async (world) => {
  const dee = await world.customer('Dee');
  const customer = await world.open(dee, { with: 'ivy', size: 'phone' });
  await write(customer, 'Could you do a longer reading?');
  const ivy = await world.open('ivy');
  await ivy.press(row(ivy, 'Could you do a longer reading?'));
  await ivy.see(bubble(ivy, 'Could you do a longer reading?'));
  await ivy.press(ivy.button('Request a tribute'));
  await ivy.type(ivy.find('volley-composer input[name="amount"]'), '12');
  await ivy.press(ivy.find('volley-composer [part="confirm"]'));

  // The backend declines: Dee reads its reason, and nothing is paid.
  await customer.press(customer.button('Pay $12.00'));
  await customer.see(customer.page.getByText(DECLINE));
  await customer.shot('tribute-declined');
  const paid = (person: typeof customer) => person.find('volley-thread [part~="notice"]').filter({ hasText: /tribute/i }).filter({ hasText: '$12.00' });
  assert.equal(await paid(customer).count(), 0, 'a declined payment makes no tribute');

  // She pays again: accepted, both see it.
  await customer.press(customer.button('Pay $12.00'));
  for (const person of [customer, ivy]) await person.see(paid(person));
  await customer.shot('tribute-paid');

  const tributes = received.filter((event) => event.type === 'charge' && event.body.data.reason === 'tribute');
  assert.equal(tributes.length, 2);
  assert.ok(tributes.every((event) => event.body.data.payerId === dee && event.body.data.amountCents === 1200));
  const alerts = received.filter((event) => event.type === 'notify' && event.body.data.notification.userId === 'ivy');
  assert.ok(alerts.length > 0, 'Ivy\'s alert for Dee\'s message reached the backend');
  assert.ok(received.every((event) => event.verified), 'every request verifies with the webhook secret');
});
