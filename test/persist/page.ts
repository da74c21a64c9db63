/**
 * One browser tab of a user, for test/persist.test.ts: a client with persistence on a
 * LocalTransport to the engine of the test's window (same origin), and a composer. The query
 * names the tab (`?tab=a`); the test's `volleyPersistHost` says what the page starts with.
 */
import { ChatClient, ChatError, LocalTransport, type ChatEngine, type Clock, type ErrorCode, type Snapshot } from '../../src/index.js';
import { createPersistence, type BrowserPersistence } from '../../src/persist/index.js';
import '../../src/elements/composer/composer.js';
import type { VolleyComposer } from '../../src/elements/composer/composer.js';

export interface PersistHost {
  engine: ChatEngine;
  clock: Clock;
  namespace: string;
  userId: string;
  conversationId: string;
  /** The page starts offline. */
  offline: boolean;
  /** The engine forgot who closed and read what, as one recreated from its message log would. */
  forgetful: boolean;
  /** Every request a tab made, as `<tab>:<command type>`. */
  requests: string[];
  /** The next send is stored, then the connection dies before its answer (the tab goes offline). */
  cutAfterStore?: boolean;
}

export interface PersistPage {
  client: ChatClient;
  transport: LocalTransport;
  persistence: BrowserPersistence;
  composer: VolleyComposer;
  /** Settles when the first connect did (or failed, offline). */
  ready: Promise<unknown>;
}

const host = (window.parent as unknown as { volleyPersistHost: PersistHost }).volleyPersistHost;
const tab = new URLSearchParams(location.search).get('tab') ?? 'a';

/**
 * The engine of the test's window, reached across the two windows' realms: it checks that a
 * command is a plain object of its own window, and this page's ChatError is another class than
 * the engine's. So commands cross as JSON parsed by the engine's window, and refusals come back
 * as this page's ChatError: what a socket would do.
 */
const parentJSON = (window.parent as unknown as typeof globalThis).JSON;
const engine = {
  // LocalTransport.upload() checks files against the engine's attachment policy.
  get policy() { return host.engine.policy; },
  connect: (userId: string, listener: never) => host.engine.connect(userId, listener),
  async execute(userId: string, command: unknown) {
    try {
      return await host.engine.execute(userId, parentJSON.parse(JSON.stringify(command)));
    } catch (error) {
      const { code, message } = error as { code?: ErrorCode; message: string };
      throw code ? new ChatError(code, message) : error;
    }
  },
} as unknown as ChatEngine;

const transport = new LocalTransport(engine, { userId: host.userId });
if (host.offline) transport.setOnline(false);
const request = transport.request.bind(transport);
transport.request = async (command) => {
  host.requests.push(`${tab}:${command.type}`);
  if (command.type === 'send' && host.cutAfterStore) {
    // On its way: the engine stores it, and neither its event nor the answer comes back.
    host.cutAfterStore = false;
    const stored = request(command);
    transport.setOnline(false);
    await stored;
    throw new ChatError('unavailable');
  }
  const result = await request(command);
  if (command.type === 'hello' && host.forgetful) {
    const snapshot = result as Snapshot;
    for (const conversation of snapshot.conversations) {
      conversation.closed = false;
      conversation.unread = (snapshot.messages[conversation.id] ?? []).some((m) => m.authorId !== snapshot.me.id);
    }
  }
  return result;
};

const persistence = createPersistence({ namespace: host.namespace });
const client = new ChatClient({ transport, clock: host.clock, persistence });
// A reloaded page leaves the engine, as a closed socket would.
addEventListener('pagehide', () => {
  client.disconnect();
  persistence.close();
});

const composer = document.querySelector('volley-composer')!;
composer.client = client;
composer.conversationId = host.conversationId;

(window as unknown as { volleyPage: PersistPage }).volleyPage = {
  client, transport, persistence, composer, ready: client.connect().catch((error: unknown) => error),
};
