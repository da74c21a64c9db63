// Two independent chats on one page, each with its own client, under a strict CSP.
import { ChatClient, ChatEngine, LocalTransport, ManualClock, presets } from '../../src/index.js';
import '../../src/elements/index.js';

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective}: ${event.blockedURI}`));

const clock = new ManualClock(Date.parse('2026-01-01T09:00:00Z'));
const engine = new ChatEngine({ policy: presets.paidChat(), clock });
engine.upsertUser({ id: 'cam', role: 'customer', name: 'Cam' });
engine.upsertUser({ id: 'ivy', role: 'provider', name: 'Ivy' });
const customer = new ChatClient({ transport: new LocalTransport(engine, { userId: 'cam' }), clock });
const provider = new ChatClient({ transport: new LocalTransport(engine, { userId: 'ivy' }), clock });

const ready = (async () => {
  await Promise.all([customer.connect(), provider.connect()]);
  const conversation = await customer.startConversation({ with: 'ivy' });
  await customer.send(conversation.id, { kind: 'text', text: 'Hello <img src=x onerror=alert(1)>' });
  for (const [id, client] of [['customer', customer], ['provider', provider]] as const) {
    const element = document.getElementById(id) as HTMLElementTagNameMap['volley-chat'];
    element.client = client;
    element.conversationId = conversation.id;
  }
  return { conversation, customer, provider, engine, clock };
})();

Object.assign(window, { volleyCsp: { ready, violations } });
