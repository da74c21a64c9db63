// Delivered receipts, coalesced: a provider answers in a burst (four lines at once) while her
// customer has the chat open on a phone. The customer's page tells the server it has them with one
// receipt at most (not one per message), and the provider still sees her answers delivered (P12).
import assert from 'node:assert/strict';
import type { Conversation } from '../src/index.ts';
import { journey } from './harness.ts';
import { bubble, row, write } from './helpers.ts';

/** The value of one sample in Prometheus text (`name{labels} value`), or undefined. */
function sample(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

journey('receipts: a burst of answers costs the customer\'s page one delivered receipt at most, and the provider sees them delivered', async (world) => {
  const receipts = async () => sample(await (await fetch(`${world.server.url}/metrics`)).text(), 'volley_commands_total', 'type="delivered",outcome="ok"') ?? 0;
  const dee = await world.customer('Dee');
  const customer = await world.open(dee, { with: 'ivy', size: 'phone' });
  await write(customer, 'A few quick answers, please');
  const ivy = await world.open('ivy');
  await ivy.press(row(ivy, 'A few quick answers, please'));
  await ivy.see(bubble(ivy, 'A few quick answers, please'));
  const { conversations } = await world.server.engine.execute('ivy', { type: 'hello' }) as { conversations: Conversation[] };
  const chat = conversations.find((c) => c.customerId === dee)!;
  // Ivy read it: what her page had to say about it is said.
  const asked = customer.find('volley-thread [part~="message"]').filter({ hasText: 'A few quick answers, please' });
  await customer.see(asked.locator('[part~="receipt"]').filter({ hasText: 'Read' }));
  const before = await receipts();

  // Four answers at once, as a paste or a bot would send them.
  const answers = ['Answer one', 'Answer two', 'Answer three', 'Answer four'];
  await Promise.all(answers.map((text, i) => new Promise((resolve, reject) => world.server.journal.command('ivy',
    { type: 'send', conversationId: chat.id, message: { id: `burst-${i}`, kind: 'text', text } },
    (outcome) => (outcome.ok ? resolve(outcome.value) : reject(outcome.error))))));
  await customer.see(bubble(customer, 'Answer four'));
  const last = ivy.find('volley-thread [part~="message"]').filter({ hasText: 'Answer four' });
  await ivy.see(last.locator('[part~="receipt"]').filter({ hasText: /Delivered|Read/ }));
  await customer.shot('receipts-phone');
  await ivy.shot('receipts-desk');

  const sent = (await receipts()) - before;
  assert.ok(sent <= 1, `the customer's page sent ${sent} delivered receipts for a burst of ${answers.length}`);
});
