import { ChatEngine } from '../engine/engine.js';
import { createId } from '../model/ids.js';
import { presets } from '../model/policy.js';
import type { User } from '../model/types.js';
import { LocalTransport } from '../transport/local.js';

/** How long the demo's other side takes to answer: long enough to read as a person typing. */
const REPLY_DELAY_MS = 1500;

/** The demo's other side, and what it says. */
const IVY: User = { id: 'ivy', role: 'provider', name: 'Ivy' };
const CAM: User = { id: 'cam', role: 'customer', name: 'Cam' };
const LINES = {
  ask: 'Hi Ivy! Are you around tonight?',
  answer: 'Hi! Yes, until ten. What would you like to talk about?',
  reply: 'Got it, thank you! (This is the demo: an in-page engine answers for me.)',
};

/**
 * The script tag's default world: a paid-chat engine in the page with the user, one person on
 * the other side (a provider for a customer, a customer for a provider) and one earlier
 * exchange, so the panel opens onto a live chat. The other side answers each new message.
 */
export async function demoWorld(me: User, otherId?: string, replyDelayMs = REPLY_DELAY_MS) {
  const engine = new ChatEngine({ policy: presets.paidChat() });
  const meCustomer = me.role === 'customer';
  const other = { ...(meCustomer ? IVY : CAM), ...(otherId ? { id: otherId } : {}) };
  engine.upsertUser(me);
  engine.upsertUser(other);
  const [customer, provider] = meCustomer ? [me, other] : [other, me];
  const { id } = await engine.execute<'start'>(customer.id, { type: 'start', with: provider.id });
  const say = (user: User, text: string) => engine.execute(user.id, { type: 'send', conversationId: id, message: { id: createId(), kind: 'text', text } });
  await say(customer, LINES.ask);
  await say(provider, LINES.answer);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = engine.connect(other.id, (event) => {
    if (event.type !== 'message' || event.message.authorId !== me.id) return;
    clearTimeout(timer);
    timer = setTimeout(() => say(other, LINES.reply).catch(() => undefined), replyDelayMs);
  });
  return {
    transport: new LocalTransport(engine, { userId: me.id }),
    conversationId: id,
    dispose() {
      stop();
      clearTimeout(timer);
      engine.dispose();
    },
  };
}
