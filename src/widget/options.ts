import type { ChatClient } from '../client/client.js';
import type { VolleyChat } from '../elements/chat/chat.component.js';
import type { VolleyChatCard } from '../elements/chat-card/chat-card.component.js';
import type { VolleyLauncher } from '../elements/launcher/launcher.component.js';
import type { Role } from '../model/types.js';
import type { Transport } from '../transport/transport.js';

/** What `Volley.mount()` takes; the script tag reads the same from its `data-*` attributes. */
export interface MountOptions {
  /** Where the launcher (or, with `inline`, the chat) goes: an element or a selector. Default: `document.body`. */
  target?: Element | string;
  /** Mount `volley-chat` itself into `target`, without the bubble. */
  inline?: boolean;
  /**
   * `local` (default: an in-page engine with demo data), the `ws://` or `wss://` URL of a Volley
   * server (with `token`), or your own `Transport`.
   */
  transport?: 'local' | Transport | (string & {});
  /** For a server: the token your backend signed for this user, or a function that fetches a fresh one. */
  token?: string | (() => string | Promise<string>);
  /** The user's id, name and role on the in-page engine (defaults: `guest`, `Guest`, `customer`). */
  user?: string;
  name?: string;
  role?: Role;
  /** Who to chat with: a provider, team or channel id. Opens that chat. */
  with?: string;
  /** The chat to open first. */
  conversationId?: string;
  theme?: 'light' | 'dark';
  /** Which bottom corner holds the bubble: `end` (default) or `start`. */
  position?: 'start' | 'end';
  /**
   * Keep drafts, the outbox, closed chats and read cursors across reloads (IndexedDB, through
   * `volley-chat/persist`). Default: on, except on the in-page demo engine, which starts afresh.
   */
  persist?: boolean;
  /** Open the panel at once. */
  open?: boolean;
  /**
   * A provider's card (`volley-chat-card`) for a profile or listing page, mounted into its own
   * `target` (default: the mount's target). Its Chat button opens the chat in the launcher's panel
   * (or in the inline chat). The demo engine puts this provider on the other side.
   */
  card?: { provider: string; target?: Element | string; avatar?: string; onlineOnly?: boolean };
}

/** What a mount made, and how to undo it. */
export interface Mounted {
  client: ChatClient;
  element: VolleyLauncher | VolleyChat;
  /** The chat opened first, if any. */
  conversationId?: string;
  /** The provider's card, when the mount asked for one. */
  card?: VolleyChatCard;
  /** Removes the element and disconnects the client (and stops the in-page engine it started). */
  unmount(): void;
}

/** `window.Volley`: the one global the script tag installs. */
export interface VolleyApi {
  /** Mounts a launcher (or an inline chat); loads the elements on first call. */
  mount(options?: MountOptions): Promise<Mounted>;
  /** The script tag's own mount, from its data-attributes (none with `data-mount="manual"`). */
  readonly ready?: Promise<Mounted>;
}

/** The ES module the loader imports: dist/volley/widget.js. */
export interface WidgetModule {
  mount(options?: MountOptions): Promise<Mounted>;
}

declare global {
  interface Window {
    Volley?: VolleyApi;
  }
}

/**
 * The mount options a script tag's data-attributes give: `data-user`, `data-name`, `data-role`,
 * `data-with`, `data-transport`, `data-token`, `data-theme`, `data-position`, `data-target`,
 * `data-conversation`, `data-persist="false"`, `data-open`, `data-inline`; and for a provider's card
 * `data-card` (the provider's id), `data-card-target`, `data-card-avatar`, `data-card-online-only`.
 */
export function optionsFromDataset(data: DOMStringMap): MountOptions {
  const flag = (value?: string) => (value === undefined ? undefined : !/^(false|off|no|0)$/i.test(value));
  return {
    user: data.user,
    name: data.name,
    role: data.role as Role | undefined,
    with: data.with,
    transport: data.transport,
    token: data.token,
    theme: data.theme as MountOptions['theme'],
    position: data.position as MountOptions['position'],
    target: data.target,
    conversationId: data.conversation,
    persist: flag(data.persist),
    open: flag(data.open),
    inline: flag(data.inline),
    ...(data.card ? { card: { provider: data.card, target: data.cardTarget, avatar: data.cardAvatar, onlineOnly: flag(data.cardOnlineOnly) } } : {}),
  };
}
