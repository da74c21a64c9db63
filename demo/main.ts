import { initialTheme, mountThemeSwitch } from './theme.js';
import { ChatClient, ChatEngine, LocalTransport, ManualClock, MemoryPayments, presets, type Message } from '../src/index.js';
import '../src/elements/index.js';
import { mountEditor } from './editor.js';
import { mountGallery } from './gallery.js';
import { startLive } from './live.js';
import { runScriptedConversation } from './scripted.js';

/** The designers' page: a light/dark switch, the live product, the theme and strings editor, the gallery, a scripted chat. */
const byId = <E extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as E;

startLive(byId('live')).catch((error: unknown) => console.error(error));
const editorTheme = mountEditor(byId<HTMLFormElement>('editor'), byId('themed'), initialTheme);
mountThemeSwitch(byId<HTMLButtonElement>('theme-switch'), editorTheme);
mountGallery(byId('gallery-sections'));

// The scripted conversation runs when its section is first opened.
const scripted = byId<HTMLDetailsElement>('scripted');
scripted.addEventListener('toggle', () => {
  if (!scripted.open || scripted.dataset.ran) return;
  scripted.dataset.ran = 'true';
  const log = byId('log');
  const status = byId('status');
  const line = (who: string, text: string, message?: Message) => {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.className = 'who';
    name.textContent = `${who}: `;
    // User text goes in as text, never as HTML.
    item.append(name, document.createTextNode(text));
    if (message?.volley) {
      const badge = document.createElement('span');
      badge.className = 'volley';
      badge.textContent = 'NF';
      badge.title = 'This reply made a volley';
      item.append(badge);
    }
    log.append(item);
  };
  runScriptedConversation({ ChatClient, ChatEngine, LocalTransport, ManualClock, MemoryPayments, presets }, line)
    .then((summary) => { status.textContent = summary; })
    .catch((error: unknown) => {
      status.textContent = `The script stopped: ${error instanceof Error ? error.message : String(error)}`;
      console.error(error);
    });
});
