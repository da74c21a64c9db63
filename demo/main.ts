import { ChatClient, ChatEngine, LocalTransport, ManualClock, MemoryPayments, presets, type Message } from '../src/index.js';
import { runScriptedConversation } from './scripted.js';

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

runScriptedConversation({ ChatClient, ChatEngine, LocalTransport, ManualClock, MemoryPayments, presets }, (who: string, text: string, message?: Message) => line(who, text, Boolean(message?.volley)))
  .then((summary) => { status.textContent = summary; })
  .catch((error: unknown) => {
    status.textContent = `The script stopped: ${error instanceof Error ? error.message : String(error)}`;
    console.error(error);
  });
