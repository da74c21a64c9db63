/**
 * dist/volley.js, the script tag: `window.Volley.mount()` (the `mount` below, which the script
 * loads from dist/volley/widget.js) builds a client on the chosen transport and puts a
 * `volley-launcher` (or an inline `volley-chat`) on the page.
 * @module volley.js (script tag)
 */
import { ChatClient } from '../client/client.js';
import '../elements/launcher/launcher.js';
import { ChatError, isChatError } from '../model/errors.js';
import type { Transport } from '../transport/transport.js';
import type { MountOptions, Mounted } from './options.js';

export type { MountOptions, Mounted, VolleyApi } from './options.js';

/** The element `where` names (a selector, or the element itself); `invalid` when it is not on the page. */
function find(where: Element | string): Element {
  const found = typeof where === 'string' ? document.querySelector(where) : where;
  if (!found) throw new ChatError('invalid', `Nothing on the page matches "${String(where)}".`);
  return found;
}

/** The transport a mount asked for; `local` (the default) is the in-page demo world. */
async function connectTransport(options: MountOptions): Promise<{ transport: Transport; conversationId?: string; dispose?: () => void }> {
  const transport = options.transport ?? 'local';
  if (typeof transport !== 'string') return { transport };
  if (transport === 'local') {
    const role = options.role === 'customer' || !options.role ? 'customer' : 'provider';
    // Loaded only by the in-page demo: a mount on a server never ships an engine it does not use.
    const { demoWorld } = await import('./demo-world.js');
    return demoWorld({ id: options.user ?? 'guest', name: options.name ?? 'Guest', role }, options.with ?? options.card?.provider);
  }
  if (/^wss?:\/\//.test(transport)) {
    if (!options.token) throw new ChatError('invalid', 'A WebSocket transport needs the token your server signed (data-token).');
    // Loaded only by a mount on a server: the in-page demo never needs it.
    const { WebSocketTransport } = await import('../transport/ws.js');
    return { transport: new WebSocketTransport({ url: transport, token: options.token }) };
  }
  throw new ChatError('invalid', `Unknown transport "${transport}": use "local", a ws:// or wss:// URL, or pass a Transport.`);
}

/**
 * Connects a client and puts a `volley-launcher` (with `inline`, a `volley-chat`) into the target.
 * Rejects with a `ChatError` and mounts nothing: `invalid` for an unknown transport, a server URL
 * without a token or a target not on the page; the server's own code (`forbidden`) for a refused
 * token. A server out of reach mounts the chat offline while the transport keeps trying.
 */
export async function mount(options: MountOptions = {}): Promise<Mounted> {
  const target = find(options.target ?? document.body);
  const cardTarget = options.card && find(options.card.target ?? target);
  const { transport, conversationId: demoConversation, dispose: stopTransport } = await connectTransport(options);
  // The in-page engine starts afresh on each load: what a browser kept would name chats it no
  // longer has, so only a mount on a server keeps drafts, closed chats and the outbox by default.
  const persistence = (options.persist ?? !demoConversation)
    ? (await import('../persist/index.js')).createPersistence({ userId: options.user })
    : undefined;
  const dispose = () => {
    persistence?.close();
    stopTransport?.();
  };
  const client = new ChatClient({ transport, persistence });
  try {
    await client.connect();
  } catch (error) {
    // A server out of reach: the chat mounts offline and the transport keeps trying.
    if (!isChatError(error) || error.code !== 'unavailable') {
      client.disconnect();
      dispose();
      throw error;
    }
  }
  // The chat with `with`, when the engine lets this user have one (a customer starts it).
  const withChat = options.with && !demoConversation ? await client.startConversation({ with: options.with }).catch(() => undefined) : undefined;
  const conversationId = options.conversationId ?? demoConversation ?? withChat?.id;
  if (options.inline) await import('../elements/chat/chat.js');
  const element = document.createElement(options.inline ? 'volley-chat' : 'volley-launcher');
  element.client = client;
  element.conversationId = conversationId;
  if (options.theme) element.theme = options.theme;
  if (!options.inline && options.position) (element as HTMLElementTagNameMap['volley-launcher']).position = options.position;
  target.append(element);
  if (options.open && 'show' in element) element.show();
  let card: Mounted['card'];
  if (options.card) {
    await import('../elements/chat-card/chat-card.js');
    const { provider, avatar, onlineOnly = false } = options.card;
    card = Object.assign(document.createElement('volley-chat-card'), { client, provider, avatar, onlineOnly });
    if (options.theme) card.setAttribute('theme', options.theme);
    // The card's Chat opens the chat it started (or reopened) in the panel, or in the inline chat.
    card.addEventListener('volley-select', ({ conversationId: id }) => {
      if ('show' in element) return element.show(id);
      element.conversationId = undefined;
      element.conversationId = id;
    });
    cardTarget!.append(card);
  }
  return {
    client,
    element,
    conversationId,
    card,
    unmount() {
      card?.remove();
      element.remove();
      client.disconnect();
      dispose();
    },
  };
}
