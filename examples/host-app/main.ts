// A host app as a user writes it: Volley by its package name, bundled with the app's own tools
// (`npm run example` type-checks it against the built package and bundles it with rollup).
import { ChatClient, ChatEngine, LocalTransport, presets } from 'volley-chat';
import 'volley-chat/elements/chat.js';
import { createPersistence } from 'volley-chat/persist';

// An in-page engine for the example; on a server, use WebSocketTransport from 'volley-chat/ws'.
const engine = new ChatEngine({ policy: presets.paidChat() });
engine.upsertUser({ id: 'ivy', role: 'provider', name: 'Ivy' });
engine.upsertUser({ id: 'cam', role: 'customer', name: 'Cam' });

const client = new ChatClient({
  transport: new LocalTransport(engine, { userId: 'cam' }),
  persistence: createPersistence({ namespace: 'host-app' }),
});
await client.connect();
const conversation = await client.startConversation({ with: 'ivy' });

const chat = document.querySelector('volley-chat')!;
chat.client = client;
chat.conversationId = conversation.id;
chat.addEventListener('volley-send', (event) => console.log('sending', event.draft));
