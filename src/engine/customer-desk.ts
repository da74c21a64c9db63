import { ChatError } from '../model/errors.js';
import { compact } from '../model/ids.js';
import type { CustomerContext, CustomerDetails } from '../model/types.js';
import type { Command } from '../protocol/commands.js';
import { ID, TEXT } from '../protocol/shapes.js';
import type { Shape } from '../protocol/schema.js';
import { summarizeChats } from '../rules/details.js';
import { messageIn } from './message-reads.js';
import { checkLength, notFound, type ConversationRecord, type EngineKernel, type UserRecord } from './records.js';

/** The commands this desk answers; the engine loads it on the first of them. */
export type CustomerCommand = Extract<Command, { type: 'customer-details' | 'set-note' | 'engagement-history' | 'customer-context' }>;

/** The wire shapes of those commands: the engine checks each against them before the desk runs it (E1, E2). */
export const shapes: Record<CustomerCommand['type'], Shape> = {
  'customer-details': { customerId: ID },
  'set-note': { customerId: ID, text: TEXT },
  'engagement-history': { customerId: ID },
  'customer-context': { conversationId: ID },
};

export const open = (kernel: EngineKernel): CustomerDesk => (kernel.desks.customer ??= new CustomerDesk(kernel));

/**
 * What the provider side knows of a customer: the history overview and private notes (P5), the
 * host's engagement history (K4) and the context a member reads after a claim (T6). Loaded on the
 * first of its commands: only a provider's workspace asks for them.
 */
export class CustomerDesk {
  /** P5: private notes, by customer and party. */
  readonly #notes = new Map<string, string>();

  constructor(private readonly kernel: EngineKernel) {}

  exportState(): Map<string, string> {
    return this.#notes;
  }

  restoreState(notes: Map<string, string>): void {
    for (const [key, text] of notes) this.#notes.set(key, text);
  }

  execute(user: UserRecord, command: CustomerCommand): unknown {
    switch (command.type) {
      case 'customer-details': return this.#details(user, command.customerId);
      case 'set-note': return this.#setNote(user, command.customerId, command.text);
      case 'engagement-history': return this.#engagementHistory(user, command.customerId);
      case 'customer-context': return this.#context(user, command.conversationId);
    }
  }

  /** The customer's chats with any party the member acts for, or not-found. */
  #chats(user: UserRecord, customerId: string): { customer: UserRecord; conversations: ConversationRecord[]; party: string } {
    const { kernel } = this;
    // A role problem, not a missing record: customers never see details or notes, not even their own.
    if (user.role === 'customer') throw new ChatError('forbidden', 'Only the provider side sees customer details.');
    const customer = kernel.user(customerId);
    const conversations = customer ? kernel.partiesOf(user).flatMap((party) => kernel.pairConversations(customerId, party)) : [];
    if (!customer || conversations.length === 0) throw notFound('That customer');
    return { customer, conversations, party: conversations[0].providerId };
  }

  /** P5: the history overview of one customer with the caller's provider. */
  #details(user: UserRecord, customerId: string): CustomerDetails {
    const { customer, conversations, party } = this.#chats(user, customerId);
    return summarizeChats(customer, conversations.map((c) => ({ volleys: 0, tributes: 0, tributeCents: 0, ...c.facts, lastAt: c.lastAt })), this.#notes.get(`${customerId}\u0000${party}`) ?? '');
  }

  /** P5: private notes, seen only by the provider side. */
  #setNote(user: UserRecord, customerId: string, text: string): CustomerDetails {
    const { party } = this.#chats(user, customerId);
    checkLength(text, this.kernel.policy.messages.maxNoteLength);
    this.#notes.set(`${customerId}\u0000${party}`, text);
    return this.#details(user, customerId);
  }

  /** K4: what the host knows of the customer beyond the chat. */
  async #engagementHistory(user: UserRecord, customerId: string): Promise<unknown[]> {
    const { party } = this.#chats(user, customerId);
    const { history } = this.kernel;
    return history ? [...(await history.engagementHistory(customerId, party))] : [];
  }

  /** T6: the customer's query and history from the host, for the provider side of this chat only. */
  async #context(user: UserRecord, conversationId: string): Promise<CustomerContext> {
    const { kernel } = this;
    const conversation = kernel.conversation(conversationId);
    if (!conversation) throw notFound('That conversation');
    if (user.role === 'customer' || !kernel.partiesOf(user).includes(conversation.providerId)) {
      throw new ChatError('forbidden', 'Only the provider side of this chat sees the customer context.');
    }
    const { customerId } = conversation;
    const known = (await kernel.history?.context?.(customerId, conversation.id)) ?? {};
    const openingId = conversation.facts?.openingId;
    const opening = openingId === undefined ? undefined : await messageIn(kernel.reads, conversation, openingId);
    return compact({
      customerId,
      query: known.query ?? (opening?.kind === 'text' ? opening.text : undefined),
      history: known.history ? [...known.history] : undefined,
    });
  }
}
