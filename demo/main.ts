import { ChatClient, ChatEngine, LocalTransport, ManualClock, MemoryPayments, presets, type Message } from '../src/index.js';
import '../src/elements/index.js';
import { runScriptedConversation } from './scripted.js';

/** Two live chats on one in-page engine (real time), each panel with its own client. */
async function startLiveChats(): Promise<void> {
  const engine = new ChatEngine({ policy: presets.paidChat() });
  engine.upsertUser({ id: 'cam', role: 'customer', name: 'Cam' });
  engine.upsertUser({ id: 'ivy', role: 'provider', name: 'Ivy' });
  const customer = new ChatClient({ transport: new LocalTransport(engine, { userId: 'cam' }) });
  const provider = new ChatClient({ transport: new LocalTransport(engine, { userId: 'ivy' }) });
  await Promise.all([customer.connect(), provider.connect()]);
  const conversation = await customer.startConversation({ with: 'ivy' });
  await customer.send(conversation.id, { kind: 'text', text: 'Hi Ivy! Are you around tonight?' });
  for (const [id, client] of [['customer', customer], ['provider', provider]] as const) {
    const chat = document.getElementById(id) as HTMLElementTagNameMap['volley-chat'];
    chat.client = client;
    chat.conversationId = conversation.id;
  }
}

const log = document.getElementById('log')!;
const status = document.getElementById('status')!;

/** Adds one line: user text goes in as text, never as HTML. */
function line(who: string, text: string, volley = false): void {
  const item = document.createElement('li');
  const name = document.createElement('span');
  name.className = 'who';
  name.textContent = `${who}: `;
  item.append(name, document.createTextNode(text));
  if (volley) {
    const badge = document.createElement('span');
    badge.className = 'volley';
    badge.textContent = 'NF';
    badge.title = 'This reply made a volley';
    item.append(badge);
  }
  log.append(item);
}

startLiveChats().catch((error: unknown) => console.error(error));

runScriptedConversation({ ChatClient, ChatEngine, LocalTransport, ManualClock, MemoryPayments, presets }, (who: string, text: string, message?: Message) => line(who, text, Boolean(message?.volley)))
  .then((summary) => { status.textContent = summary; })
  .catch((error: unknown) => {
    status.textContent = `The script stopped: ${error instanceof Error ? error.message : String(error)}`;
    console.error(error);
  });
