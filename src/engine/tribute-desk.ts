import { ChatError, isChatError } from '../model/errors.js';
import { compact } from '../model/ids.js';
import type { Message } from '../model/types.js';
import type { Command, CommandOf } from '../protocol/commands.js';
import { CENTS, ID, TEXT } from '../protocol/shapes.js';
import { optional, type Shape } from '../protocol/schema.js';
import { messageIn } from './message-reads.js';
import { checkLength, notFound, type ConversationRecord, type EngineKernel, type Side, type UserRecord } from './records.js';

/** The commands this desk answers; the engine loads it on the first of them. */
export type TributeCommand = Extract<Command, { type: 'request-tribute' | 'send-tribute' | 'buy' }>;

/** The wire shapes of those commands: the engine checks each against them before the desk runs it (E1, E2). */
export const shapes: Record<TributeCommand['type'], Shape> = {
  'request-tribute': { conversationId: ID, id: ID, amountCents: CENTS, note: optional(TEXT) },
  'send-tribute': { conversationId: ID, id: ID, amountCents: CENTS, note: optional(TEXT), requestId: optional(ID) },
  buy: { conversationId: ID, id: ID, itemId: ID },
};

export const open = (kernel: EngineKernel): TributeDesk => (kernel.desks.tribute ??= new TributeDesk(kernel));

/**
 * The customer's payments in a chat: tributes (P4), a provider's request card and the paid tribute,
 * and purchases of the payment buttons and goodies the provider inserted (P3). Loaded on the first
 * of their commands.
 */
export class TributeDesk {
  /** Requests paid, or with a payment pending: each is paid once. */
  readonly #paidRequests = new Set<string>();

  constructor(private readonly kernel: EngineKernel) {}

  exportState(): Set<string> {
    return this.#paidRequests;
  }

  restoreState(paid: Set<string>): void {
    for (const id of paid) this.#paidRequests.add(id);
  }

  execute(user: UserRecord, command: TributeCommand): Promise<Message> {
    return command.type === 'request-tribute' ? this.#request(user, command)
      : command.type === 'buy' ? this.#buy(user, command) : this.#send(user, command);
  }

  #request(user: UserRecord, command: CommandOf<'request-tribute'>): Promise<Message> {
    return this.kernel.compose(user, command.conversationId, command.id, async ({ conversation, side, maySend, commit }) => {
      this.#check(conversation, side, 'provider', command);
      maySend([command.note]);
      return commit(compact({ kind: 'tribute-request', amountCents: command.amountCents, note: command.note || undefined }));
    });
  }

  /** The payment goes through the host first; only an accepted payment makes a tribute. */
  #send(user: UserRecord, command: CommandOf<'send-tribute'>): Promise<Message> {
    const { kernel } = this;
    const { requestId } = command;
    return kernel.compose(user, command.conversationId, command.id, async ({ conversation, side, maySend, commit }) => {
      this.#check(conversation, side, 'customer', command);
      if (requestId !== undefined) {
        const request = await messageIn(kernel.reads, conversation, requestId);
        if (!request || request.kind !== 'tribute-request') throw notFound('That tribute request');
        if (request.amountCents !== command.amountCents) throw new ChatError('invalid', 'The amount does not match the request.');
        if (this.#paidRequests.has(request.id)) throw new ChatError('invalid', 'This tribute request is already paid.');
      }
      maySend([command.note]);
      // The request is reserved while the charge is pending, so a second payment racing this one
      // (another id) is refused rather than charged twice; a declined charge frees it again.
      if (requestId) this.#paidRequests.add(requestId);
      try {
        await kernel.payments.charge({ reason: 'tribute', payerId: user.id, payeeId: conversation.providerId, amountCents: command.amountCents, conversationId: conversation.id, messageId: command.id });
      } catch (cause) {
        if (requestId) this.#paidRequests.delete(requestId);
        throw new ChatError('payment-declined', isChatError(cause) ? cause.message : undefined);
      }
      return commit(compact({ kind: 'tribute', amountCents: command.amountCents, note: command.note || undefined, requestId }));
    });
  }

  /**
   * P3: the customer buys an item the provider inserted, at the item's own price, once: the charge
   * goes through the host first and only an accepted one makes the purchase notice both sides see.
   */
  #buy(user: UserRecord, command: CommandOf<'buy'>): Promise<Message> {
    const { kernel } = this;
    const { itemId } = command;
    return kernel.compose(user, command.conversationId, command.id, async ({ conversation, side, maySend, commit }) => {
      if (side !== 'customer') throw new ChatError('forbidden', 'Only the customer can buy.');
      const item = await messageIn(kernel.reads, conversation, itemId);
      const card = item?.kind === 'payment-button' ? item.button : item?.kind === 'goodie' ? item.goodie : undefined;
      if (!card) throw notFound('That item');
      if (card.amountCents === undefined) throw new ChatError('invalid', 'This item has no price.');
      // A chat's commands run in turn: a second purchase of the item (another id) waits for this one, then reads it here.
      if (conversation.facts?.purchased.includes(itemId)) {
        throw new ChatError('invalid', 'This item is already bought.');
      }
      // P6: nobody buys from a blocked pair (nor past any other refusal to write here).
      maySend([]);
      try {
        await kernel.payments.charge({ reason: 'purchase', payerId: user.id, payeeId: conversation.providerId, amountCents: card.amountCents, conversationId: conversation.id, messageId: command.id });
      } catch (cause) {
        throw new ChatError('payment-declined', isChatError(cause) ? cause.message : undefined);
      }
      return commit({ kind: 'purchase', itemId, title: card.title, amountCents: card.amountCents });
    });
  }

  /** P4 as the chat's own product has it: a care channel's chat, say, has no tributes. */
  #check(conversation: ConversationRecord, side: Side, from: Side, command: Exclude<TributeCommand, { type: 'buy' }>): void {
    const { tribute, messages } = this.kernel.policyOf(conversation);
    if (!tribute.enabled) throw new ChatError('forbidden', 'Tributes are not part of this chat.');
    if (side !== from) throw new ChatError('forbidden', `Only the ${from} can ${from === 'provider' ? 'request' : 'send'} a tribute.`);
    if (command.amountCents < tribute.minCents || command.amountCents > tribute.maxCents) {
      throw new ChatError('invalid', `A tribute is between ${tribute.minCents} and ${tribute.maxCents} cents.`);
    }
    checkLength(command.note, messages.maxNoteLength);
  }
}
