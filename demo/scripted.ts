import type * as Volley from '../src/index.js';

type Core = Pick<typeof Volley, 'ChatClient' | 'ChatEngine' | 'LocalTransport' | 'ManualClock' | 'MemoryPayments' | 'presets'>;
type Say = (who: string, text: string, message?: Volley.Message) => void;

const HOUR = 3_600_000;

/**
 * A customer and a provider on one in-page engine: messages, a volley, a late reply that is not
 * one, a tribute request paid in one click, a close and a reopen. Returns a one-line summary.
 */
export async function runScriptedConversation(core: Core, say: Say): Promise<string> {
  const clock = new core.ManualClock(Date.parse('2026-01-01T09:00:00Z'));
  const payments = new core.MemoryPayments();
  const engine = new core.ChatEngine({ policy: core.presets.paidChat(), clock, payments });
  engine.upsertUser({ id: 'cam', role: 'customer', name: 'Cam' });
  engine.upsertUser({ id: 'ivy', role: 'provider', name: 'Ivy' });
  const customer = new core.ChatClient({ transport: new core.LocalTransport(engine, { userId: 'cam' }), clock });
  const provider = new core.ChatClient({ transport: new core.LocalTransport(engine, { userId: 'ivy' }), clock });
  await Promise.all([customer.connect(), provider.connect()]);

  const text = (m: Volley.Message) => ('text' in m && m.text) || m.kind;
  const conversation = await customer.startConversation({ with: 'ivy' });
  say('Cam', text(await customer.send(conversation.id, { kind: 'text', text: 'Hi Ivy! Are you around tonight? 😊' })));
  clock.advance(HOUR);
  const reply = await provider.send(conversation.id, { kind: 'text', text: 'Hey Cam, I am here.' });
  say('Ivy', `${text(reply)} (one hour later: a volley)`, reply);
  const second = await provider.send(conversation.id, { kind: 'text', text: 'What would you like to talk about?' });
  say('Ivy', `${text(second)} (a second reply: not a volley)`, second);
  say('Cam', text(await customer.send(conversation.id, { kind: 'text', text: 'Your last show!' })));
  clock.advance(13 * HOUR);
  const late = await provider.send(conversation.id, { kind: 'text', text: 'Sorry, I was away.' });
  say('Ivy', `${text(late)} (13 hours later: not a volley)`, late);

  const request = await provider.requestTribute(conversation.id, { amountCents: 500, note: 'For the next show' });
  say('Ivy', `requests a $5.00 tribute: "${request.kind === 'tribute-request' ? request.note : ''}"`);
  await customer.sendTribute(conversation.id, { amountCents: 500, requestId: request.id });
  say('Cam', 'paid the tribute: "tribute received" shows on both sides');

  await customer.closeConversation(conversation.id);
  say('Cam', `closed the chat (in Cam's list: ${customer.state.conversations[conversation.id]?.closed ? 'hidden' : 'shown'})`);
  const thanks = await provider.send(conversation.id, { kind: 'text', text: 'Thanks for the tribute!' });
  await new Promise((resolve) => setTimeout(resolve, 0)); // let the event reach Cam's client
  say('Ivy', `${text(thanks)} (after the tribute, a customer message: a volley). The chat is back in Cam's list (${customer.state.conversations[conversation.id]?.closed ? 'hidden' : 'shown'})`, thanks);

  const volleys = provider.state.messages[conversation.id]?.filter((m) => m.volley).length ?? 0;
  return `Done: ${volleys} volleys, $${(payments.earnings('ivy') / 100).toFixed(2)} earned by Ivy.`;
}
