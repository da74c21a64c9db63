// The examples' chat: an in-page engine where Cam, the customer, writes to Ivy. On a server, use
// WebSocketTransport from 'volley-chat/ws' instead of LocalTransport.
import { ChatClient, ChatEngine, LocalTransport, presets } from 'volley-chat';

export async function connect(): Promise<{ client: ChatClient; conversationId: string }> {
  const engine = new ChatEngine({ policy: presets.paidChat() });
  engine.upsertUser({ id: 'ivy', role: 'provider', name: 'Ivy' });
  engine.upsertUser({ id: 'cam', role: 'customer', name: 'Cam' });
  const client = new ChatClient({ transport: new LocalTransport(engine, { userId: 'cam' }) });
  await client.connect();
  const conversation = await client.startConversation({ with: 'ivy' });
  return { client, conversationId: conversation.id };
}
