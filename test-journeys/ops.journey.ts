// An operator watches the chat server while people use it: a customer writes from a phone, the
// provider answers from a desktop, and the server's Prometheus endpoint counts what happened (open
// sockets, commands by type and outcome, durable batches) — for this machine's scraper only, never
// for a page or a caller that came through a proxy.
import assert from 'node:assert/strict';
import { journey } from './harness.ts';
import { bubble, row, write } from './helpers.ts';

/** The value of one sample in Prometheus text (`name{labels} value`), or undefined. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(labels ? `${name}{${labels}}` : `${name} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

journey('ops: while a customer and a provider chat, GET /metrics counts sockets, commands and durable batches, for this machine only', async (world) => {
  const metrics = async () => (await fetch(`${world.server.url}/metrics`)).text();
  const before = await metrics();
  const sent = sample(before, 'volley_commands_total', 'type="send",outcome="ok"') ?? 0;

  const dee = await world.customer('Dee');
  const customer = await world.open(dee, { with: 'ivy', size: 'phone' });
  await write(customer, 'Counted, and never logged');
  const ivy = await world.open('ivy');
  await ivy.press(row(ivy, 'Counted, and never logged'));
  await ivy.see(bubble(ivy, 'Counted, and never logged'));
  await write(ivy, 'Answered from the desk');
  await customer.see(bubble(customer, 'Answered from the desk'));

  const after = await metrics();
  assert.ok(sample(after, 'volley_connections_open')! >= 2, 'both pages hold a socket');
  assert.equal(sample(after, 'volley_commands_total', 'type="send",outcome="ok"'), sent + 2, 'two messages sent');
  assert.ok(sample(after, 'volley_commands_total', 'type="hello",outcome="ok"')! >= 2);
  assert.ok(sample(after, 'volley_journal_commit_seconds_count')! > 0, 'durable batches timed');
  assert.ok(sample(after, 'process_resident_memory_bytes')! > 0, 'process defaults');
  assert.doesNotMatch(after, /Counted, and never logged/);

  // Not for a page (it carries an Origin) nor for a caller behind a proxy.
  assert.equal((await fetch(`${world.server.url}/metrics`, { headers: { origin: world.url } })).status, 403);
  assert.equal((await fetch(`${world.server.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status, 403);
  await customer.shot('ops-phone');
  await ivy.shot('ops-desktop');
});
